// assess() as a table: portfolios made in memory from the templates and an
// answers file, and the data the assessment gives for each (states, reasons,
// completeness and the next step), with no file system and no CLI.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assess, type Assessment } from '../../src/assess/assess.js';
import { loadProgramme } from '../../src/programme/load.js';
import { entrySpecs } from '../../src/portfolio/layout.js';
import { renderEntry } from '../../src/portfolio/template.js';
import { parseEntry, type ParsedEntry } from '../../src/portfolio/entry.js';
import { setAnswer } from '../../src/portfolio/write.js';
import { readAnswers } from '../../src/portfolio/answers.js';
import type { Portfolio } from '../../src/portfolio/portfolio.js';
import type { Problem } from '../../src/portfolio/problems.js';
import { DEMO_ANSWERS } from '../../src/commands/demo.js';
import { ROOT, tmp } from '../helpers.js';

const cat = loadProgramme();
const specs = entrySpecs(cat);
const START = '2026-09-07';

/** A portfolio of fresh templates with the answers of each file given applied, and a config starting on START. */
function portfolio(answerFiles: string[], extra: { problems?: Problem[]; drop?: string[] } = {}): Portfolio {
  const entries = new Map<string, ParsedEntry>(specs.map((s) => [s.file, parseEntry(renderEntry(s, cat), s, cat)]));
  for (const file of answerFiles) {
    for (const t of readAnswers(file, cat, specs)) {
      if (extra.drop?.some((d) => t.spec.file === d)) continue;
      const entry = entries.get(t.spec.file)!;
      entries.set(t.spec.file, parseEntry(setAnswer(entry, t.key, t.markdown), t.spec, cat));
    }
  }
  const config = { permanence: 1, programme: cat.programme.id, content_version: cat.programme.version, participant: 'A. Practitioner', start_date: START };
  return { root: '/in-memory', config, specs, entries, problems: extra.problems ?? [] };
}

const HALF = join(ROOT, 'tests/fixtures/portfolios/half/answers.yaml');
/** Every statement rated at the baseline. */
const BASELINE = (() => {
  const file = join(tmp(), 'baseline.yaml');
  writeFileSync(file, `selfassessment-baseline:\n${cat.statements.map((st) => `  ${st.id}: 3\n`).join('')}`);
  return file;
})();
/** A YAML answers file of its own, for one row. */
function answersFile(yaml: string): string {
  const file = join(tmp(), 'answers.yaml');
  writeFileSync(file, yaml);
  return file;
}
const week = (a: Assessment, ref: string) => a.modules.flatMap((m) => m.weeks).find((w) => w.ref === ref)!;

describe('assess()', () => {
  const rows: { name: string; portfolio: () => Portfolio; today: string; check: (a: Assessment) => void }[] = [
    {
      name: 'fresh templates: nothing answered, not complete; the baseline self-assessment first',
      portfolio: () => portfolio([]),
      today: '2026-09-08',
      check: (a) => {
        expect(a.complete).toBe(false);
        expect(a.totals.tasks.answered).toBe(0);
        expect(a.modules.every((m) => !m.complete && m.weeks.every((w) => w.state === 'empty'))).toBe(true);
        expect(a.requirements.every((r) => !r.met && r.reasons.length > 0)).toBe(true);
        expect(a.statements.every((s) => !s.covered)).toBe(true);
        expect(a.next).toEqual({ kind: 'selfassess', stage: 'baseline', rated: 0, total: 36 });
        expect(a.calendar).toMatchObject({ programme_week: 1, module: 1, week: 1, state: 'during' });
      },
    },
    {
      name: 'fresh templates in programme week 3, the baseline rated: the earliest week not answered, never started, and its first task',
      portfolio: () => portfolio([BASELINE]),
      today: '2026-09-21',
      check: (a) => expect(a.next).toEqual({ kind: 'week', ref: '1.1', module: 1, week: 1, title: week(a, '1.1').title, started: false, task: 1 }),
    },
    {
      name: 'the baseline not rated in programme week 13: still the next step, before any week',
      portfolio: () => portfolio([answersFile('"1.1":\n  1: { a: true }\n')]),
      today: '2026-11-30',
      check: (a) => {
        expect(a.calendar.programme_week).toBe(13);
        expect(a.next).toEqual({ kind: 'selfassess', stage: 'baseline', rated: 0, total: 36 });
      },
    },
    {
      name: 'a week with one task answered is started: continue it, at its first unanswered task',
      portfolio: () => portfolio([BASELINE, answersFile('"1.1":\n  1: { a: true }\n')]),
      today: '2026-09-21',
      check: (a) => expect(a.next).toMatchObject({ kind: 'week', ref: '1.1', started: true, task: 2 }),
    },
    {
      name: 'in Module 4 (programme week 23), the follow-up self-assessment comes before catching up',
      portfolio: () => portfolio([BASELINE]),
      today: '2027-02-08',
      check: (a) => {
        expect(a.calendar).toMatchObject({ programme_week: 23, module: 4 });
        expect(a.next).toEqual({ kind: 'selfassess', stage: 'followup', rated: 0, total: 36 });
      },
    },
    {
      name: 'in Module 3 the follow-up is not asked for yet: the earliest week is',
      portfolio: () => portfolio([BASELINE]),
      today: '2027-01-04',
      check: (a) => {
        expect(a.calendar.module).toBe(3);
        expect(a.next).toMatchObject({ kind: 'week', ref: '1.1' });
      },
    },
    {
      name: 'half of module 1: weeks 1.2 and 1.3 answered, 1.1 waiting on its items, 1.4 started; the next step is the earliest',
      portfolio: () => portfolio([HALF]),
      today: '2026-10-20',
      check: (a) => {
        expect(['1.1', '1.2', '1.3', '1.4', '1.5'].map((r) => week(a, r).state)).toEqual(['partial', 'answered', 'answered', 'partial', 'empty']);
        // Task 6 of week 1.1 is answered in two items (the baseline self-assessment, the learning goals), not filled in yet.
        const task6 = week(a, '1.1').tasks.find((t) => t.number === 6)!;
        expect(task6.state).not.toBe('answered');
        expect(task6.fields[0]).toMatchObject({ kind: 'entry', answered: false });
        // The baseline is started but not finished: it comes first, whatever week it is.
        expect(a.next).toMatchObject({ kind: 'selfassess', stage: 'baseline' });
        const unmet = a.requirements.find((r) => !r.met)!;
        expect(unmet.reasons[0]).toMatchObject({ kind: 'unanswered', file: expect.any(String), missing: expect.any(Array) });
      },
    },
    {
      name: 'the demo’s answers: complete, every requirement met and statement evidenced; the supervisor’s turn',
      portfolio: () => portfolio([DEMO_ANSWERS]),
      today: '2027-06-01',
      check: (a) => {
        expect(a.complete).toBe(true);
        expect(a.totals.requirements.met).toBe(a.totals.requirements.total);
        expect(a.totals.statements.covered).toBe(36);
        expect(a.modules.every((m) => m.complete)).toBe(true);
        expect(a.next).toEqual({ kind: 'done' });
      },
    },
    {
      name: 'the demo’s answers but for module 4 week 7, in programme week 3: up to date, with the week to come',
      portfolio: () => portfolio([DEMO_ANSWERS], { drop: ['module-4/week-7.md'] }),
      today: '2026-09-21',
      check: (a) => {
        expect(week(a, '4.7').state).not.toBe('answered');
        expect(a.next).toMatchObject({ kind: 'up-to-date', programme_week: 3, ref: '4.7', module: 4, week: 7 });
      },
    },
    {
      name: 'a reflective study over its limit: an over-limit reason with the words and the limit, as data',
      portfolio: () => portfolio([DEMO_ANSWERS, answersFile(`"1.5":\n  3:\n    a: "${Array.from({ length: 612 }, (_, i) => `word${i}`).join(' ')}"\n`)]),
      today: '2027-06-01',
      check: (a) => {
        expect(a.complete).toBe(false);
        const r = a.requirements.find((x) => x.id === 'reflective-study-1.5')!;
        expect(r.reasons).toEqual([expect.objectContaining({ kind: 'over-limit', ref: '1.5.3', file: 'module-1/week-5.md', field: 'a', words: 612, limit: 500, line: expect.any(Number) })]);
        expect(a.next).toMatchObject({ kind: 'requirement', id: r.id, reason: r.reasons[0] });
      },
    },
    {
      name: 'an error beside the files (a sign-off changed, say): not complete, and fixing it comes first',
      portfolio: () => portfolio([DEMO_ANSWERS], { problems: [{ file: 'signoffs/0001-final.json', line: 0, severity: 'error', code: 'signoff-changed', message: 'changed since the sign-off' }] }),
      today: '2027-06-01',
      check: (a) => {
        expect(a.complete).toBe(false);
        expect(a.totals.requirements.met).toBe(a.totals.requirements.total);
        expect(a.next).toEqual({ kind: 'fix', file: 'signoffs/0001-final.json', line: 0, message: 'changed since the sign-off', more: 0 });
      },
    },
    {
      name: 'a warning alone does not make it incomplete',
      portfolio: () => portfolio([DEMO_ANSWERS], { problems: [{ file: 'module-1/week-2.md', line: 9, severity: 'warning', code: 'identifying-detail', message: 'a postcode' }] }),
      today: '2027-06-01',
      check: (a) => {
        expect(a.complete).toBe(true);
        expect(a.problems).toHaveLength(1);
      },
    },
  ];

  for (const row of rows) {
    it(row.name, () => row.check(assess(cat, row.portfolio(), { today: row.today })));
  }

  it('any one of the 28 weeks left as its blank template: not complete, and the week named with its file and first unanswered line', () => {
    for (const spec of specs.filter((s) => s.kind === 'week')) {
      const a = assess(cat, portfolio([DEMO_ANSWERS], { drop: [spec.file] }), { today: '2027-06-01' });
      expect(a.complete, spec.file).toBe(false);
      const every = a.requirements.find((r) => r.id === 'workbook-tasks')!;
      expect(every.reasons[0], spec.file).toMatchObject({ kind: 'unanswered', file: spec.file, line: expect.any(Number), state: 'empty' });
    }
  });

  it('options.problems are weighed like the portfolio’s own, errors first, by file and line', () => {
    const p = portfolio([], { problems: [{ file: 'b.md', line: 2, severity: 'warning', code: 'x', message: 'w' }] });
    const a = assess(cat, p, { today: '2026-09-08', problems: [{ file: 'a.md', line: 5, severity: 'error', code: 'y', message: 'e' }] });
    expect(a.problems.map((x) => x.file)).toEqual(['a.md', 'b.md']);
  });
});
