// The one assessment of a portfolio against the programme: for every field,
// task, week, item, requirement and statement, done or not and why, as data.
// status, verify, the guide, sign-off and render all present this result;
// none of them works it out again, and none of it is worded here.
import type { Catalogue } from '../programme/load.js';
import type { Field, Item, Requirement } from '../programme/types.js';
import { commentKey, fieldKey, weekFile } from '../portfolio/layout.js';
import type { ParsedEntry } from '../portfolio/entry.js';
import type { Portfolio } from '../portfolio/portfolio.js';
import type { Problem } from '../portfolio/problems.js';
import { answerText, countWords, isAnswered, readRating } from './answers.js';
import { calendarOf } from './calendar.js';
import { nextStep } from './next.js';
import {
  ASSESSMENT_SCHEMA_VERSION,
  type Assessment,
  type AssessOptions,
  type FieldResult,
  type ItemResult,
  type Missing,
  type ModuleResult,
  type Rating,
  type Reason,
  type RequirementResult,
  type State,
  type StatementResult,
  type TaskResult,
  type WeekResult,
} from './types.js';

export * from './types.js';

/** Complete: every requirement met, every statement evidenced, and no error among the problems. */
export function isComplete(totals: Pick<Assessment['totals'], 'requirements' | 'statements'>, problems: readonly Problem[]): boolean {
  return totals.requirements.met === totals.requirements.total && totals.statements.covered === totals.statements.total && !problems.some((x) => x.severity === 'error');
}

export function fieldResult(field: Field, entry: ParsedEntry | undefined, key: string, itemDone: (id: string) => boolean, countAll = true): FieldResult {
  const slot = entry?.slots.get(key);
  const raw = slot?.raw ?? '';
  const answered = field.kind === 'entry' ? itemDone(field.entry ?? '') : isAnswered(field, raw);
  const limit = field.word_limit;
  const words = limit === undefined && !countAll ? undefined : field.kind === 'entry' || field.kind === 'check' ? 0 : countWords(answerText(raw, field));
  const over = limit !== undefined && words! > limit;
  return {
    id: field.id,
    label: field.label,
    kind: field.kind,
    required: field.required,
    answered,
    words,
    word_limit: limit,
    over_limit: over,
    line: slot?.line,
  };
}

function stateOf(fields: FieldResult[]): State {
  const required = fields.filter((f) => f.required);
  const any = fields.some((f) => f.answered);
  if (required.length === 0) return any ? 'answered' : 'empty';
  if (required.every((f) => f.answered)) return 'answered';
  return any ? 'partial' : 'empty';
}

/** One portfolio item as it stands in its file (the guide asks this of an item it is filling in). */
export function assessItem(cat: Catalogue, item: Item, entry: ParsedEntry | undefined, countAll = true): ItemResult {
  if (item.kind === 'selfassessment') {
    const ratings = cat.statements.map((s): Rating => {
      const slot = entry?.slots.get(s.id);
      const read = slot ? readRating(slot.raw) : { value: null };
      return { id: s.id, value: read.value, ...(slot ? { line: ratingLine(entry!.text, slot) ?? slot.line } : {}), ...('written' in read && read.written ? { invalid: read.written } : {}) };
    });
    const comments = cat.programme.framework.sections
      .map((s) => ({ section: s.number, text: answerText(entry?.slots.get(commentKey(s.number))?.raw ?? '') }))
      .filter((c) => c.text !== '');
    const rated = ratings.filter((r) => r.value !== null).length;
    return {
      id: item.id,
      title: item.title,
      file: item.file,
      kind: item.kind,
      state: rated === ratings.length ? 'answered' : rated > 0 ? 'partial' : 'empty',
      answered: rated,
      total: ratings.length,
      fields: [],
      ratings,
      comments,
    };
  }
  const fields = item.fields.map((f) => fieldResult(f, entry, fieldKey(null, f.id), () => false, countAll));
  const required = fields.filter((f) => f.required);
  return {
    id: item.id,
    title: item.title,
    file: item.file,
    kind: item.kind,
    state: stateOf(fields),
    answered: required.filter((f) => f.answered).length,
    total: required.length,
    fields,
  };
}

export function assess(cat: Catalogue, portfolio: Portfolio, options: AssessOptions): Assessment {
  const p = cat.programme;
  const entries = portfolio.entries;
  const countAll = options.words !== 'limits';

  // Items first: week tasks of kind 'entry' depend on them.
  const items = p.items.map((item) => assessItem(cat, item, entries.get(item.file), countAll));
  const itemDone = (id: string) => items.find((i) => i.id === id)?.state === 'answered';

  const weekByRef = new Map<string, WeekResult>();
  const taskByRef = new Map<string, { t: TaskResult; w: WeekResult }>();
  const modules: ModuleResult[] = p.modules.map((m) => {
    const weeks = m.weeks.map((w): WeekResult => {
      const file = weekFile(m.number, w.number);
      const entry = entries.get(file);
      const tasks = w.tasks.map((t): TaskResult => {
        const fields = t.fields.map((f) => fieldResult(f, entry, fieldKey(t.number, f.id), itemDone, countAll));
        return { ref: `${m.number}.${w.number}.${t.number}`, number: t.number, title: t.title, portfolio: t.portfolio, optional: fields.every((f) => !f.required), state: stateOf(fields), fields };
      });
      const counted = tasks.filter((t) => !t.optional);
      const answered = counted.filter((t) => t.state === 'answered').length;
      const week: WeekResult = {
        ref: `${m.number}.${w.number}`,
        module: m.number,
        week: w.number,
        title: w.title,
        kind: w.kind,
        file,
        answered,
        total: counted.length,
        state: answered === counted.length ? 'answered' : tasks.some((t) => t.state !== 'empty') ? 'partial' : 'empty',
        tasks,
      };
      weekByRef.set(week.ref, week);
      for (const t of tasks) taskByRef.set(t.ref, { t, w: week });
      return week;
    });
    return {
      number: m.number,
      title: m.title,
      answered: weeks.reduce((n, w) => n + w.answered, 0),
      total: weeks.reduce((n, w) => n + w.total, 0),
      complete: weeks.every((w) => w.state === 'answered'),
      weeks,
    };
  });

  const requirements = p.requirements.map((r) => requirementResult(r, weekByRef, taskByRef, items));
  const statements: StatementResult[] = cat.statements.map((s) => {
    const evidence = s.weeks.filter((ref) => weekByRef.get(ref)?.state === 'answered');
    return { id: s.id, section: s.section, heading: s.heading, weeks: s.weeks, evidence, covered: evidence.length > 0 };
  });

  const problems = [...portfolio.problems, ...ratingProblems(items), ...shortAnswers(modules, items), ...(options.problems ?? [])].sort(byFileLine);
  const allWeeks = modules.flatMap((m) => m.weeks);
  const allTasks = allWeeks.flatMap((w) => w.tasks.filter((t) => !t.optional));
  const totals = {
    tasks: { answered: allTasks.filter((t) => t.state === 'answered').length, total: allTasks.length },
    weeks: { answered: allWeeks.filter((w) => w.state === 'answered').length, total: allWeeks.length },
    requirements: { met: requirements.filter((r) => r.met).length, total: requirements.length },
    statements: { covered: statements.filter((s) => s.covered).length, total: statements.length },
  };
  const complete = isComplete(totals, problems);
  const c = portfolio.config;
  const base = {
    schema_version: ASSESSMENT_SCHEMA_VERSION,
    programme: { id: p.id, title: p.title, version: p.version },
    portfolio: {
      participant: c?.participant ?? null,
      cohort: c?.cohort ?? null,
      supervisor: c?.supervisor ?? null,
      start_date: c?.start_date ?? null,
      content_version: c?.content_version ?? null,
    },
    calendar: calendarOf(c?.start_date, options.today),
    modules,
    items,
    requirements,
    statements,
    totals,
    problems,
    complete,
  };
  return { ...base, next: nextStep(base) };
}

/** The 1-based line of the rating line in a statement's slot, when there is one. */
function ratingLine(text: string, slot: { line: number; headingStart: number; start: number; raw: string }): number | undefined {
  const at = slot.raw.search(/^[ \t]*Confidence[ \t]*\(1[-–]5\)/im);
  if (at === -1) return undefined;
  // Counted from the slot's heading, whose line is known, not from the top of the file for each of 36 statements.
  let n = slot.line;
  for (let i = text.indexOf('\n', slot.headingStart); i !== -1 && i < slot.start + at; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * An answer with a word limit that is answered but a tenth of it or less (a
 * reflective study of 12 words): a warning with its count, not an error.
 */
function shortAnswers(modules: ModuleResult[], items: ItemResult[]): Problem[] {
  const out: Problem[] = [];
  const check = (file: string, where: string, f: FieldResult) => {
    if (!f.answered || f.word_limit === undefined || f.words === undefined || f.words * 10 > f.word_limit) return;
    out.push({
      file,
      line: f.line ?? 0,
      severity: 'warning',
      code: 'short-answer',
      message: `${where}: ${f.words} word${f.words === 1 ? '' : 's'}, where up to ${f.word_limit} are asked for`,
      fix: 'write it out in full before your supervisor signs off',
    });
  };
  for (const w of modules.flatMap((m) => m.weeks)) for (const t of w.tasks) for (const f of t.fields) check(w.file, `task ${t.number} ${f.id}) ${f.label}`, f);
  for (const i of items) for (const f of i.fields) check(i.file, `${f.id}) ${f.label}`, f);
  return out;
}

/** A rating that is not one is an error, at its line: the assessment would otherwise count it as not rated, silently. */
function ratingProblems(items: ItemResult[]): Problem[] {
  const out: Problem[] = [];
  for (const item of items) {
    for (const r of item.ratings ?? []) {
      if (r.invalid === undefined) continue;
      out.push({
        file: item.file,
        line: r.line ?? 0,
        severity: 'error',
        code: 'rating',
        message: `the rating for ${r.id} is "${r.invalid}"; a rating is a whole number from 1 to 5`,
        fix: 'write one of 1, 2, 3, 4 or 5 after "Confidence (1-5):" (for example "Confidence (1-5): 4"), or run permanence selfassess',
      });
    }
  }
  return out;
}

function byFileLine(a: Problem, b: Problem): number {
  if (a.severity !== b.severity) return a.severity === 'error' ? -1 : 1;
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line;
}

function requirementResult(
  r: Requirement,
  weekByRef: Map<string, WeekResult>,
  taskByRef: Map<string, { t: TaskResult; w: WeekResult }>,
  items: ItemResult[],
): RequirementResult {
  const reasons: Reason[] = [];
  for (const ref of r.satisfied_by) {
    if (ref.startsWith('item:')) {
      const item = items.find((i) => i.id === ref.slice(5));
      if (item) reasons.push(...itemReasons(item));
      continue;
    }
    if (ref.split('.').length === 2) {
      const w = weekByRef.get(ref);
      if (w) for (const t of w.tasks) if (!t.optional) reasons.push(...taskReasons(t, w));
    } else {
      const found = taskByRef.get(ref);
      if (found) reasons.push(...taskReasons(found.t, found.w));
    }
  }
  return { id: r.id, title: r.title, met: reasons.length === 0, reasons };
}

function itemReasons(item: ItemResult): Reason[] {
  const ref = `item:${item.id}`;
  const out: Reason[] = [];
  if (item.state !== 'answered') {
    const missing: Missing[] =
      item.kind === 'selfassessment'
        ? (item.ratings ?? []).filter((x) => x.value === null).map((x) => ({ id: x.id, label: x.id, ...(x.line ? { line: x.line } : {}) }))
        : missingOf(item.fields);
    const line = missing.find((x) => x.line !== undefined)?.line;
    out.push({ kind: 'unanswered', ref, title: item.title, file: item.file, ...(line ? { line } : {}), state: item.state === 'empty' ? 'empty' : 'partial', of: item.kind === 'selfassessment' ? 'ratings' : 'fields', answered: item.answered, total: item.total, missing });
  }
  for (const f of item.fields.filter((x) => x.over_limit)) out.push(overLimit(ref, item.title, item.file, f));
  return out;
}

function taskReasons(t: TaskResult, w: WeekResult): Reason[] {
  const out: Reason[] = [];
  if (t.state !== 'answered') {
    const missing = missingOf(t.fields);
    const required = t.fields.filter((f) => f.required);
    const line = missing.find((x) => x.line !== undefined)?.line;
    out.push({
      kind: 'unanswered',
      ref: t.ref,
      title: t.title,
      file: w.file,
      ...(line ? { line } : {}),
      state: t.state === 'empty' ? 'empty' : 'partial',
      of: 'fields',
      answered: required.filter((f) => f.answered).length,
      total: required.length,
      missing,
    });
  }
  for (const f of t.fields.filter((x) => x.over_limit)) out.push(overLimit(t.ref, t.title, w.file, f));
  return out;
}

const missingOf = (fields: FieldResult[]): Missing[] =>
  fields.filter((f) => f.required && !f.answered).map((f) => ({ id: f.id, label: f.label, ...(f.line ? { line: f.line } : {}) }));

const overLimit = (ref: string, title: string, file: string, f: FieldResult): Reason => ({
  kind: 'over-limit',
  ref,
  title,
  file,
  ...(f.line ? { line: f.line } : {}),
  field: f.id,
  label: f.label,
  words: f.words ?? 0,
  limit: f.word_limit ?? 0,
});
