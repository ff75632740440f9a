// Checks content/modules/module-2.yaml, module-3.yaml and module-4.yaml against
// the raw programme documents (copies in tests/fixtures/programme-docs/): the
// programme overview, for each module's title, summary and learning outcomes,
// and the KSS-AP mapping table, for the statements each week may cite.
// The source documents hold no workbook for these modules, so every week and
// task is written for the product; the test holds them to Module 1's pattern.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import Ajv from 'ajv';
import type { Field, Module, Provenance, Task, Week } from '../../src/programme/types.js';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

/** Collapse runs of whitespace. */
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

// ---------------------------------------------------------------------------
// The overview: "Module content", then for each module "Module N", its title,
// its summary paragraphs, "Learning Outcomes", an opening line and "- " items.

interface OverviewModule {
  title: string;
  summary: string;
  outcomes: string[];
  /** Empty lines inside the outcome list (where an outcome may have been lost). */
  gaps: number;
}

function parseOverview(raw: string): Map<number, OverviewModule> {
  const lines = raw.split('\n').map((l) => l.trim());
  const start = lines.indexOf('Module content');
  const end = lines.indexOf('Language and vocabulary');
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  const modules = new Map<number, OverviewModule>();
  const heads = lines
    .map((l, i) => ({ m: /^Module (\d)$/.exec(l), i }))
    .filter((x) => x.m && x.i > start && x.i < end)
    .map((x) => ({ n: Number(x.m![1]), i: x.i }));
  heads.forEach((h, k) => {
    const stop = k + 1 < heads.length ? heads[k + 1].i : end;
    const body = lines.slice(h.i + 1, stop);
    const titleAt = body.findIndex((l) => l !== '');
    const lo = body.indexOf('Learning Outcomes');
    const summary = norm(body.slice(titleAt + 1, lo).join(' '));
    const list = body.slice(lo + 1);
    const first = list.findIndex((l) => l.startsWith('- '));
    const last = list.length - 1 - [...list].reverse().findIndex((l) => l.startsWith('- '));
    const items = list.slice(first, last + 1);
    modules.set(h.n, {
      title: body[titleAt],
      summary,
      outcomes: items.filter((l) => l.startsWith('- ')).map((l) => l.slice(2)),
      gaps: items.filter((l) => l === '').length,
    });
  });
  return modules;
}

// ---------------------------------------------------------------------------
// The mapping table: each statement row ends in a tab and its week links. The
// rows come in order, section by section (6, 4, 5, 10, 11 statements); the
// damage in the extraction ("4.1 4.4", "4.4 / 4.4", the fused section 5
// heading) does not disturb that.

function parseMapping(raw: string): Map<string, Set<string>> {
  const rows = raw.split('\n').filter((l) => /\t\s*\d\.\d[\d. /]*$/.test(l));
  const sizes = [6, 4, 5, 10, 11];
  expect(rows).toHaveLength(sizes.reduce((a, b) => a + b, 0));
  const byWeek = new Map<string, Set<string>>();
  let r = 0;
  sizes.forEach((size, s) => {
    for (let n = 1; n <= size; n++, r++) {
      const links = rows[r].split('\t').pop()!.match(/\d\.\d/g) ?? [];
      for (const wk of links) {
        const set = byWeek.get(wk) ?? new Set<string>();
        set.add(`AP${s + 1}.${n}`);
        byWeek.set(wk, set);
      }
    }
  });
  return byWeek;
}

// ---------------------------------------------------------------------------
// Refs of product content: "; "-separated segments, each
//   "written from learning outcome: <outcome>" / "learning outcome: <outcome>"
//   "KSS-AP AP1.1, AP2.3"
// or other words ("written from the module's learning outcomes", "Module 1, week 4").

function refParts(ref: string | undefined): { outcomes: string[]; statements: string[] } {
  const outcomes: string[] = [];
  const statements: string[] = [];
  for (const seg of (ref ?? '').split('; ')) {
    const o = /^(?:written from )?learning outcome: (.+)$/.exec(seg);
    if (o) outcomes.push(o[1]);
    if (seg.startsWith('KSS-AP')) statements.push(...(seg.match(/AP\d\.\d+/g) ?? []));
  }
  return { outcomes, statements };
}

const overview = parseOverview(read('tests/fixtures/programme-docs/programme-overview.txt'));
const mapping = parseMapping(read('tests/fixtures/programme-docs/kss-ap-programme-mapping.txt'));
const loadModule = (n: number) => parse(read(`content/modules/module-${n}.yaml`)) as Module;

const WORKSHOP_FIELDS = {
  'Workshop preparation': ['My goals for today are:', 'In order to achieve these goals, I will need to:'],
  'Workshop review': [
    'What has been the main learning today?',
    'How does that fit with my personal learning objectives?',
    'Commitment to action - I can and I will.',
    'My new learning goals at the end of this workshop:',
  ],
};
const WORKSHOP_PROVENANCE: Provenance = {
  source: 'workbook',
  ref: 'Module 1, week 4',
  note: "Module 1's workshop preparation and review, reused for this module's workshop",
};
const KINDS = ['activities', 'activities', 'reading', 'workshop', 'activities', 'activities', 'reading'];

const isQuotedWorkshopField = (task: Task, field: Field) =>
  (WORKSHOP_FIELDS as Record<string, string[]>)[task.title]?.includes(field.label) === true && field.provenance?.source === 'workbook';

/** A reflective study: a long field of at most 500 words in a portfolio task. */
const reflectiveStudy = (task: Task) =>
  task.portfolio === true && task.fields.some((f) => f.kind === 'long' && f.word_limit === 500 && /reflective study/i.test(f.prompt ?? ''));


/** The task that records attendance at a workshop (the overview's requirement), in every workshop week. */
const isAttendance = (t: { title: string }) => /^Attendance at the Module \d workshop$/.test(t.title);

describe('the programme documents the test reads', () => {
  it('finds modules 1 to 4 in the overview', () => {
    expect([...overview.keys()]).toEqual([1, 2, 3, 4]);
    expect(overview.get(2)!.outcomes).toHaveLength(12);
    expect(overview.get(3)!.outcomes).toHaveLength(10);
    expect(overview.get(4)!.outcomes).toHaveLength(9);
  });

  it('finds the statements linked to weeks in the mapping table', () => {
    expect([...mapping.get('3.2')!].sort()).toEqual(['AP1.1', 'AP2.1', 'AP2.2', 'AP2.3']);
    expect(mapping.get('2.3')).toBeUndefined();
    expect([...mapping.get('4.7')!]).toEqual(['AP5.11']);
  });

  it('the fixtures are the shared programme documents, byte for byte', () => {
    for (const name of ['programme-overview.txt', 'kss-ap-programme-mapping.txt']) {
      let shared: string;
      try {
        shared = readFileSync(`/work/shared/programme-docs/${name}`, 'utf8');
      } catch {
        continue; // the shared copy is not on every machine
      }
      expect(read(`tests/fixtures/programme-docs/${name}`)).toBe(shared);
    }
  });
});

describe.each([2, 3, 4])('module %i', (n) => {
  const module = loadModule(n);
  const source = overview.get(n)!;
  const outcomes = module.learning_outcomes.map((o) => o.text);

  it('is valid against schemas/module.schema.json', () => {
    const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
    ajv.addSchema(JSON.parse(read('schemas/defs.schema.json')));
    const validate = ajv.compile(JSON.parse(read('schemas/module.schema.json')));
    expect(validate(module), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(module.number).toBe(n);
  });

  it("quotes the overview's title, summary and learning outcomes", () => {
    expect(module.title).toBe(source.title);
    expect(norm(module.summary)).toBe(source.summary);
    expect(outcomes).toEqual(source.outcomes);
    for (const o of module.learning_outcomes) expect(o.provenance?.source).toBe('overview');
    expect(module.provenance.source).toBe('overview');
    expect(module.provenance.note).toMatch(/^No workbook for this module in the source documents; week tasks written for the product/);
  });

  it('says so where the overview may have lost an outcome, rather than inventing one', () => {
    if (source.gaps > 0) expect(module.provenance.note).toMatch(/empty line/);
    expect(outcomes).toHaveLength(source.outcomes.length);
  });

  it("follows the programme's weekly pattern", () => {
    expect(module.weeks.map((w) => w.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(module.weeks.map((w) => w.kind)).toEqual(KINDS);
    for (const week of module.weeks) {
      expect(week.title.length).toBeGreaterThan(0);
      expect(week.tasks.map((t) => t.number)).toEqual(week.tasks.map((_, i) => i + 1));
      for (const task of week.tasks) expect(task.fields.map((f) => f.id)).toEqual(task.fields.map((_, i) => String.fromCharCode(97 + i)));
      if (week.kind === 'activities') {
        expect(week.tasks.length).toBeGreaterThanOrEqual(3);
        expect(week.tasks.length).toBeLessThanOrEqual(6);
      }
    }
  });

  it('marks every week, task and field as written for the product, except the quoted workshop fields', () => {
    for (const week of module.weeks) {
      expect(week.provenance?.source, `week ${week.number}`).toBe('product');
      for (const task of week.tasks) {
        const tp = task.provenance ?? week.provenance!;
        // Attendance at the workshop is the overview's requirement, recorded with the product's question.
        if (isAttendance(task)) {
          expect(tp.source).toBe('overview');
          continue;
        }
        expect(tp.source, `${n}.${week.number}.${task.number}`).toBe('product');
        for (const field of task.fields) {
          const fp = field.provenance ?? tp;
          if (isQuotedWorkshopField(task, field)) expect(fp).toEqual(WORKSHOP_PROVENANCE);
          else expect(fp.source, `${n}.${week.number}.${task.number}${field.id}`).toBe('product');
        }
      }
    }
  });

  it('grounds each week in the KSS-AP statements the mapping table links to it', () => {
    for (const week of module.weeks) {
      const linked = [...(mapping.get(`${n}.${week.number}`) ?? [])].sort();
      const cited = refParts(week.provenance!.ref).statements.sort();
      expect(cited, `week ${n}.${week.number}`).toEqual(linked);
      if (linked.length === 0) expect(week.provenance!.ref).toMatch(/no KSS-AP statement is linked to this week/);
    }
  });

  it('grounds each task in named learning outcomes and in statements linked to its week', () => {
    for (const week of module.weeks) {
      const linked = mapping.get(`${n}.${week.number}`) ?? new Set<string>();
      for (const task of week.tasks.filter((t) => !isAttendance(t))) {
        const where = `${n}.${week.number}.${task.number}`;
        const { outcomes: named, statements } = refParts((task.provenance ?? week.provenance!).ref);
        for (const o of named) expect(outcomes, `${where} names an outcome the module does not have`).toContain(o);
        for (const s of statements) expect([...linked], `${where} cites ${s}`).toContain(s);
        if (!(task.title in WORKSHOP_FIELDS)) expect(named.length, `${where} names no learning outcome`).toBeGreaterThan(0);
      }
    }
  });

  it('has reflective studies of at most 500 words in weeks 2, 5 and 6, each its week\'s portfolio piece', () => {
    for (const wk of [2, 5, 6]) {
      const week = module.weeks[wk - 1];
      const studies = week.tasks.filter(reflectiveStudy);
      expect(studies, `week ${wk}`).toHaveLength(1);
    }
    for (const wk of [1, 3, 4, 7]) expect(module.weeks[wk - 1].tasks.filter(reflectiveStudy)).toHaveLength(0);
    // Weeks 5 and 6 end with it; week 2 ends with it and then the ideas for the workshop.
    const last = (w: Week) => w.tasks[w.tasks.length - 1];
    expect(reflectiveStudy(last(module.weeks[4]))).toBe(true);
    expect(reflectiveStudy(last(module.weeks[5]))).toBe(true);
    const week2 = module.weeks[1];
    expect(reflectiveStudy(week2.tasks[week2.tasks.length - 2])).toBe(true);
    expect(last(week2).title).toBe('Identify any ideas or questions that you want to raise at the workshop in week 4');
  });

  it("has week 4's workshop preparation and review, quoted from Module 1, with questions of the module's own after them", () => {
    const [prep, review] = module.weeks[3].tasks;
    for (const [task, title, number] of [
      [prep, 'Workshop preparation', 1],
      [review, 'Workshop review', 2],
    ] as const) {
      expect(task.number).toBe(number);
      expect(task.title).toBe(title);
      expect(task.portfolio).toBe(true);
      const quoted = WORKSHOP_FIELDS[title];
      expect(task.fields.slice(0, quoted.length).map((f) => f.label)).toEqual(quoted);
      // Preparation and review specific to the module: at least one question written for it.
      const own = task.fields.slice(quoted.length);
      expect(own.length, `${n}.4.${number}`).toBeGreaterThan(0);
      for (const f of own) expect(f.provenance?.source, `${n}.4.${number}${f.id}`).toBe('product');
      expect(task.statements?.length ?? 0, `${n}.4.${number} names no statement`).toBeGreaterThan(0);
    }
  });

  it('has reading weeks 3 and 7 that ask what was read, its key points and what it changes in practice, with a core list marked as the product\'s', () => {
    for (const wk of [3, 7]) {
      const week = module.weeks[wk - 1];
      expect(week.provenance!.note).toMatch(/chosen for this product and may be replaced by the programme team/);
      const reading = week.tasks[0];
      expect(reading.fields.map((f) => f.label).slice(0, 3)).toEqual(['What you read', 'Key points', 'What it changes in your practice']);
      expect(reading.fields.slice(0, 3).every((f) => f.required !== false)).toBe(true);
      const core = (week.material ?? []).find((m) => /^Core reading/.test(m.title));
      expect(core, `week ${wk} has no core reading`).toBeDefined();
      expect(core!.title).toMatch(/chosen for this product; your programme team may replace it/);
      expect(core!.provenance?.source ?? week.provenance!.source).toBe('product');
      const items = core!.text.split('\n').filter((l) => l.startsWith('- '));
      expect(items.length, `week ${wk}`).toBeGreaterThanOrEqual(2);
      expect(items.length, `week ${wk}`).toBeLessThanOrEqual(5);
      // Each with its year and its publisher (or court), and one full stop at the end.
      for (const item of items) {
        expect(item, item).toMatch(/^- [^()]+ \((19|20)\d\d\) \*[^*]+\*.*\. [A-Z][^.]*[a-zA-Z)]\.$/);
        expect(item, item).not.toMatch(/\.\.|\.\*\./);
      }
    }
    // The participant records the reading: no citation field stands in for it.
    const fields = module.weeks.flatMap((w) => w.tasks.flatMap((t) => t.fields));
    expect(fields.filter((f) => f.kind === 'reading' || f.citation !== undefined)).toEqual([]);
  });
});

describe('module-specific content', () => {
  it('module 3 uses the cross-module case study and names its tools', () => {
    const m3 = loadModule(3);
    const text = JSON.stringify(m3.weeks);
    expect(text).toMatch(/Belle, River or Skye/);
    expect(text).toMatch(/The Five Anchor Principles/);
    expect(text).toMatch(/chronology/);
  });

  it('module 4 ends the programme with the CPD plan and the follow-up self-assessment', () => {
    const m4 = loadModule(4);
    const tasks = [...m4.weeks[5].tasks, ...m4.weeks[6].tasks];
    const entries = tasks.flatMap((t) => t.fields.filter((f) => f.kind === 'entry').map((f) => ({ task: t, entry: f.entry })));
    for (const id of ['cpd-plan', 'selfassessment-followup']) {
      const found = entries.find((e) => e.entry === id);
      expect(found, id).toBeDefined();
      expect(found!.task.portfolio).toBe(true);
      expect(refParts(found!.task.provenance?.ref).outcomes).toContain(
        'review learning during the programme, draw up CPD plan, and reflect on achievements.',
      );
    }
    const items = parse(read('content/items.yaml')) as { items?: { id: string }[] } | { id: string }[];
    const ids = (Array.isArray(items) ? items : (items.items ?? [])).map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining(['cpd-plan', 'selfassessment-followup']));
  });
});
