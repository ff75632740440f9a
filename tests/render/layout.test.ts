// The demo's PDF, rendered by `permanence render`, read page by page as a
// supervisor reads it and checked as an accessibility reviewer checks it.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFHexString, PDFString } from 'pdf-lib';
import { demoCopy, hasTool, ROOT, tmp } from '../helpers.js';
import { run } from '../run.js';
import { loadProgramme, type Catalogue } from '../../src/programme/load.js';
import { writeScaffold } from '../../src/portfolio/scaffold.js';
import { readPortfolio } from '../../src/portfolio/portfolio.js';
import { assess } from '../../src/assess/assess.js';
import { renderPdf } from '../../src/render/pdf.js';
import { A4, COLOURS, MARGIN } from '../../src/render/style.js';
import { lines, nodes, readPdf, type ReadPage } from './read.js';

let cat: Catalogue;
let demo: { dir: string; pdf: Buffer; pages: ReadPage[] };
/** Body text sits between the running header and the footer. */
const BODY_TOP = MARGIN - 4;
const BODY_BOTTOM = A4.height - MARGIN;

const bodyLines = (p: ReadPage) => lines(p, BODY_TOP, BODY_BOTTOM);
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  cat = loadProgramme();
  const dir = demoCopy('signed');
  const r = await run(['render'], { cwd: dir, env: { PERMANENCE_TODAY: '2026-09-14' } });
  expect(r.code, r.stderr).toBe(0);
  const pdf = readFileSync(join(dir, 'submission', 'portfolio.pdf'));
  demo = { dir, pdf, pages: await readPdf(pdf) };
}, 120_000);

/** What is drawn as a heading, a field label or a week's status line: never the last line of a page. */
function headingTexts(): string[] {
  const out = ['Comment', 'Learning outcomes', 'Your own notes'];
  for (const m of cat.programme.modules) {
    for (const w of m.weeks) {
      out.push(`Week ${w.number}: ${w.title}`);
      for (const t of w.tasks) {
        out.push(`Task ${t.number}: ${t.title}`);
        for (const f of t.fields) out.push(`${f.id}) ${f.label}`);
      }
    }
  }
  for (const i of cat.programme.items) for (const f of i.fields ?? []) out.push(`${f.id}) ${f.label}`);
  return out.map(norm);
}

function strandedHeadings(pages: ReadPage[]): string[] {
  const heads = headingTexts();
  const out: string[] = [];
  pages.forEach((p, i) => {
    const last = bodyLines(p).at(-1)?.text ?? '';
    if (last.length < 4) return;
    const stranded = /^Module \d+, week \d+ · /.test(last) || last.startsWith('Material · ') || heads.some((h) => h === last || (last.length > 12 && h.endsWith(last)) || (h.length > 8 && last.startsWith(h) && /\d+ \/ \d+ words/.test(last)));
    if (stranded) out.push(`page ${i + 1}: ${last}`);
  });
  return out;
}

/** How far down its body area a page's text reaches, 0 to 1. */
const fill = (p: ReadPage) => {
  const ls = bodyLines(p);
  return ls.length === 0 ? 0 : (ls.at(-1)!.top - MARGIN) / (BODY_BOTTOM - 10 - MARGIN);
};

describe('the demo PDF, page by page', () => {
  it('leaves no heading, field label or status line at the foot of a page', () => {
    expect(strandedHeadings(demo.pages)).toEqual([]);
  });

  it('has few near-empty pages: short weeks share a page', async () => {
    const under = demo.pages.map(fill).filter((f) => f < 0.35);
    // The 126-page demo had 15 pages under 35% full when every week started a page.
    expect(under.length).toBeLessThanOrEqual(4);
    // A portfolio of short weeks (nothing answered yet): weeks follow each other on a page.
    const root = tmp('permanence-short-');
    writeScaffold(root, cat, { participant: 'Kai Short', cohort: 'C', supervisor: 'S', start_date: '2026-03-02' });
    const portfolio = readPortfolio(root, cat);
    const { pdf } = await renderPdf({ cat, portfolio, assessment: assess(cat, portfolio, { today: '2026-05-01' }), signoffs: [], signoffStatus: 'none', draft: true, date: new Date('2026-05-01T00:00:00Z') });
    const pages = await readPdf(pdf);
    // A week starting well down a page: the page holds the end of the week before.
    const sharing = pages.filter((p) => bodyLines(p).some((l) => /^Module \d+, week \d+ · /.test(l.text) && l.top > MARGIN + 100));
    expect(sharing.length).toBeGreaterThan(5);
    expect(strandedHeadings(pages)).toEqual([]);
  });

  it('names the module and week at the top of every page a week continues on, and nowhere else', () => {
    let checked = 0;
    for (const m of cat.programme.modules) {
      for (const w of m.weeks) {
        const head = `Module ${m.number}: ${m.title} · Week ${w.number}: ${w.title}`;
        const start = demo.pages.findIndex((p) => bodyLines(p).some((l) => l.text.startsWith(`Module ${m.number}, week ${w.number} ·`)));
        expect(start, head).toBeGreaterThan(0);
        const next = demo.pages[start + 1]!;
        const first = lines(next)[0]!.text;
        const nextStarts = bodyLines(next)[0]!.text;
        if (/^(Week \d+|Module \d+): /.test(nextStarts)) expect(first).toBe(nextStarts);
        else {
          expect(head.startsWith(first.replace(/…$/, ''))).toBe(true);
          expect(lines(next)[0]!.top).toBeLessThan(MARGIN - 10);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
    // The cover, the contents and the first page of each part carry none.
    for (const i of [0, 1]) expect(lines(demo.pages[i]!)[0]!.top).toBeGreaterThan(MARGIN - 10);
  });

  it('keeps the certificate’s frame clear of the footer, its digest whole, printable and at AA contrast', async () => {
    const last = demo.pages.at(-1)!;
    const digest = JSON.parse(readFileSync(join(demo.dir, 'submission', 'manifest.json'), 'utf8')) as unknown;
    expect(digest).toBeTruthy();
    const line = last.items.find((i) => /^[0-9a-f]{64}$/.test(i.str.trim()));
    expect(line, 'the whole digest on the certificate').toBeDefined();
    expect(line!.size).toBeGreaterThanOrEqual(9);
    expect(contrast(COLOURS.muted, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    if (!hasTool('pdftoppm', 'the certificate frame measured on the rendered page')) return;
    // At 72 dpi a pixel is a point: the frame's lowest dark line, and the footer's first line of text below it.
    const out = join(tmp(), 'cert');
    execFileSync('pdftoppm', ['-gray', '-r', '72', '-f', String(demo.pages.length), '-l', String(demo.pages.length), '-singlefile', join(demo.dir, 'submission', 'portfolio.pdf'), out]);
    const { width, rows } = readPgm(readFileSync(`${out}.pgm`));
    const dark = (r: Uint8Array, limit: number) => r.filter((v) => v < limit).length;
    const frame = rows.map((r, y) => (dark(r, 140) > width * 0.6 ? y : -1)).filter((y) => y >= 0).at(-1)!;
    const footer = rows.findIndex((r, y) => y > frame && dark(r, 200) > 0);
    expect(footer - frame, `frame at ${frame} pt, footer from ${footer} pt`).toBeGreaterThanOrEqual(20);
  });

  it('writes references once punctuated, names without doubled brackets, and bare addresses on their own', () => {
    const all = demo.pages.flatMap((p) => bodyLines(p).map((l) => l.text));
    expect(all.filter((l) => /[^.]\.\.(?!\.)/.test(l))).toEqual([]);
    expect(all.filter((l) => /\)\s*\(/.test(l) && /fictional/.test(l))).toEqual([]);
    // An address on a line of its own in the source stays there: not run into the sentence after it.
    expect(all.filter((l) => /https?:\/\/\S+ These\b/.test(l))).toEqual([]);
    expect(all.some((l) => l === 'https://mumdrah.co.uk')).toBe(true);
  });

  it('sets body text to a measure of about 70 characters', () => {
    // Lines of running text: long lines with a next line below them in the same block.
    const lengths = demo.pages.slice(4).flatMap((p) => {
      const ls = bodyLines(p);
      return ls.slice(0, -1).filter((l, i) => l.text.length > 50 && ls[i + 1]!.top - l.top < 18).map((l) => l.text.length);
    });
    lengths.sort((a, b) => a - b);
    const median = lengths[Math.floor(lengths.length / 2)]!;
    expect(median).toBeGreaterThanOrEqual(60);
    expect(median).toBeLessThanOrEqual(76);
  });
});

describe('the demo PDF, as the tags read it', () => {
  it('keeps a space at the end of every wrapped line: no words joined in the tagged text', () => {
    // The words the PDF could show: the portfolio's files, the programme's content and the page text itself.
    const vocab = new Set<string>();
    const add = (text: string) => {
      for (const w of words(text)) vocab.add(w);
    };
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.name.startsWith('.') || e.name === 'submission') continue;
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(md|ya?ml)$/.test(e.name)) add(readFileSync(p, 'utf8'));
      }
    };
    walk(demo.dir);
    walk(join(ROOT, 'content'));
    for (const p of demo.pages) for (const l of lines(p)) add(l.text);
    const joined = new Set<string>();
    let read = 0;
    for (const p of demo.pages) {
      // What a screen reader reads: not page furniture (artifacts), not a figure (read by its alt text).
      for (const { text } of p.marked.filter((m) => m.tag !== 'Artifact' && m.tag !== 'Figure')) {
        read++;
        for (const w of words(text)) {
          if (vocab.has(w)) continue;
          for (let i = 2; i < w.length - 1; i++) {
            if (vocab.has(w.slice(0, i)) && vocab.has(w.slice(i))) {
              joined.add(w);
              break;
            }
          }
        }
      }
    }
    expect(read).toBeGreaterThan(2000);
    expect([...joined].slice(0, 40)).toEqual([]);
  });

  it('shows statements as AP1.1 with their wording, in the matrix, the chart and a tagged table', () => {
    const text = demo.pages.map((p) => lines(p).map((l) => l.text).join('\n')).join('\n');
    for (const st of cat.statements) {
      // In the matrix and the chart: the reference and more than the first 30 characters of the wording.
      const start = `${st.id} ${st.heading.replace(/\s+/g, ' ').slice(0, 30)}`;
      expect(text.split(start).length - 1, st.id).toBeGreaterThanOrEqual(2);
      // A bare "1.1" reads as Module 1, Week 1: statements never go without their AP.
      expect(text).not.toMatch(new RegExp(`(^|\\s)${st.id.slice(2).replace('.', '\\.')} ${st.heading.split(' ')[0]}`, 'm'));
    }
    const all = demo.pages.flatMap((p) => nodes(p.tree));
    const figures = all.filter((n) => n.role === 'Figure');
    const matrix = figures.find((f) => f.alt?.startsWith('Matrix of the 36 KSS-AP statements'));
    expect(matrix?.alt).toContain('Coverage by statement');
    const chart = figures.find((f) => f.alt?.startsWith('Bar chart'));
    for (const i of cat.programme.items.filter((x) => x.kind === 'selfassessment')) expect(chart?.alt).toContain(i.title);
    // After the matrix: a table with a header row and a row for each statement.
    const coverPage = demo.pages.findIndex((p) => nodes(p.tree).some((n) => n === matrix));
    const tables = demo.pages.slice(coverPage, coverPage + 4).flatMap((p) => nodes(p.tree).filter((n) => n.role === 'Table'));
    const th = tables.flatMap((t) => nodes(t).filter((n) => n.role === 'TH'));
    expect(th.length).toBeGreaterThanOrEqual(5);
    const rows = tables.flatMap((t) => (t.children ?? []).filter((n) => n.role === 'TR'));
    expect(rows.length).toBeGreaterThanOrEqual(cat.statements.length + 1);
  });

  it('tags every link: a Link element holding its annotation, and a description on each', async () => {
    const doc = await PDFDocument.load(demo.pdf, { updateMetadata: false });
    const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
    const nums = root.lookup(PDFName.of('ParentTree'), PDFDict).lookup(PDFName.of('Nums'), PDFArray);
    const parents = new Map<number, PDFDict>();
    for (let i = 0; i < nums.size(); i += 2) {
      const el = nums.lookup(i + 1);
      if (el instanceof PDFDict) parents.set((nums.lookup(i) as PDFNumber).asNumber(), el);
    }
    let links = 0;
    for (const page of doc.getPages()) {
      const annots = page.node.Annots();
      for (let i = 0; i < (annots?.size() ?? 0); i++) {
        const ref = annots!.get(i) as PDFRef;
        const a = doc.context.lookup(ref, PDFDict);
        if (a.lookup(PDFName.of('Subtype')) !== PDFName.of('Link')) continue;
        links++;
        const contents = a.lookup(PDFName.of('Contents'));
        const description = contents instanceof PDFString || contents instanceof PDFHexString ? contents.decodeText() : '';
        expect(description).toMatch(/^(Go to .+, page \d+|Link to \S+)$/);
        const key = a.lookup(PDFName.of('StructParent'));
        expect(key, description).toBeInstanceOf(PDFNumber);
        const el = parents.get((key as PDFNumber).asNumber())!;
        expect(el.lookup(PDFName.of('S'))).toBe(PDFName.of('Link'));
        const k = el.lookup(PDFName.of('K'));
        const kids = k instanceof PDFArray ? k.asArray().map((x) => doc.context.lookup(x)) : [doc.context.lookup(k as PDFRef) ?? k];
        // A link broken over two lines is one Link element with an annotation for each part.
        const objrs = kids.filter((x): x is PDFDict => x instanceof PDFDict && x.lookup(PDFName.of('Type')) === PDFName.of('OBJR'));
        expect(objrs.map((o) => o.get(PDFName.of('Obj')))).toContain(ref);
      }
    }
    // 48 contents entries and the web links in the answers and reading lists.
    expect(links).toBeGreaterThanOrEqual(55);
  });

  it('passes qpdf’s check and poppler’s structure dump', () => {
    const file = join(tmp(), 'demo.pdf');
    writeFileSync(file, demo.pdf);
    if (hasTool('qpdf', 'the PDF checked by qpdf')) expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toMatch(/No syntax or stream encoding errors/);
    if (hasTool('pdfinfo', 'the structure tree read by poppler')) {
      const r = spawnSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8' });
      // Poppler names what it rejects on stderr (a structure type PDF 1.7 does not have, say).
      expect(r.stderr).toBe('');
      const out = r.stdout;
      expect(out).toContain('Link');
      expect(out).toContain('Coverage by statement');
    }
  });
});

/** Words as a reader splits them: letters and digits, with the apostrophes and hyphens inside a word. */
function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*/gu) ?? [];
}

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** A binary greyscale PGM (P5) as rows of pixels. */
function readPgm(buf: Buffer): { width: number; rows: Uint8Array[] } {
  const header = buf.toString('latin1', 0, 64).match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  if (!header) throw new Error('not a PGM file');
  const [whole, w, h] = header;
  const width = Number(w);
  const start = whole!.length;
  return { width, rows: Array.from({ length: Number(h) }, (_, y) => buf.subarray(start + y * width, start + (y + 1) * width)) };
}
