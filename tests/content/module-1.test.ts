// Checks content/modules/module-1.yaml against the raw workbook (copy in
// tests/fixtures/programme-docs/workbook-part1-module1.txt). The expectations
// are parsed from the workbook text here, not copied from the YAML.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import Ajv from 'ajv';
import type { Citation, Field, Module, Task } from '../../src/programme/types.js';

import { norm, read, words } from './text.js';

const raw = read('tests/fixtures/programme-docs/workbook-part1-module1.txt');
const module1 = parse(read('content/modules/module-1.yaml')) as Module;

// ---------------------------------------------------------------------------
// The workbook

interface WorkbookWeek {
  number: number;
  title: string;
  lines: string[];
}

/** The workbook split at its "Week N: title" headings; week 7 ends where the case study begins. */
function parseWeeks(text: string): WorkbookWeek[] {
  const weeks: WorkbookWeek[] = [];
  for (const line of text.split('\n')) {
    const m = /^Week (\d+): (.+)$/.exec(line.trim());
    if (m) {
      weeks.push({ number: Number(m[1]), title: m[2].trim(), lines: [] });
      continue;
    }
    weeks[weeks.length - 1]?.lines.push(line);
  }
  const last = weeks[weeks.length - 1];
  if (last) {
    const end = last.lines.findIndex((l) => l.trim() === 'Introduction');
    if (end >= 0) last.lines = last.lines.slice(0, end);
  }
  return weeks;
}

/**
 * A week's numbered tasks: "- 1) ..." (or "2) ..." where the bullet was lost),
 * numbered 1, 2, 3 ... in sequence, with any indented sub-bullet (" - the
 * question") joined to its task. The list ends at the first "To assist",
 * "Task N)", "Please note" or "Finally" line, where the workbook's own numbered
 * material (vignettes, reflection prompts) begins.
 */
function parseTasks(week: WorkbookWeek): { number: number; title: string }[] {
  const tasks: { number: number; title: string }[] = [];
  let last: { number: number; title: string } | undefined;
  for (const line of week.lines) {
    const t = line.trim();
    if (/^(To assist|Task \d+\)|Please note|Finally)/.test(t)) break;
    const m = /^(?:- )?(\d+)\) (.+)$/.exec(t);
    if (m && Number(m[1]) === tasks.length + 1) {
      last = { number: Number(m[1]), title: norm(m[2]) };
      tasks.push(last);
      continue;
    }
    if (last && /^\s+- /.test(line)) {
      last.title = norm(`${last.title} ${t.slice(2)}`);
      continue;
    }
    if (t !== '') last = undefined;
  }
  return tasks;
}

/** The six vignettes of week 2: the numbered paragraphs after "Task 1) Six short case vignettes". */
function parseVignettes(week: WorkbookWeek): string[] {
  const start = week.lines.findIndex((l) => l.trim().startsWith('Task 1) Six short case vignettes'));
  const end = week.lines.findIndex((l, i) => i > start && l.trim().startsWith('To assist'));
  return week.lines
    .slice(start + 1, end)
    .map((l) => /^\d+\) (.+)$/.exec(l.trim())?.[1])
    .filter((v): v is string => v !== undefined)
    .map(norm);
}

interface WorkbookReading {
  week: number;
  authors: string;
  year: string;
  line: string;
}

/** Reading items: lines (bulleted or not) of the form "Authors (YYYY) Title ...". */
function parseReadings(week: WorkbookWeek): WorkbookReading[] {
  const items: WorkbookReading[] = [];
  for (const line of week.lines) {
    const t = line.trim().replace(/^[-•]\s+/, '');
    const m = /^([^()]+?) \((\d{4})\) (.+)$/.exec(t);
    if (m) items.push({ week: week.number, authors: norm(m[1]), year: m[2], line: t });
  }
  return items;
}

const workbookWeeks = parseWeeks(raw);
const weekOf = (n: number) => {
  const w = workbookWeeks.find((x) => x.number === n);
  if (!w) throw new Error(`workbook has no week ${n}`);
  return w;
};
const contentWeek = (n: number) => {
  const w = module1.weeks.find((x) => x.number === n);
  if (!w) throw new Error(`module-1.yaml has no week ${n}`);
  return w;
};
const allFields = (): { week: number; task: Task; field: Field }[] =>
  module1.weeks.flatMap((w) => w.tasks.flatMap((task) => task.fields.map((field) => ({ week: w.number, task, field }))));

/** The kind a week's workbook title implies (the programme's weekly pattern). */
const kindOf = (title: string) =>
  /^Essential reading$/i.test(title) ? 'reading' : /^Workshop$/i.test(title) ? 'workshop' : 'activities';

// ---------------------------------------------------------------------------

describe('module 1 content against the workbook', () => {
  it('is valid against the module schema', () => {
    const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
    ajv.addSchema(JSON.parse(read('schemas/defs.schema.json')));
    const validate = ajv.compile(JSON.parse(read('schemas/module.schema.json')));
    expect(validate(module1), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('parses seven weeks from the workbook', () => {
    expect(workbookWeeks.map((w) => w.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('has the weeks, titles and weekly pattern of kinds the workbook gives', () => {
    expect(module1.number).toBe(1);
    expect(module1.weeks.map((w) => w.number)).toEqual(workbookWeeks.map((w) => w.number));
    for (const ww of workbookWeeks) {
      const cw = contentWeek(ww.number);
      expect(norm(cw.title), `week ${ww.number} title`).toBe(norm(ww.title));
      expect(cw.kind, `week ${ww.number} kind`).toBe(kindOf(ww.title));
    }
    // The pattern itself: activities, activities, reading, workshop, activities, activities, reading.
    expect(workbookWeeks.map((w) => kindOf(w.title))).toEqual([
      'activities',
      'activities',
      'reading',
      'workshop',
      'activities',
      'activities',
      'reading',
    ]);
  });

  it("holds the workbook's eleven key questions", () => {
    const start = raw.indexOf('Key Questions');
    const end = raw.indexOf('Week 1:', start);
    const questions = raw
      .slice(start, end)
      .split('\n')
      .map((l) => /^- (.+)$/.exec(l.trim())?.[1])
      .filter((q): q is string => q !== undefined)
      .map(norm);
    expect(questions).toHaveLength(11);
    expect((module1.key_questions ?? []).map(norm)).toEqual(questions);
  });

  describe.each(workbookWeeks.map((w) => [w.number, w] as const))('week %i', (n, ww) => {
    const expected = parseTasks(ww);
    it('has every numbered task, in order, with the same numbers and titles', () => {
      const cw = contentWeek(n);
      if (kindOf(ww.title) === 'activities') expect(expected.length).toBeGreaterThan(0);
      if (expected.length === 0) return; // the workbook does not number this week's tasks
      expect(cw.tasks.map((t) => ({ number: t.number, title: norm(t.title) }))).toEqual(expected);
    });

    it('gives every task at least one field, with ids a, b, c ... in order', () => {
      for (const task of contentWeek(n).tasks) {
        expect(task.fields.length).toBeGreaterThan(0);
        expect(task.fields.map((f) => f.id)).toEqual(task.fields.map((_, i) => String.fromCharCode(97 + i)));
      }
    });
  });

  it('quotes each of the six vignettes verbatim', () => {
    const vignettes = parseVignettes(weekOf(2));
    expect(vignettes).toHaveLength(6);
    const contexts = allFields()
      .map(({ field }) => field.context?.text)
      .filter((t): t is string => t !== undefined)
      .map(norm);
    for (const v of vignettes) expect(contexts, v.slice(0, 60)).toContain(v);
  });

  it('lists every essential and further reading item of weeks 3 and 7', () => {
    const expected = [...parseReadings(weekOf(3)), ...parseReadings(weekOf(7))];
    // Week 3: one essential item; week 7: one essential and sixteen further items.
    expect(expected.filter((r) => r.week === 3)).toHaveLength(1);
    expect(expected.filter((r) => r.week === 7)).toHaveLength(17);
    for (const week of [3, 7]) {
      const citations: Citation[] = contentWeek(week)
        .tasks.flatMap((t) => t.fields)
        .filter((f) => f.kind === 'reading' && f.citation)
        .map((f) => f.citation as Citation);
      const unused = [...citations];
      for (const r of expected.filter((x) => x.week === week)) {
        const i = unused.findIndex(
          (c) => norm(c.authors) === r.authors && String(c.year) === r.year && words(r.line).includes(words(c.title)),
        );
        expect(i, `week ${week}: ${r.authors} (${r.year})`).toBeGreaterThanOrEqual(0);
        unused.splice(i, 1);
      }
    }
  });

  it('marks the further reading optional and the essential reading required', () => {
    const further = parseReadings(weekOf(7)).slice(1);
    for (const r of further) {
      const f = contentWeek(7)
        .tasks.flatMap((t) => t.fields)
        .find((x) => x.citation && norm(x.citation.authors) === r.authors && String(x.citation.year) === r.year);
      expect(f?.required, `${r.authors} (${r.year})`).toBe(false);
    }
    const essential = [parseReadings(weekOf(3))[0], parseReadings(weekOf(7))[0]];
    for (const r of essential) {
      const f = allFields().find(
        ({ field }) => field.citation && norm(field.citation.authors) === r.authors && String(field.citation.year) === r.year,
      );
      expect(f?.field.required ?? true, `${r.authors} (${r.year})`).not.toBe(false);
    }
  });

  it('puts the word limit the workbook gives on each reflective study', () => {
    const studies = workbookWeeks.flatMap((w) =>
      parseTasks(w)
        .map((t) => ({ week: w.number, number: t.number, limit: /reflective study \(maximum (\d+) words\)/.exec(t.title)?.[1] }))
        .filter((t): t is { week: number; number: number; limit: string } => t.limit !== undefined),
    );
    expect(studies.map((s) => `${s.week}.${s.number}`)).toEqual(['2.5', '5.3', '6.5']);
    for (const s of studies) {
      const task = contentWeek(s.week).tasks.find((t) => t.number === s.number);
      const limits = [task?.word_limit, ...(task?.fields ?? []).map((f) => f.word_limit)].filter((l) => l !== undefined);
      expect(limits.length, `${s.week}.${s.number}`).toBeGreaterThan(0);
      for (const l of limits) expect(l).toBe(Number(s.limit));
    }
  });

  it('marks as portfolio the tasks the workbook marks as feeding the portfolio', () => {
    const marked: string[] = [];
    for (const w of workbookWeeks) {
      // "NB: this is a task required for the portfolio" in a task's own line.
      for (const t of parseTasks(w)) if (/required for the portfolio/.test(t.title)) marked.push(`${w.number}.${t.number}`);
      for (const line of w.lines.map(norm)) {
        // "To assist with tasks 7 & 8 and the associated portfolio requirement"
        const assist = /^To assist with tasks? (.+?) and the associated portfolio requirement/.exec(line);
        // "... include work in relation to tasks 3), 4) & 5) in the programme portfolio"
        const include = /in relation to tasks (.+?) in the programme portfolio/.exec(line);
        const list = assist?.[1] ?? include?.[1];
        if (list) for (const n of list.match(/\d+/g) ?? []) marked.push(`${w.number}.${n}`);
      }
    }
    expect(new Set(marked)).toEqual(new Set(['1.6', '1.7', '1.8', '2.3', '2.4', '2.5']));
    for (const ref of marked) {
      const [week, number] = ref.split('.').map(Number);
      expect(contentWeek(week).tasks.find((t) => t.number === number)?.portfolio, ref).toBe(true);
    }
  });

  it('quotes the corporate parenting principles in week 4', () => {
    const start = raw.indexOf('(1) A local authority in England');
    const end = raw.indexOf('section 23C(1) of that Act.') + 'section 23C(1) of that Act.'.length;
    expect(start).toBeGreaterThan(0);
    const principles = norm(raw.slice(start, end));
    const material = (contentWeek(4).material ?? []).map((m) => norm(m.text));
    expect(material).toContain(principles);
  });

  it('says where every week and task comes from', () => {
    expect(module1.provenance.source).toBe('overview');
    for (const w of module1.weeks) {
      expect(w.provenance?.source, `week ${w.number}`).toBe('workbook');
      for (const t of w.tasks) expect(t.provenance?.ref ?? w.provenance?.ref, `${w.number}.${t.number}`).toBeTruthy();
    }
  });
});
