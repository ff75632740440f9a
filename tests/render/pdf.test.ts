import { beforeAll, describe, expect, it, vi } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { ROOT, hasTool, tmp } from '../helpers.js';
import { pdfPages } from '../pdf.js';
import { loadProgramme, type Catalogue } from '../../src/programme/load.js';
import { applyAnswers, readAnswers } from '../../src/portfolio/answers.js';
import { entrySpecs, SOURCE_LEGEND, sourceText } from '../../src/portfolio/layout.js';
import { readPortfolio } from '../../src/portfolio/portfolio.js';
import { writeScaffold } from '../../src/portfolio/scaffold.js';
import { assess } from '../../src/assess/assess.js';
import { answerText, chosenAreas } from '../../src/assess/answers.js';
import { renderPdf, type RenderInput, type SignoffView } from '../../src/render/pdf.js';
import { portfolioLine, taskSource } from '../../src/portfolio/source.js';

const UNICODE = 'Ελένη and Мария asked who would take them to school: naïve café – “quotes” … ‘single’.';
const DATE = new Date('2026-07-30T10:00:00Z');
const FINAL: SignoffView = { name: 'Priya Shah', role: 'Team manager', date: '2026-07-28', kind: 'final', digest: 'ab'.repeat(32), signed: false, status: 'valid' };

let cat: Catalogue;
const hasPdftotext = hasTool('pdftotext', 'the cross-check of the PDF reader against poppler');

function portfolioWith(answerFiles: string[]): string {
  const root = tmp('permanence-render-');
  writeScaffold(root, cat, { participant: 'Zoë Ó’Brien', cohort: 'North 2026', supervisor: 'Łucja Nowak', start_date: '2026-03-02' });
  for (const f of answerFiles) applyAnswers(root, cat, readAnswers(f, cat, entrySpecs(cat)));
  return root;
}

function inputFor(root: string, over: Partial<RenderInput> = {}): RenderInput {
  const portfolio = readPortfolio(root, cat);
  const assessment = assess(cat, portfolio, { today: '2026-07-30' });
  return { cat, portfolio, assessment, signoffs: [], signoffStatus: 'none', draft: false, date: DATE, ...over };
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The document's running text: pages joined, without the footer lines. */
async function body(pdf: Buffer): Promise<string> {
  return norm(
    (await pdfPages(pdf))
      .map((p) =>
        p
          .split('\n')
          .filter((l) => !/Page \d+ of \d+/.test(l) && !/· Achieving Permanence$/.test(l.trim()))
          .join('\n'),
      )
      .join('\n'),
  );
}

const MISSING: Record<string, string> = { '中': '[U+4E2D]', '文': '[U+6587]', '🦊': '[U+1F98A]' };

/** What a reader sees of a line of markdown: syntax gone, links with their address, missing characters as markers. */
function visible(line: string): string {
  let s = line
    .replace(/^\s*>\s?/, '')
    .replace(/^\s*(\d+\.|[-*+])\s+/, '')
    .replace(/\[([^\]]*)\]\(([^)]*)\)/g, '$1 ($2)')
    .replace(/\*\*|__|`/g, '')
    .replace(/(^|\W)[*_]([^*_]+)[*_](?=\W|$)/g, '$1$2');
  for (const [ch, marker] of Object.entries(MISSING)) s = s.split(ch).join(marker);
  return norm(s);
}

let complete: { input: RenderInput; pdf: Buffer; text: string; result: Awaited<ReturnType<typeof renderPdf>> };

beforeAll(async () => {
  cat = loadProgramme();
  const root = portfolioWith([join(ROOT, 'tests/fixtures/render/answers.yaml')]);
  const input = inputFor(root, { signoffs: [FINAL], signoffStatus: 'valid' });
  const result = await renderPdf(input);
  complete = { input, pdf: result.pdf, text: await body(result.pdf), result };
});

describe('renderPdf', () => {
  it('shows every answer of every entry, in the participant’s words', () => {
    const { input, text } = complete;
    let checked = 0;
    for (const spec of input.portfolio.specs) {
      if (spec.kind === 'selfassessment') continue;
      const entry = input.portfolio.entries.get(spec.file)!;
      const fields = spec.kind === 'week' ? spec.week.tasks.flatMap((t) => t.fields.map((f) => ({ key: `${t.number}${f.id}`, f }))) : spec.item.fields.map((f) => ({ key: f.id, f }));
      for (const { key, f } of fields) {
        const slot = entry.slots.get(key);
        if (!slot) continue;
        const answer = answerText(slot.raw, f);
        if (answer === '') continue;
        if (f.kind === 'check') {
          expect(text).toContain('✓ Done');
          checked++;
          continue;
        }
        if (f.kind === 'areas') {
          for (const a of chosenAreas(slot.raw)) expect(text).toContain(norm(`${a.area}: ${a.note}`));
          checked++;
          continue;
        }
        for (const line of answer.split(/\r?\n/)) {
          if (line.trim() === '' || /^\s*\|?\s*:?-{3,}/.test(line)) continue;
          if (line.trim().startsWith('|')) {
            for (const cell of line.split('|').map((c) => c.trim()).filter(Boolean)) expect(text).toContain(visible(cell));
          } else expect(text, `${spec.file} ${key}`).toContain(visible(line));
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(13);
  });

  it('keeps every character: Latin with diacritics, Greek, Cyrillic, typographic punctuation', () => {
    const { text } = complete;
    expect(text).toContain(UNICODE);
    expect(text).toContain("Zoë Ó'Brien");
    expect(text).toContain('Łódź');
    expect(text).toContain('Zoë Ó’Brien'); // the participant, on the cover
    expect(text).toContain('Łucja Nowak');
  });

  it('shows a character the font lacks as a visible marker, and reports it', () => {
    const { text, result } = complete;
    expect(text).toContain('[U+4E2D][U+6587] and [U+1F98A] are here.');
    expect(result.missingGlyphs).toEqual(
      expect.arrayContaining([
        { char: '中', codePoint: 'U+4E2D', file: 'module-1/week-2.md' },
        { char: '文', codePoint: 'U+6587', file: 'module-1/week-2.md' },
        { char: '🦊', codePoint: 'U+1F98A', file: 'module-1/week-2.md' },
      ]),
    );
    expect(result.missingGlyphs).toHaveLength(3);
  });

  it('renders markdown: a table with its cells, lists, a link with its address, code', () => {
    const { text } = complete;
    for (const cell of ['Option', 'Best for', 'Watch out for', 'Kinship care', 'Special guardianship', 'Stable placements with relatives', 'Losing birth family links']) expect(text).toContain(cell);
    expect(text).toContain('1. A clear plan, written in plain words');
    expect(text).toContain('the practice guidance (https://www.example.org/guidance)');
    expect(text).toContain('social worker each week');
    expect(text).toContain('○ Not done');
    expect(text).toContain('○ Not answered');
  });

  it('breaks a long table across pages with the header repeated', async () => {
    const rows = Array.from({ length: 90 }, (_, i) => `| Row ${i + 1} | ${'words '.repeat(8).trim()} | end ${i + 1} |`).join('\n');
    const file = join(tmp(), 'table.yaml');
    writeFileSync(file, `"1.2":\n  2:\n    a: |-\n${`| Column one | Column two | Column three |\n| --- | --- | --- |\n${rows}`.replace(/^/gm, '      ')}\n`);
    const { pdf } = await renderPdf(inputFor(portfolioWith([file])));
    const withRows = (await pdfPages(pdf)).filter((p) => /Row \d+/.test(p));
    expect(withRows.length).toBeGreaterThan(1);
    for (const p of withRows) expect(p).toContain('Column two');
    const text = await body(pdf);
    for (let i = 1; i <= 90; i++) expect(text).toContain(`end ${i} `);
  });

  it('has contents bookmarks for every module and week, the items, the summary and the sign-offs', async () => {
    const doc = await PDFDocument.load(complete.pdf);
    const outlines = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict);
    const read = (dict: PDFDict): { title: string; children: ReturnType<typeof read>[] }[] => {
      const out: { title: string; children: ReturnType<typeof read>[] }[] = [];
      let node = dict.lookupMaybe(PDFName.of('First'), PDFDict);
      while (node) {
        const t = node.lookup(PDFName.of('Title'));
        const title = t instanceof PDFHexString || t instanceof PDFString ? t.decodeText() : String(t);
        out.push({ title, children: read(node) });
        node = node.lookupMaybe(PDFName.of('Next'), PDFDict);
      }
      return out;
    };
    const tree = read(outlines);
    const titles = tree.map((n) => n.title);
    expect(titles).toEqual(expect.arrayContaining(['Summary', 'Portfolio items', 'Self-assessments', 'Sign-off records', 'Certificate of completion']));
    for (const m of cat.programme.modules) {
      const node = tree.find((n) => n.title === `Module ${m.number}: ${m.title}`);
      expect(node, `module ${m.number}`).toBeDefined();
      expect(node!.children.map((c) => c.title)).toEqual(m.weeks.map((w) => `Week ${w.number}: ${w.title}`));
    }
    const items = tree.find((n) => n.title === 'Portfolio items')!;
    expect(items.children.map((c) => c.title)).toEqual(cat.programme.items.filter((i) => i.kind === 'text').map((i) => i.title));
  });

  it('says what it is: title, author, subject, language, tagged, title displayed', async () => {
    const doc = await PDFDocument.load(complete.pdf, { updateMetadata: false });
    expect(doc.getTitle()).toBe('Achieving Permanence: portfolio of Zoë Ó’Brien');
    expect(doc.getAuthor()).toBe('Zoë Ó’Brien');
    expect(doc.getSubject()).toContain('North 2026');
    expect(doc.getCreationDate()?.toISOString()).toBe(DATE.toISOString());
    expect(doc.getModificationDate()?.toISOString()).toBe(DATE.toISOString());
    const lang = doc.catalog.lookup(PDFName.of('Lang'));
    expect(lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : '').toBe('en-GB');
    expect(doc.catalog.lookup(PDFName.of('MarkInfo'), PDFDict).lookup(PDFName.of('Marked'))).toBe(PDFBool.True);
    expect(doc.catalog.lookup(PDFName.of('StructTreeRoot'))).toBeInstanceOf(PDFDict);
    expect(doc.catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict).lookup(PDFName.of('DisplayDocTitle'))).toBe(PDFBool.True);
    expect(doc.getPageCount()).toBe(complete.result.pages);
    // Fonts are embedded (a FontFile2 for every font), never the standard 14.
    const raw = complete.pdf.toString('latin1');
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
    expect(raw).toMatch(/\/FontFile2/);
  });

  it('keeps its XMP readable whatever the names hold: "&", "<", quotes and control characters escaped', async () => {
    const root = tmp('permanence-render-');
    writeScaffold(root, cat, { participant: 'Sam & <Jo> "R"\u0007', cohort: 'A&B <2026>', supervisor: 'x', start_date: '2026-03-02' });
    const { pdf } = await renderPdf(inputFor(root, { draft: true }));
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    const xmp = new TextDecoder().decode((doc.catalog.lookup(PDFName.of('Metadata')) as unknown as { getContents(): Uint8Array }).getContents());
    const { XMLValidator } = await import('fast-xml-parser');
    expect(XMLValidator.validate(xmp.replace(/<\?xpacket[^?]*\?>/g, ''))).toBe(true);
    expect(xmp).toContain('<rdf:li>Sam &amp; &lt;Jo&gt; &quot;R&quot;\ufffd</rdf:li>');
    expect(xmp).toContain('cohort A&amp;B &lt;2026&gt;');
  });

  it('numbers every page and names the participant in the footer', async () => {
    const all = await pdfPages(complete.pdf);
    all.forEach((p, i) => {
      expect(p).toContain(`Page ${i + 1} of ${all.length}`);
      expect(p).toContain('Zoë Ó’Brien');
    });
  });

  it('gives the same bytes for the same input, whatever the clock says', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
      const again = await renderPdf(complete.input);
      expect(again.pdf.equals(complete.pdf)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
    const later = await renderPdf({ ...complete.input, date: new Date('2026-08-01T00:00:00Z') });
    expect(later.pdf.equals(complete.pdf)).toBe(false);
  });

  it('marks every page of a draft, and leaves the certificate out', async () => {
    const { pdf } = await renderPdf({ ...complete.input, draft: true, signoffs: [], signoffStatus: 'none' });
    const all = await pdfPages(pdf);
    expect(all.length).toBeGreaterThan(10);
    for (const p of all) expect(p).toContain('DRAFT — not verified');
    expect(await body(pdf)).not.toContain('CERTIFICATE OF COMPLETION');
  });

  it('has a certificate only for a valid final sign-off', async () => {
    expect(complete.text).toContain('CERTIFICATE OF COMPLETION');
    expect(complete.text).toContain('Verified by Priya Shah');
    const changed = await renderPdf({ ...complete.input, signoffs: [{ ...FINAL, status: 'changed' }], signoffStatus: 'changed' });
    const text = await body(changed.pdf);
    expect(text).not.toContain('CERTIFICATE OF COMPLETION');
    expect(text).toContain('the portfolio has changed since');
    expect(text).toContain(FINAL.digest);
  });

  it.skipIf(!hasPdftotext)('reads the same characters on every page as poppler’s pdftotext does', async () => {
    // The other tests read the PDF with pdf.js; poppler is a second, independent reader of the same pages.
    const file = join(tmp('permanence-pdf-'), 'out.pdf');
    writeFileSync(file, complete.pdf);
    const poppler = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).split('\f').slice(0, -1);
    const glyphs = (page: string) => [...page.replace(/\s+/g, '')].sort().join('');
    expect((await pdfPages(complete.pdf)).map(glyphs)).toEqual(poppler.map(glyphs));
  });

  it('leaves pdfkit out of the start-up path: it is imported only inside renderPdf', () => {
    const dir = join(ROOT, 'src/render');
    for (const f of readdirSync(dir)) {
      const src = readFileSync(join(dir, f), 'utf8');
      expect(src, f).not.toMatch(/^import[^;]*from ['"]pdfkit['"]/m);
    }
  });
});

describe('renderPdf: where the text comes from', () => {
  it('has the week files’ legend once, on the first page of Module 1', async () => {
    const pages = (await pdfPages(complete.pdf)).map(norm);
    const legend = visible(SOURCE_LEGEND);
    const with_ = pages.map((p, i) => (p.includes(legend) ? i : -1)).filter((i) => i >= 0);
    expect(with_).toHaveLength(1);
    expect(pages[with_[0]!]).toContain(`Module 1: ${cat.programme.modules[0]!.title}`);
  });

  it('marks every task with its source under its heading, in the week files’ words, and says who asks for a portfolio task', () => {
    const { text } = complete;
    let product = 0;
    let quoted = 0;
    for (const { module, week } of cat.weeks) {
      for (const task of week.tasks) {
        const line = [taskSource(task), task.portfolio ? portfolioLine(task, `${module.number}.${week.number}`, cat) : ''].join(' ');
        expect(text, `${module.number}.${week.number} task ${task.number}`).toContain(norm(`Task ${task.number}: ${task.title} ${line}`));
        if (task.provenance.source === 'product') product++;
        else quoted++;
      }
    }
    // Both kinds are there: Module 1 quotes the workbook, Modules 2-4 are written for the product.
    expect(quoted).toBeGreaterThan(20);
    expect(product).toBeGreaterThan(60);
    expect(text).toContain("Task 3: Reflect on their initial response to the vignettes. From the programme's Participants' Workbook (Week 2, task 3");
    expect(text.split("Written for this product: not from the programme's documents.").length - 1).toBeGreaterThanOrEqual(product);
    expect(text).not.toMatch(/This task feeds your portfolio\. /);
  });

  it('shows the week material the week files show, each piece with its source: Appendix 1, the chronology, key questions, core reading', () => {
    const { text } = complete;
    for (const { week } of cat.weeks) {
      for (const m of week.material ?? []) {
        expect(text).toContain(norm(`Material · ${m.title}`));
        expect(text).toContain(norm(sourceText(m.provenance)));
      }
    }
    // The case study's chronology (week 1.7), row by row.
    expect(text).toMatch(/Material · Cross-module case study, part one[\s\S]*Date Event Information Impact on child[\s\S]*15\/04\/1999 Belle born, 6lbs 10\./);
    expect(text).toContain('Appendix 1');
    // The key questions, once, with the module.
    const m1 = cat.programme.modules[0]!;
    expect(text.split(`Key questions for Module ${m1.number}`).length - 1).toBe(1);
    for (const q of m1.key_questions ?? []) expect(text).toContain(norm(q));
    expect(text).toContain("From the programme's Participants' Workbook (Module 1, Key Questions).");
    // Core reading chosen for the product says so.
    expect(text).toMatch(/Material · Core reading for this week \(chosen for this product; your programme team may replace it\)[\s\S]*?Written for this product: not from the programme's documents\./);
  });

  it('sets no text in the faint grey (under 4.5:1 on white)', () => {
    for (const f of readdirSync(join(ROOT, 'src/render')).filter((f) => f.endsWith('.ts'))) {
      const src = readFileSync(join(ROOT, 'src/render', f), 'utf8');
      expect(src, f).not.toMatch(/color:\s*COLOURS\.faint/);
    }
  });
});
