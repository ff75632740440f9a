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

  it('has a structure tree of PDF 1.7 types only, headings that never skip a level, lists of labels and bodies, tables of rows and scoped headers, the contents a list after its heading', async () => {
    await expectValidStructure(demo.pdf, demo.pages, 100);
  });

  it('keeps that structure for answers with markdown headings of any depth, nested and numbered lists and a long table', async () => {
    const root = tmp('permanence-stress-');
    writeScaffold(root, cat, { participant: 'Rae Long', cohort: 'C', supervisor: 'S', start_date: '2026-03-02' });
    const table = ['| Date | What happened | Why it matters |', '| --- | --- | --- |', ...Array.from({ length: 70 }, (_, i) => `| 2025-01-${String((i % 28) + 1).padStart(2, '0')} | ${'an event in the chronology '.repeat(2)} | row ${i + 1} |`)].join('\n');
    const answer = `#### A heading four levels down, first\n\nText.\n\n# Then a top-level one\n\n- a point\n  - a nested point\n    1. numbered under it\n    2. and another\n- back out\n\n###### The deepest\n\n${table}\n\n${'A long paragraph of reflection that goes on. '.repeat(120)}`;
    const file = join(root, 'answers.yaml');
    writeFileSync(file, `"1.2":\n  6:\n    a: |-\n${answer.replace(/^/gm, '      ')}\n"2.2":\n  1:\n    a: |-\n${answer.replace(/^/gm, '      ')}\n`);
    const { applyAnswers, readAnswers } = await import('../../src/portfolio/answers.js');
    const { entrySpecs } = await import('../../src/portfolio/layout.js');
    applyAnswers(root, cat, readAnswers(file, cat, entrySpecs(cat)));
    const portfolio = readPortfolio(root, cat);
    const { pdf } = await renderPdf({ cat, portfolio, assessment: assess(cat, portfolio, { today: '2026-05-01' }), signoffs: [], signoffStatus: 'none', draft: true, date: new Date('2026-05-01T00:00:00Z') });
    const pages = await readPdf(pdf);
    await expectValidStructure(pdf, pages, 20);
    expect(strandedHeadings(pages)).toEqual([]);
    // The answer's headings are there, below the field they are written in.
    const text = pages.map((p) => lines(p).map((l) => l.text).join('\n')).join('\n');
    for (const h of ['A heading four levels down, first', 'Then a top-level one', 'The deepest', 'row 70']) expect(text).toContain(h);
  }, 60_000);

  it('has bookmarks that open at their heading, with the left edge of the page in view', async () => {
    const doc = await PDFDocument.load(demo.pdf, { updateMetadata: false });
    const names = namedDestinations(doc);
    const pageRefs = doc.getPages().map((p) => p.ref);
    const marks = outlineItems(doc);
    expect(marks.length).toBeGreaterThanOrEqual(40);
    let atHeading = 0;
    for (const m of marks) {
      const dest = m.dest instanceof PDFArray ? m.dest : names.get(m.dest as string);
      expect(dest, m.title).toBeInstanceOf(PDFArray);
      const [page, kind, left, top] = (dest as PDFArray).asArray();
      const n = pageRefs.findIndex((r) => r === page);
      expect(n, m.title).toBeGreaterThanOrEqual(0);
      expect(kind).toBe(PDFName.of('XYZ'));
      // Never the page's width as the left edge (the page would open scrolled off to the right).
      expect(left instanceof PDFNumber ? left.asNumber() : 0, m.title).toBeLessThanOrEqual(0);
      if (!(top instanceof PDFNumber)) continue;
      const fromTop = A4.height - top.asNumber();
      const heading = demo.pages[n]!.items.find((i) => m.title.toLowerCase().startsWith(i.str.trim().toLowerCase()) && i.str.trim().length > 3);
      // Pages of their own, framed: they open at the page's top.
      if (['Cover', 'Contents', 'Certificate of completion'].includes(m.title)) continue;
      expect(heading, `${m.title} on page ${n + 1}`).toBeDefined();
      // The view's top is at the heading, just above its text.
      expect(heading!.top - fromTop, m.title).toBeGreaterThan(0);
      expect(heading!.top - fromTop, m.title).toBeLessThan(40);
      if (fromTop > MARGIN + 40) atHeading++;
    }
    // Weeks that share a page open part-way down it, where they start.
    expect(atHeading).toBeGreaterThan(3);
  });

  it('carries XMP metadata that matches the document information, with its dates, and no stray keys', async () => {
    const doc = await PDFDocument.load(demo.pdf, { updateMetadata: false });
    const stream = doc.catalog.lookup(PDFName.of('Metadata')) as unknown as { dict: PDFDict; getContents(): Uint8Array };
    expect(stream.dict.keys().map((k) => k.asString()).sort()).toEqual(['/Length', '/Subtype', '/Type']);
    const xmp = new TextDecoder().decode(stream.getContents());
    const { XMLParser } = await import('fast-xml-parser');
    expect(() => new XMLParser().parse(xmp)).not.toThrow();
    for (const tag of ['xmp:CreateDate', 'xmp:ModifyDate', 'xmp:MetadataDate']) expect(xmp).toMatch(new RegExp(`<${tag}>2026-09-14T\\d\\d:\\d\\d:\\d\\dZ</${tag}>`));
    expect(xmp).toContain(`<rdf:li xml:lang="x-default">${doc.getTitle()}</rdf:li>`);
    expect(xmp).toContain(`<rdf:li>${doc.getAuthor()}</rdf:li>`);
    expect(xmp).toContain('<rdf:li>en-GB</rdf:li>');
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

/** ISO 32000-1, 14.8.4: the standard structure types of PDF 1.7. */
const PDF17_TYPES = new Set(
  'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form'.split(' '),
);

interface El {
  type: string;
  kids: El[];
  /** The text of the element's own marked content and its descendants', in order. */
  text: string;
  scope?: string;
}

/** The structure tree read with pdf-lib: each element's type, its element children, the scope of a header cell, and its text (from the marked content it holds, as pdf.js reads it). */
function structTree(doc: PDFDocument, pages: ReadPage[]): El {
  const text = new Map<number, Map<number, string>>();
  for (const p of pages) text.set(p.ref, new Map(p.marked.filter((m) => m.mcid !== undefined).map((m) => [m.mcid!, m.text])));
  const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
  const walk = (d: PDFDict, pageRef: PDFRef | undefined): El => {
    const s = d.lookup(PDFName.of('S'));
    const pg = (d.get(PDFName.of('Pg')) as PDFRef | undefined) ?? pageRef;
    const k = d.get(PDFName.of('K'));
    const raw = k instanceof PDFArray ? k.asArray() : k === undefined ? [] : [k];
    const kids: El[] = [];
    let own = '';
    for (const x of raw) {
      const v = x instanceof PDFRef ? doc.context.lookup(x) : x;
      if (v instanceof PDFNumber && pg) own += text.get(pg.objectNumber)?.get(v.asNumber()) ?? '';
      else if (v instanceof PDFDict && v.get(PDFName.of('S'))) {
        const kid = walk(v, pg);
        kids.push(kid);
        own += kid.text;
      } else if (v instanceof PDFDict && v.lookup(PDFName.of('Type')) === PDFName.of('MCR')) {
        const mpg = (v.get(PDFName.of('Pg')) as PDFRef | undefined) ?? pg;
        if (mpg) own += text.get(mpg.objectNumber)?.get((v.lookup(PDFName.of('MCID')) as PDFNumber).asNumber()) ?? '';
      }
    }
    const a = d.lookup(PDFName.of('A'));
    const scope = a instanceof PDFDict ? (a.lookup(PDFName.of('Scope')) as PDFName | undefined)?.asString().slice(1) : undefined;
    return { type: s instanceof PDFName ? s.asString().slice(1) : String(s), kids, text: own.replace(/\s+/g, ' ').trim(), ...(scope ? { scope } : {}) };
  };
  return walk(root, undefined);
}

function flatten(e: El, out: El[] = []): El[] {
  for (const k of e.kids) {
    out.push(k);
    flatten(k, out);
  }
  return out;
}

/** The document's named destinations: name to [page /XYZ left top zoom]. */
function namedDestinations(doc: PDFDocument): Map<string, PDFArray> {
  const out = new Map<string, PDFArray>();
  const names = doc.catalog.lookup(PDFName.of('Names'), PDFDict).lookup(PDFName.of('Dests'), PDFDict);
  const visit = (node: PDFDict) => {
    const n = node.lookup(PDFName.of('Names'));
    if (n instanceof PDFArray) {
      for (let i = 0; i < n.size(); i += 2) {
        const key = n.lookup(i);
        out.set((key as PDFString | PDFHexString).decodeText(), n.lookup(i + 1, PDFArray));
      }
    }
    const kids = node.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i++) visit(kids.lookup(i, PDFDict));
  };
  visit(names);
  return out;
}

/** Every bookmark, depth first: its title and its destination (an array, or the name of one). */
function outlineItems(doc: PDFDocument): { title: string; dest: PDFArray | string }[] {
  const out: { title: string; dest: PDFArray | string }[] = [];
  const visit = (item: PDFDict | undefined) => {
    for (let it = item; it; it = it.lookup(PDFName.of('Next')) as PDFDict | undefined) {
      const title = (it.lookup(PDFName.of('Title')) as PDFString | PDFHexString).decodeText();
      const d = it.lookup(PDFName.of('Dest'));
      out.push({ title, dest: d instanceof PDFArray ? d : (d as PDFString | PDFHexString).decodeText() });
      visit(it.lookup(PDFName.of('First')) as PDFDict | undefined);
    }
  };
  visit(doc.catalog.lookup(PDFName.of('Outlines'), PDFDict).lookup(PDFName.of('First')) as PDFDict);
  return out;
}

/** The checks an accessibility reviewer's validator makes of the structure tree, on any rendered portfolio. */
async function expectValidStructure(pdf: Buffer, pages: ReadPage[], minItems: number): Promise<void> {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    const tree = structTree(doc, pages);
    const all = flatten(tree);
    expect(all.length).toBeGreaterThan(2000);
    // ISO 32000-1, 14.8.4: the standard structure types (no RoleMap maps others onto them).
    expect(doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict).get(PDFName.of('RoleMap'))).toBeUndefined();
    expect([...new Set(all.map((e) => e.type))].filter((t) => !PDF17_TYPES.has(t))).toEqual([]);

    const headings = all.filter((e) => /^H[1-6]$/.test(e.type)).map((e) => ({ level: Number(e.type[1]), text: e.text }));
    expect(headings[0]).toEqual({ level: 1, text: 'Achieving Permanence' });
    const skips = headings.filter((h, i) => i > 0 && h.level > headings[i - 1]!.level + 1).map((h) => `H${h.level} ${h.text}`);
    expect(skips).toEqual([]);
    // Parts are H1; a summary's sections and a module's learning outcomes sit straight under them.
    const levelOf = (text: string) => headings.find((h) => h.text.startsWith(text))?.level;
    expect([levelOf('Summary'), levelOf('Progress by module and week'), levelOf('Portfolio requirements')]).toEqual([1, 2, 2]);
    expect([levelOf('Module 1: '), levelOf('Learning outcomes'), levelOf('Week 1: '), levelOf('Task 1: ')]).toEqual([1, 2, 2, 3]);
    expect(levelOf('Coverage by statement')).toBe(2);

    for (const l of all.filter((e) => e.type === 'L')) expect(l.kids.map((k) => k.type).filter((t) => t !== 'LI' && t !== 'Caption')).toEqual([]);
    const items = all.filter((e) => e.type === 'LI');
    expect(items.length).toBeGreaterThan(minItems);
    for (const li of items) {
      expect(li.kids.map((k) => k.type).filter((t) => t !== 'Lbl' && t !== 'LBody'), li.text).toEqual([]);
      expect(li.kids.some((k) => k.type === 'LBody'), li.text).toBe(true);
    }
    // Every bullet, tick or number is read as the item's label, not run into its text.
    expect(items.filter((li) => li.kids[0]?.type === 'Lbl' && li.kids[0].text.trim() !== '').length).toBe(items.length);

    const tables = all.filter((e) => e.type === 'Table');
    expect(tables.length).toBeGreaterThanOrEqual(10);
    for (const t of tables) {
      const rows = t.kids.flatMap((k) => (['THead', 'TBody', 'TFoot'].includes(k.type) ? k.kids : [k]));
      expect(rows.map((r) => r.type).filter((x) => x !== 'TR')).toEqual([]);
      for (const r of rows) expect(r.kids.map((c) => c.type).filter((x) => x !== 'TH' && x !== 'TD')).toEqual([]);
      const th = rows.flatMap((r) => r.kids.filter((c) => c.type === 'TH'));
      expect(th.length, t.text.slice(0, 60)).toBeGreaterThan(0);
      for (const h of th) expect(['Row', 'Column', 'Both'], h.text).toContain(h.scope);
    }
    // The cover's details: a row for each, its name the row's header.
    expect(tables[0]!.kids.map((r) => r.kids.map((c) => `${c.type}${c.scope ? `/${c.scope}` : ''}`).join(' '))).toEqual(Array(6).fill('TH/Row TD'));

    const toc = all.filter((e) => e.type === 'TOC');
    expect(toc).toHaveLength(1);
    expect(toc[0]!.kids.map((k) => k.type)).toEqual(Array(toc[0]!.kids.length).fill('TOCI'));
    expect(toc[0]!.kids[0]!.text).toBe('Summary 4');
    const section = all.find((e) => e.kids.includes(toc[0]!))!;
    expect(section.kids.map((k) => `${k.type} ${k.text}`.trim())).toEqual(['H1 Contents', `TOC ${toc[0]!.text}`]);
}
