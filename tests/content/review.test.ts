// What a reviewer of the programme's content checks, read from the resolved
// content (src/programme/content.ts over content/) and the raw workbook: that
// every statement linked to a week of Modules 2-4 is asked for, in its own
// terms, by a task of that week; that no two statements read the same; that
// citations, letters and the case study chronology come out right; and that
// each week file says where its text comes from.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readContent } from '../../src/programme/content.js';
import { catalogue } from '../../src/programme/load.js';
import { validators } from '../../src/programme/validators.js';
import { citationText, SOURCE_LEGEND } from '../../src/portfolio/layout.js';
import { entrySpecs } from '../../src/portfolio/layout.js';
import { renderEntry } from '../../src/portfolio/template.js';
import type { Field, Task } from '../../src/programme/types.js';
import { ROOT } from '../helpers.js';
import { norm, read } from './text.js';

const { programme, errors } = readContent(join(ROOT, 'content'), validators());
const cat = catalogue(programme!);
const statements = cat.statements;

/**
 * Each statement's own terms: a task that names it must say these (every
 * pattern, case-insensitive) in its title, guidance or questions. Drawn from
 * the statement's wording in the KSS-AP; where the issue asked for a topic by
 * name (return home and siblings for AP1.6, matching for AP3.1, Independent
 * Reviewing Officers for AP2.4 and AP5.5, delegated authority for AP4.9), the
 * pattern asks for it.
 */
const TERMS: Record<string, RegExp[]> = {
  'AP1.1': [/drift|timeframe|delay|timetable|timely/],
  'AP1.2': [/research|evidence/],
  'AP1.3': [/case records?/],
  'AP1.4': [/trauma|neglect|separation|loss/],
  'AP1.5': [/views|wishes|feelings|listen/],
  'AP1.6': [/return(s|ed|ing)? home/, /sibling/, /together or (apart|separately)/],
  'AP2.1': [/statutory|regulation|legal powers|guidance|case law/],
  'AP2.2': [/pre-proceedings|public law outline|family group conference/],
  'AP2.3': [/court/, /evidence|rationale/],
  'AP2.4': [/independent reviewing officer/],
  'AP3.1': [/delay/, /match/],
  'AP3.2': [/preferences|wishes/, /rationale|explain/],
  'AP3.3': [/carer/, /strengths|suitability/],
  'AP3.4': [/carer/, /best interests|health and wellbeing/],
  'AP3.5': [/profile|communicat/],
  'AP4.1': [/transition|move/, /direct work|prepare/],
  'AP4.2': [/identity|life story|history/],
  'AP4.3': [/strateg/, /behaviour/],
  'AP4.4': [/transition|loss/, /distress|cope|advocacy/],
  'AP4.5': [/transition/, /plan/],
  'AP4.6': [/contact/, /birth family|needs/],
  'AP4.7': [/contact/, /sibling/],
  'AP4.8': [/network/],
  'AP4.9': [/support plan/, /delegated authority/],
  'AP4.10': [/return(s|ed|ing)? home/, /support/],
  'AP5.1': [/support/, /evidence/],
  'AP5.2': [/professional network/],
  'AP5.3': [/therap/],
  'AP5.4': [/ask for (support|help)/],
  'AP5.5': [/network/, /independent reviewing officer/],
  'AP5.6': [/warning signs|under strain/],
  'AP5.7': [/unable to remain|cannot remain|could not remain|decisive|moving (the child|them)/],
  'AP5.8': [/breakdown|crisis/],
  'AP5.9': [/better meets/],
  'AP5.10': [/safe/, /stab(le|ility)/],
  'AP5.11': [/lessons/],
};

const taskText = (t: Task) =>
  [t.title, t.guidance, ...t.fields.flatMap((f) => [f.label, f.prompt, f.guidance, f.option_prompt, ...(f.options ?? [])])]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();

describe('the content as a reviewer reads it', () => {
  it('is valid', () => expect(errors).toEqual([]));

  it('has terms for every statement', () => expect(Object.keys(TERMS).sort()).toEqual(statements.map((s) => s.id).sort()));

  const weeks = cat.weeks.filter(({ module }) => module.number >= 2);
  it.each(weeks.map((w) => [w.ref, w] as const))(
    'week %s: every statement linked to it is named by a task of the week, in the statement\'s own terms',
    (ref, { week }) => {
      const linked = cat.statementsForWeek(ref).map((s) => s.id);
      for (const id of linked) {
        const naming = week.tasks.filter((t) => t.statements?.includes(id));
        expect(naming.length, `${ref}: no task names ${id}`).toBeGreaterThan(0);
        const inTerms = naming.filter((t) => TERMS[id]!.every((re) => re.test(taskText(t))));
        expect(inTerms.map((t) => t.number), `${ref}: the tasks naming ${id} do not ask for it in its terms (${TERMS[id]!.join(' ')})`).not.toEqual([]);
      }
      // And a task names only statements of its own week, the same ones its provenance cites.
      for (const t of week.tasks) {
        for (const id of t.statements ?? []) expect(linked, `${ref}.${t.number} names ${id}`).toContain(id);
        const cited = (t.provenance.ref ?? '').split('; ').filter((s) => s.startsWith('KSS-AP')).flatMap((s) => s.match(/AP\d\.\d+/g) ?? []);
        expect([...cited].sort(), `${ref}.${t.number}: provenance and statements differ`).toEqual([...(t.statements ?? [])].sort());
      }
    },
  );

  it('counts, per week of Modules 2-4, the statements named', () => {
    const named = Object.fromEntries(
      weeks.map(({ ref, week }) => [ref, new Set(week.tasks.flatMap((t) => t.statements ?? [])).size]),
    );
    const linked = Object.fromEntries(weeks.map(({ ref }) => [ref, cat.statementsForWeek(ref).length]));
    expect(named).toEqual(linked);
    expect(linked['2.4']).toBe(14);
    expect(linked['3.4']).toBe(19);
    expect(linked['4.4']).toBe(22);
  });

  it('gives no two statements the same description, nor the same heading', () => {
    for (const key of ['text', 'heading'] as const) {
      const seen = new Map<string, string>();
      for (const s of statements) {
        const t = norm(s[key]);
        expect(seen.get(t), `${s.id} has the ${key} of ${seen.get(t)}`).toBeUndefined();
        seen.set(t, s.id);
      }
    }
  });

  it('ends no citation in two full stops, in the files or the core reading lists', () => {
    const fields: Field[] = [
      ...programme!.modules.flatMap((m) => m.weeks.flatMap((w) => w.tasks.flatMap((t) => t.fields))),
      ...programme!.items.flatMap((i) => i.fields),
    ];
    const cited = fields.filter((f) => f.citation);
    expect(cited.length).toBeGreaterThan(15);
    for (const f of cited) {
      const text = citationText(f.citation!);
      expect(text, text).not.toMatch(/\.\s*\.|\.\*\./);
      expect(text, text).toMatch(/[.?!'’]\*?\.?( <[^>]+>)?$/);
    }
    for (const { week } of cat.weeks)
      for (const m of week.material ?? [])
        if (/^Core reading/.test(m.title)) for (const line of m.text.split('\n')) expect(line, line).not.toMatch(/\.\s*\.|\.\*\./);
    // The case that broke: a title and a publisher that both end in a full stop.
    expect(citationText({ authors: 'Lynch, C.', year: '2017', title: 'Enquiry.', published: 'London: Family Rights Group.' })).toBe(
      'Lynch, C. (2017) *Enquiry*. London: Family Rights Group.',
    );
  });

  it('lets no letter in a question clash with the letter of the field it stands under', () => {
    const where: [string, Field[], string | undefined][] = [
      ...cat.weeks.flatMap(({ ref, week }) => week.tasks.map((t) => [`${ref}.${t.number}`, t.fields, t.guidance] as [string, Field[], string | undefined])),
      ...programme!.items.map((i) => [i.id, i.fields, undefined] as [string, Field[], string | undefined]),
    ];
    for (const [ref, fields, taskGuidance] of where) {
      // A task's guidance stands above its first field's heading.
      expect(taskGuidance ?? '', `${ref} guidance`).not.toMatch(/^\(?[a-z]\)\s/);
      for (const f of fields) {
        for (const text of [f.prompt, f.guidance, f.context?.title]) {
          const letter = /^\(?([a-z])\)\s/.exec(text ?? '')?.[1];
          if (letter) expect(letter, `${ref}${f.id}: "${text!.slice(0, 40)}"`).toBe(f.id);
        }
      }
    }
  });

  it("transcribes the case study chronology's dated rows as the workbook gives them", () => {
    const raw = read('tests/fixtures/programme-docs/workbook-part1-module1.txt').split('\n');
    const start = raw.findIndex((l) => l.startsWith('| Date | Event |'));
    const end = raw.findIndex((l) => l.startsWith('Appendix 1)'));
    const cells = (l: string) => l.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
    const expected: string[][] = [];
    for (const line of raw.slice(start + 1, end)) {
      if (!line.startsWith('|') || /^\|[-| ]+\|$/.test(line.trim())) continue;
      const c = cells(line);
      if (/^\d\d\/\d\d\/\d{4}$/.test(c[0]!)) expected.push([...c.slice(0, 4), '', '', ''].slice(0, 4));
      else if (c[0] === '' && c.length >= 4 && expected.length > 0 && expected.length < 36) {
        // A dated row continued across a page break.
        const row = expected[expected.length - 1]!;
        for (let k = 1; k < 4; k++) if (c[k]) row[k] = row[k]!.endsWith('-') ? row[k] + c[k] : `${row[k]} ${c[k]}`.trim();
      } else if (c[0] === '' && c.length === 3 && expected.length === 36 && c[1]!.startsWith('unclean')) {
        const row = expected[35]!;
        row[2] = `${row[2]} ${c[1]}`;
      }
    }
    expect(expected).toHaveLength(36);
    const material = cat.week(1, 7)!.material!.find((m) => /chronology/.test(m.title))!;
    expect(material.provenance.source).toBe('workbook');
    const rows = material.text
      .split('\n')
      .filter((l) => /^\| \d\d\/\d\d\/\d{4} \|/.test(l))
      .map((l) => cells(l.replace(/\s*<!-- reviewed -->/, '')));
    const repaired = (s: string) => s.replace(/(\d) th\b/g, '$1th');
    expect(rows).toEqual(expected.map((r) => r.map(repaired)));
    // The introduction, the footnote, and the rows whose dates were lost, said so.
    expect(material.text).toContain('This fictitious case¹ study material will be used in various places and in various ways across the programme.');
    expect(material.text).toContain("¹ NB: the term 'case' is used not as a description of a specific child or young person");
    expect(material.text.split('\n').filter((l) => l.startsWith('| (date lost) |'))).toHaveLength(3);
    expect(material.text).toMatch(/lost their dates/);
    // Module 3 sends the participant to it.
    expect(JSON.stringify(cat.week(3, 5))).toMatch(/chronology in part one of the cross-module case study \(Module 1, week 7\)/);
  });

  it('shows Appendix 1 with week 1, whose task 3 points to it', () => {
    const a = cat.week(1, 1)!.material!.find((m) => /^Appendix 1/.test(m.title))!;
    const raw = read('tests/fixtures/programme-docs/workbook-part1-module1.txt');
    const foundation = raw.slice(raw.indexOf('K&SS:ACFP – foundation'), raw.indexOf('| Module 1: Permanence')).split('\n').slice(1).map(norm).filter(Boolean);
    expect(foundation).toHaveLength(13);
    for (const f of foundation) expect(norm(a.text)).toContain(f);
    for (const m of ['Module 1', 'Module 2', 'Module 3', 'Module 4']) expect(a.text).toContain(`*${m}:`);
    expect(a.text.split('\n').filter((l) => l.startsWith('- ')).join('\n')).not.toMatch(/on act out in logication/);
  });

  it('says in each week file where its text comes from, and marks every task written for the product', () => {
    for (const spec of entrySpecs(cat)) {
      if (spec.kind !== 'week') continue;
      const file = renderEntry(spec, cat);
      expect(file, spec.file).toContain(SOURCE_LEGEND);
      for (const t of spec.week.tasks) {
        const heading = file.indexOf(`## Task ${t.number}:`);
        const next = file.indexOf('\n', file.indexOf('\n', heading) + 2);
        const line = file.slice(heading, file.indexOf('\n', next + 1));
        const expected = t.provenance.source === 'product' ? 'Written for this product' : "From the programme's";
        expect(line, `${spec.file} task ${t.number}`).toContain(expected);
      }
      // Statements are shown with their wording, never as bare codes.
      expect(file).not.toMatch(/Linked KSS-AP statements: AP/);
      for (const s of cat.statementsForWeek(`${spec.module}.${spec.week.number}`)) expect(file).toContain(`**${s.id}** `);
    }
  });

  it('shows Module 1\'s key questions in its week files', () => {
    const spec = entrySpecs(cat).find((s) => s.kind === 'week' && s.module === 1 && s.week.number === 5)!;
    const file = renderEntry(spec, cat);
    for (const q of programme!.modules[0]!.key_questions!) expect(file).toContain(`- ${q}`);
  });
});
