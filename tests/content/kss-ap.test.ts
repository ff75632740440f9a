// Checks content/frameworks/kss-ap.yaml against the raw programme documents
// (copies in tests/fixtures/programme-docs/): the KSS-AP mapping table, parsed
// here from its damaged extraction, and the full KSS-AP statement document.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import Ajv from 'ajv';
import type { Framework, Statement } from '../../src/programme/types.js';

import { norm, read, words } from './text.js';

// ---------------------------------------------------------------------------
// The statement document

interface Doc {
  /** Section titles by number, from the "N) title" lines. */
  titles: Map<number, string>;
  /** Paragraphs before the first section. */
  introduction: string[];
  /** All paragraphs (normalised), with paragraphs split by a page break rejoined. */
  paragraphs: string[];
  /** Paragraphs that were rejoined, with the words that open their continuation. */
  rejoined: { paragraph: string; continuation: string }[];
}

function parseDocument(raw: string): Doc {
  const titles = new Map<number, string>();
  const blocks = raw
    .split(/\n\s*\n/)
    .map(norm)
    .filter((b) => b.length > 0);
  const paragraphs: string[] = [];
  const rejoined: Doc['rejoined'] = [];
  for (const block of blocks) {
    const prev = paragraphs[paragraphs.length - 1];
    // A paragraph cut by a page break ends mid-sentence and its rest starts in lower case.
    if (prev !== undefined && !/[.:!?)]$/.test(prev) && /^[a-z]/.test(block)) {
      paragraphs[paragraphs.length - 1] = `${prev} ${block}`;
      rejoined.push({ paragraph: paragraphs[paragraphs.length - 1], continuation: block.split(' ').slice(0, 4).join(' ') });
      continue;
    }
    paragraphs.push(block);
  }
  for (const p of paragraphs) {
    const m = /^(\d)\) (.+)$/.exec(p);
    if (m) titles.set(Number(m[1]), m[2]);
  }
  const start = paragraphs.findIndex((p) => p.startsWith('Permanence means'));
  const end = paragraphs.findIndex((p) => p.startsWith('1) '));
  const introduction = paragraphs.slice(start, end);
  // Keep rejoined paragraphs current (a later join may have extended one).
  for (const r of rejoined) r.paragraph = paragraphs.find((p) => p.startsWith(r.paragraph)) ?? r.paragraph;
  return { titles, introduction, paragraphs, rejoined };
}

// ---------------------------------------------------------------------------
// The mapping table

type Damage =
  | { kind: 'fused-heading'; title: string }
  | { kind: 'missing-separator'; raw: string }
  | { kind: 'duplicate'; week: string };

interface RawStatement {
  section: number;
  heading: string;
  /** The table's links, split where a separator is missing and with repeats dropped. */
  weeks: string[];
  damage: Damage[];
}

interface Table {
  statements: RawStatement[];
  /** Header rows that do not read as the proper header. */
  garbledHeaders: string[];
  headerRows: number;
}

const HEADER = "K&SS:AP key headings and selected sub-headings and statements (please see the full document for additional detail)";

function parseTable(raw: string, titles: Map<number, string>): Table {
  const statements: RawStatement[] = [];
  const garbledHeaders: string[] = [];
  let headerRows = 0;
  let section = 0;
  for (const line of raw.split('\n')) {
    if (!line.includes('\t')) continue; // the title and blank lines
    const [leftRaw, rightRaw] = [line.slice(0, line.indexOf('\t')), line.slice(line.indexOf('\t') + 1)];
    const left = norm(leftRaw);
    const right = norm(rightRaw);

    // Header row, repeated at each page; one repetition is garbled ("&SS:AP ... ill document").
    if (right.startsWith('Links to the programme') || /SS:AP key headings/.test(left)) {
      headerRows++;
      if (left !== HEADER) garbledHeaders.push(left);
      continue;
    }
    // Section heading row: "1) Decide on the best permanence option", no links.
    const sec = /^(\d)\)\s*(.+)$/.exec(left);
    if (sec && right === '') {
      section = Number(sec[1]);
      expect(sec[2], `section ${section} heading row`).toBe(titles.get(section));
      continue;
    }

    const damage: Damage[] = [];
    let heading = left;
    // A section heading fused onto the front of its first statement.
    const next = titles.get(section + 1);
    if (next && heading.startsWith(`${next} `)) {
      section++;
      heading = heading.slice(next.length).trim();
      damage.push({ kind: 'fused-heading', title: next });
    }

    const weeks: string[] = [];
    for (const token of right.split('/').map(norm)) {
      const parts = token.split(' ').filter(Boolean);
      if (parts.length > 1) damage.push({ kind: 'missing-separator', raw: token });
      for (const w of parts) {
        if (weeks.includes(w)) damage.push({ kind: 'duplicate', week: w });
        else weeks.push(w);
      }
    }
    expect(section, `statement "${heading}" comes before any section`).toBeGreaterThan(0);
    statements.push({ section, heading, weeks, damage });
  }
  return { statements, garbledHeaders, headerRows };
}

// ---------------------------------------------------------------------------

const doc = parseDocument(read('tests/fixtures/programme-docs/kss-achieving-permanence-2016.txt'));
const table = parseTable(read('tests/fixtures/programme-docs/kss-ap-programme-mapping.txt'), doc.titles);
const framework = parse(read('content/frameworks/kss-ap.yaml')) as Framework;
const statements: Statement[] = framework.sections.flatMap((s) => s.statements);

/** Sorts a statement's repairs into kinds, by their wording. */
function repairKind(repair: string): string {
  if (/^Statement text split/i.test(repair)) return 'split';
  if (/^Unheaded sentences/i.test(repair)) return 'unheaded';
  if (/^Line-break hyphen/i.test(repair)) return 'line-break-hyphen';
  if (/page break/i.test(repair)) return 'page-break';
  if (/heading/i.test(repair) && /fused/i.test(repair)) return 'fused-heading';
  if (/separator/i.test(repair)) return 'missing-separator';
  if (/repeat/i.test(repair)) return 'duplicate';
  return 'unknown';
}

describe('the raw sources, as parsed', () => {
  it('the document has five sections and two paragraphs split by a page break', () => {
    expect([...doc.titles.keys()]).toEqual([1, 2, 3, 4, 5]);
    expect(doc.rejoined.map((r) => r.continuation)).toEqual([
      'wellbeing and developmental recovery',
      'with families that empower',
    ]);
  });

  it('the table has 36 statements (6, 4, 5, 10, 11) and one garbled header', () => {
    expect(table.statements).toHaveLength(36);
    const counts = [1, 2, 3, 4, 5].map((n) => table.statements.filter((s) => s.section === n).length);
    expect(counts).toEqual([6, 4, 5, 10, 11]);
    expect(table.headerRows).toBe(5);
    expect(table.garbledHeaders).toHaveLength(1);
    expect(table.garbledHeaders[0]).toMatch(/^&SS:AP .* ill document/);
  });
});

describe('content/frameworks/kss-ap.yaml', () => {
  it('is valid against schemas/framework.schema.json', () => {
    const ajv = new Ajv({ allErrors: true });
    ajv.addSchema(JSON.parse(read('schemas/defs.schema.json')));
    const validate = ajv.compile(JSON.parse(read('schemas/framework.schema.json')));
    expect(validate(framework), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('names the framework, quotes the introduction and says where it comes from', () => {
    expect(framework.id).toBe('kss-ap');
    expect(framework.title).toBe('Knowledge and Skills Statement: Achieving Permanence');
    expect(framework.year).toBe(2016);
    expect(framework.provenance.source).toBe('kss-ap');
    expect(framework.introduction.split(/\n\s*\n/).map(norm)).toEqual(doc.introduction);
    expect(norm(framework.introduction)).toMatch(
      /A social worker responsible for permanence planning and support should be able to:$/,
    );
  });

  it('mentions the garbled header row in its provenance note', () => {
    const note = norm(framework.provenance.note ?? '');
    expect(note).toMatch(/header/i);
    expect(note).toContain(table.garbledHeaders[0].slice(0, 20));
  });

  it('has a 1-5 confidence scale written for the product', () => {
    expect(framework.scale.points.map((p) => p.value)).toEqual([1, 2, 3, 4, 5]);
    for (const p of framework.scale.points) {
      expect(p.label.trim()).not.toBe('');
      expect(p.description.trim()).not.toBe('');
    }
    expect(framework.scale.provenance.source).toBe('product');
    expect(framework.scale.provenance.note).toBeTruthy();
  });

  it("has the document's five sections, with 6, 4, 5, 10 and 11 statements", () => {
    expect(framework.sections.map((s) => s.number)).toEqual([1, 2, 3, 4, 5]);
    expect(framework.sections.map((s) => s.title)).toEqual([1, 2, 3, 4, 5].map((n) => doc.titles.get(n)));
    expect(framework.sections.map((s) => s.statements.length)).toEqual([6, 4, 5, 10, 11]);
  });

  it('numbers statements AP1.1 .. AP5.11 consecutively, each in its own section', () => {
    for (const s of framework.sections) {
      s.statements.forEach((st, i) => {
        expect(st.id).toBe(`AP${s.number}.${i + 1}`);
        expect(st.section).toBe(s.number);
      });
    }
    expect(statements).toHaveLength(36);
  });

  it("has the table's statements, in its order, with its headings (a word broken at a line end rejoined, and said)", () => {
    const rejoin = (st: Statement, heading: string) =>
      (st.repairs ?? []).some((r) => repairKind(r) === 'line-break-hyphen') ? heading.replace(/(\w)- (\w)/g, '$1-$2') : heading;
    expect(statements.map((s, i) => [s.section, norm(s.heading)])).toEqual(
      table.statements.map((s, i) => [s.section, rejoin(statements[i], s.heading)]),
    );
    // AP5.2's "long- term" is the one such word; no heading keeps the artefact.
    expect(table.statements.filter((s) => /\w- \w/.test(s.heading)).map((s) => s.heading.slice(0, 30))).toHaveLength(1);
    for (const s of statements) expect(norm(s.heading), s.id).not.toMatch(/\w- \w/);
    for (const s of statements) expect(s.heading).toBe(s.heading.trim());
  });

  it("has the table's week links, in its order, apart from the recorded repairs", () => {
    statements.forEach((st, i) => {
      const raw = table.statements[i];
      expect(st.weeks, st.id).toEqual(raw.weeks);
      for (const d of raw.damage) {
        const repairs = (st.repairs ?? []).map(norm);
        if (d.kind === 'missing-separator')
          expect(repairs.some((r) => repairKind(r) === d.kind && r.includes(d.raw)), `${st.id}: ${d.raw}`).toBe(true);
        if (d.kind === 'duplicate')
          expect(
            repairs.some((r) => repairKind(r) === d.kind && r.includes(`${d.week} / ${d.week}`)),
            `${st.id}: ${d.week} repeated`,
          ).toBe(true);
        if (d.kind === 'fused-heading')
          expect(repairs.some((r) => repairKind(r) === d.kind && r.includes(d.title)), `${st.id}: fused heading`).toBe(
            true,
          );
      }
    });
  });

  it('links only to weeks m.w (m 1-4, w 1-7), each once', () => {
    for (const st of statements) {
      expect(st.weeks.length, st.id).toBeGreaterThan(0);
      for (const w of st.weeks) expect(w, st.id).toMatch(/^[1-4]\.[1-7]$/);
      expect(new Set(st.weeks).size, st.id).toBe(st.weeks.length);
    }
  });

  it("quotes, as each statement's text, its own part of a paragraph of the document, the parts in order and together the whole", () => {
    const used = new Map<string, string[]>();
    for (const st of statements) {
      const text = norm(st.text);
      const paragraph = doc.paragraphs.find((p) => p.includes(text));
      expect(paragraph, `${st.id}: its text is not in one paragraph of the document`).toBeDefined();
      // Whole sentences: the part starts a sentence and ends one.
      expect(paragraph!.startsWith(text) || paragraph!.includes(`. ${text}`), st.id).toBe(true);
      expect(text, st.id).toMatch(/[.]$/);
      used.set(paragraph!, [...(used.get(paragraph!) ?? []), text]);
      // The key opening words of the heading are in the part.
      const opening = words(st.heading).split(' ').slice(0, 2).join(' ');
      expect(words(text), st.id).toContain(opening);
    }
    for (const [paragraph, parts] of used) expect(parts.join(' ')).toBe(paragraph);
  });

  it('gives no two statements the same text (the document does not repeat itself)', () => {
    const texts = statements.map((s) => norm(s.text));
    expect(new Set(texts).size).toBe(texts.length);
    const ap15 = statements.find((s) => s.id === 'AP1.5')!;
    expect(norm(ap15.text)).toMatch(/^Encourage the child to express their views, wishes and feelings with regard to permanence\. Listen sensitively/);
  });

  it("loses no sentence of the document: each paragraph of the five sections is a statement's or the section's unheaded text", () => {
    const first = doc.paragraphs.findIndex((p) => p.startsWith('1) '));
    const body = doc.paragraphs.slice(first).filter((p) => !/^\d\) /.test(p));
    const covered = new Set<string>();
    for (const st of statements) covered.add(doc.paragraphs.find((p) => p.includes(norm(st.text)))!);
    const unheaded = framework.sections.flatMap((s) => (s.unheaded ?? []).map(norm));
    for (const p of body) expect(covered.has(p) || unheaded.includes(p), p.slice(0, 60)).toBe(true);
    // The one paragraph the mapping gives no heading: the end of section 1.
    expect(unheaded).toEqual(['Be prepared to provide feedback on processes and procedures.']);
    expect(framework.sections[0]!.provenance?.note).toMatch(/no heading/);
  });

  it('has headings that appear in their paragraph, apart from the known differences in wording', () => {
    const differ = statements.filter((st) => !words(st.text).includes(words(st.heading))).map((st) => st.id);
    // AP1.1 "Eliminate drift by" / "Eliminate drift for children by"; AP1.2 "the permanence
    // option for each child" / "the best permanence option for a child"; AP3.3 "experiences
    // and likely" / "experiences and current and likely"; AP5.3 "available resources" /
    // "accessible resources". The table's wording is kept as the heading.
    expect(differ).toEqual(['AP1.1', 'AP1.2', 'AP3.3', 'AP5.3']);
    for (const id of differ) {
      const st = statements.find((s) => s.id === id)!;
      expect(words(st.text)).toContain(words(st.heading).split(' ').slice(0, 2).join(' '));
    }
  });

  it('records exactly the repairs the sources call for', () => {
    statements.forEach((st, i) => {
      const expected = new Set<string>(table.statements[i].damage.map((d) => d.kind));
      // A page break repaired where the statement's own part of the paragraph spans it.
      const joined = doc.rejoined.find((r) => r.paragraph.includes(norm(st.text)) && norm(st.text).includes(r.continuation));
      if (joined) expected.add('page-break');
      if (st.id === 'AP1.4' || st.id === 'AP1.5') expected.add('split');
      if (st.id === 'AP5.10') expected.add('unheaded');
      if (/\w- \w/.test(table.statements[i].heading)) expected.add('line-break-hyphen');
      const repairs = (st.repairs ?? []).map(norm);
      expect(new Set(repairs.map(repairKind)), st.id).toEqual(expected);
      if (joined)
        expect(
          repairs.some((r) => repairKind(r) === 'page-break' && r.includes(joined.continuation)),
          `${st.id}: page break`,
        ).toBe(true);
    });
  });
});
