// The one assessment of a portfolio against the programme. status, verify and
// render all present this result; none of them works it out again.
import type { Catalogue } from '../programme/load.js';
import type { Field, Requirement, Task } from '../programme/types.js';
import { RATING_LINE, commentKey, fieldKey } from '../portfolio/layout.js';
import type { ParsedEntry } from '../portfolio/entry.js';
import type { Portfolio } from '../portfolio/portfolio.js';
import type { Problem } from '../portfolio/problems.js';

export type State = 'answered' | 'partial' | 'empty';

export interface FieldResult {
  id: string;
  label: string;
  kind: Field['kind'];
  required: boolean;
  answered: boolean;
  /** Every answer's count by default; only where a limit applies when the caller asks (see AssessOptions.words). */
  words?: number;
  word_limit?: number;
  over_limit: boolean;
  /** 1-based line of its heading, when the file has it. */
  line?: number;
}

export interface TaskResult {
  ref: string;
  number: number;
  title: string;
  portfolio: boolean;
  /** Every field optional (further reading): never counts against completeness. */
  optional: boolean;
  state: State;
  fields: FieldResult[];
}

export interface WeekResult {
  ref: string;
  module: number;
  week: number;
  title: string;
  kind: string;
  file: string;
  answered: number;
  total: number;
  state: State;
  tasks: TaskResult[];
}

export interface ModuleResult {
  number: number;
  title: string;
  answered: number;
  total: number;
  weeks: WeekResult[];
}

export interface ItemResult {
  id: string;
  title: string;
  file: string;
  kind: 'text' | 'selfassessment';
  state: State;
  answered: number;
  total: number;
  fields: FieldResult[];
  ratings?: { id: string; value: number | null; line?: number }[];
  comments?: { section: number; text: string }[];
}

export interface RequirementResult {
  id: string;
  title: string;
  met: boolean;
  /** Why not, one line each; empty when met. */
  reasons: string[];
}

export interface StatementResult {
  id: string;
  section: number;
  heading: string;
  weeks: string[];
  /** Linked weeks whose tasks are all answered. */
  evidence: string[];
  covered: boolean;
}

export interface Assessment {
  programme: { id: string; title: string; version: string };
  portfolio: {
    participant: string | null;
    cohort: string | null;
    supervisor: string | null;
    start_date: string | null;
    content_version: string | null;
  };
  calendar: { today: string; programme_week: number | null; module: number | null; week: number | null; state: 'before' | 'during' | 'after' | 'unknown' };
  modules: ModuleResult[];
  items: ItemResult[];
  requirements: RequirementResult[];
  statements: StatementResult[];
  totals: {
    tasks: { answered: number; total: number };
    weeks: { answered: number; total: number };
    requirements: { met: number; total: number };
    statements: { covered: number; total: number };
  };
  problems: Problem[];
  complete: boolean;
  next: string;
}

const HTML_COMMENT = /<!--[\s\S]*?-->/g;
const UNCHECKED = /^[ \t]*[-*+][ \t]+\[ \][ \t]*([^\n]*)$/gm;

/**
 * The participant's own words in an answer region: no comments, and none of the
 * template's unticked boxes (a check field's box; an area with no note after it).
 */
export function answerText(raw: string, field?: Pick<Field, 'kind' | 'options'>): string {
  // includes() first: most answers hold no comment, and the regex would scan them all the same.
  let text = raw.includes('<!--') ? raw.replace(HTML_COMMENT, '') : raw;
  if (field?.kind === 'check') text = text.replace(UNCHECKED, '');
  if (field?.kind === 'areas') {
    const options = new Set(field.options ?? []);
    text = text.replace(UNCHECKED, (line, rest: string) => (options.has(rest.replace(/:\s*$/, '').trim()) && /:\s*$/.test(rest) ? '' : line));
  }
  return text.trim();
}

const WORDISH = /[\p{L}\p{N}]/u;

// ASCII character classes for countWords: 1 space, 2 letter or digit, 0 anything else.
const OTHER = 0;
const SPACE = 1;
const WORD = 2;
const ASCII_CLASS = new Uint8Array(128);
for (let c = 9; c <= 13; c++) ASCII_CLASS[c] = SPACE;
ASCII_CLASS[32] = SPACE;
for (let c = 48; c <= 57; c++) ASCII_CLASS[c] = WORD;
for (let c = 65; c <= 90; c++) ASCII_CLASS[c] = WORD;
for (let c = 97; c <= 122; c++) ASCII_CLASS[c] = WORD;

function isWideSpace(c: number): boolean {
  return c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x3000 || c === 0x1680 || c === 0x205f || c === 0x2028 || c === 0x2029 || c === 0xfeff;
}

export function countWords(text: string): number {
  // Each clean-up runs only when its marker is there: most answers are plain prose.
  let plain = text;
  if (plain.includes('<')) plain = plain.replace(HTML_COMMENT, ' ').replace(/<https?:[^>]+>/g, ' link ');
  if (plain.includes('[')) plain = plain.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\[[ xX]\]/g, ' ');
  // A word is a run of non-space characters with at least one letter or digit
  // in it: list markers, '>' and '#' do not count; "re-read" and "child’s" are
  // one word each. A numbered list's marker ("1." or "2)" first on its line,
  // before a space or tab) is not a word either. One pass over the characters,
  // with a table for ASCII: this runs on every answer of every portfolio.
  let n = 0;
  let lineFirst = true;
  const len = plain.length;
  let i = 0;
  while (i < len) {
    let c = plain.charCodeAt(i);
    let cls = c < 128 ? ASCII_CLASS[c]! : isWideSpace(c) ? SPACE : OTHER;
    if (cls === SPACE) {
      // As a regex's multiline "^[ \t]*": a line ends at any line terminator, and only spaces and tabs may come before a marker.
      if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) lineFirst = true;
      else if (c !== 32 && c !== 9) lineFirst = false;
      i++;
      continue;
    }
    // A token: find whether it has a letter or digit, then step to its end.
    const start = i;
    const first = lineFirst;
    lineFirst = false;
    let wordish = false;
    for (;;) {
      if (cls === WORD || (c >= 128 && (WORDISH.test(plain[i]!) || (c >= 0xd800 && c <= 0xdbff && WORDISH.test(plain.slice(i, i + 2)))))) {
        wordish = true;
        break;
      }
      if (++i >= len) break;
      c = plain.charCodeAt(i);
      cls = c < 128 ? ASCII_CLASS[c]! : isWideSpace(c) ? SPACE : OTHER;
      if (cls === SPACE) break;
    }
    if (!wordish) continue;
    for (i++; i < len; i++) {
      c = plain.charCodeAt(i);
      if (c < 128 ? ASCII_CLASS[c] === SPACE : isWideSpace(c)) break;
    }
    const after = i < len ? plain.charCodeAt(i) : 10;
    if (!(first && (after === 32 || after === 9) && isNumberMarker(plain, start, i))) n++;
  }
  return n;
}

/** Digits then one "." or ")": a numbered list item's marker. */
function isNumberMarker(text: string, start: number, end: number): boolean {
  const last = text.charCodeAt(end - 1);
  if ((last !== 46 && last !== 41) || end - 1 === start) return false;
  for (let i = start; i < end - 1; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function checked(raw: string): boolean {
  return /^[ \t]*[-*+][ \t]+\[[xX]\]/m.test(raw);
}

/** Areas chosen: ticked, or with a note after the colon. */
export function chosenAreas(raw: string): { area: string; note: string; ticked: boolean }[] {
  const out: { area: string; note: string; ticked: boolean }[] = [];
  for (const m of raw.matchAll(/^[ \t]*[-*+][ \t]+\[([ xX])\][ \t]*([^:\n]*?)[ \t]*(?::[ \t]*(.*))?$/gm)) {
    const ticked = m[1] !== ' ';
    const note = (m[3] ?? '').trim();
    if (ticked || note) out.push({ area: (m[2] ?? '').trim(), note, ticked });
  }
  return out;
}

function fieldResult(field: Field, entry: ParsedEntry | undefined, key: string, itemDone: (id: string) => boolean, countAll: boolean): FieldResult {
  const slot = entry?.slots.get(key);
  const raw = slot?.raw ?? '';
  const text = answerText(raw, field);
  let answered: boolean;
  switch (field.kind) {
    case 'check':
      answered = checked(raw) || text !== '';
      break;
    case 'areas':
      answered = chosenAreas(raw).length > 0 || text !== '';
      break;
    case 'entry':
      answered = itemDone(field.entry ?? '');
      break;
    default:
      answered = text !== '';
  }
  const limit = field.word_limit;
  const words = limit === undefined && !countAll ? undefined : field.kind === 'entry' || field.kind === 'check' ? 0 : countWords(text);
  const over = limit !== undefined && words! > limit;
  // Every property always there, in one order (undefined where absent: JSON leaves those out):
  // one shape for every result, where spreading optional parts made a new one each time.
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

export interface AssessOptions {
  /** Today's date (YYYY-MM-DD); the assessment never reads the clock itself. */
  today: string;
  /**
   * Words in every answer ('all', the default: status --json reports them), or
   * only where a word limit applies ('limits': all that verify and render use;
   * counting every answer of a cohort is a fifth of verify's time).
   */
  words?: 'all' | 'limits';
}

export function assess(cat: Catalogue, portfolio: Portfolio, options: AssessOptions): Assessment {
  const p = cat.programme;
  const entries = portfolio.entries;
  const countAll = options.words !== 'limits';

  // Items first: week tasks of kind 'entry' depend on them.
  const items: ItemResult[] = p.items.map((item) => {
    const entry = entries.get(item.file);
    if (item.kind === 'selfassessment') {
      const ratings = cat.statements.map((s) => {
        const slot = entry?.slots.get(s.id);
        const m = slot ? RATING_LINE.exec(slot.raw) : null;
        const value = m && /^[1-5]$/.test(m[1]!) ? Number(m[1]) : null;
        return { id: s.id, value, ...(slot ? { line: slot.line } : {}) };
      });
      const comments = p.framework.sections
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
  });
  const itemDone = (id: string) => items.find((i) => i.id === id)?.state === 'answered';

  // Filled while the modules are assessed, for the requirements and the totals.
  const weekByRef = new Map<string, WeekResult>();
  const taskByRef = new Map<string, { t: TaskResult; w: WeekResult }>();
  const allTasks: TaskResult[] = [];
  const allWeeks: WeekResult[] = [];
  const modules: ModuleResult[] = p.modules.map((m) => {
    const weeks = m.weeks.map((w): WeekResult => {
      const file = `module-${m.number}/week-${w.number}.md`;
      const entry = entries.get(file);
      const tasks = w.tasks.map((t: Task): TaskResult => {
        const fields = t.fields.map((f) => fieldResult(f, entry, fieldKey(t.number, f.id), itemDone, countAll));
        const optional = fields.every((f) => !f.required);
        return { ref: `${m.number}.${w.number}.${t.number}`, number: t.number, title: t.title, portfolio: t.portfolio, optional, state: stateOf(fields), fields };
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
      allTasks.push(...counted);
      allWeeks.push(week);
      return week;
    });
    return {
      number: m.number,
      title: m.title,
      answered: weeks.reduce((n, w) => n + w.answered, 0),
      total: weeks.reduce((n, w) => n + w.total, 0),
      weeks,
    };
  });

  const requirements = p.requirements.map((r) => requirementResult(r, weekByRef, taskByRef, items));

  const statements: StatementResult[] = cat.statements.map((s) => {
    const evidence = s.weeks.filter((ref) => weekByRef.get(ref)?.state === 'answered');
    return { id: s.id, section: s.section, heading: s.heading, weeks: s.weeks, evidence, covered: evidence.length > 0 };
  });

  const problems = [...portfolio.problems].sort(byFileLine);
  const totals = {
    tasks: { answered: allTasks.filter((t) => t.state === 'answered').length, total: allTasks.length },
    weeks: { answered: allWeeks.filter((w) => w.state === 'answered').length, total: allWeeks.length },
    requirements: { met: requirements.filter((r) => r.met).length, total: requirements.length },
    statements: { covered: statements.filter((s) => s.covered).length, total: statements.length },
  };
  const complete =
    totals.requirements.met === totals.requirements.total &&
    totals.statements.covered === totals.statements.total &&
    !problems.some((x) => x.severity === 'error');
  const calendar = calendarOf(portfolio.config?.start_date, options.today);
  const c = portfolio.config;
  const base = {
    programme: { id: p.id, title: p.title, version: p.version },
    portfolio: {
      participant: c?.participant ?? null,
      cohort: c?.cohort ?? null,
      supervisor: c?.supervisor ?? null,
      start_date: c?.start_date ?? null,
      content_version: c?.content_version ?? null,
    },
    calendar,
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
  const reasons: string[] = [];
  for (const ref of r.satisfied_by) {
    if (ref.startsWith('item:')) {
      const item = items.find((i) => i.id === ref.slice(5));
      if (!item) continue;
      if (item.state !== 'answered') {
        const what = item.kind === 'selfassessment' ? 'statements rated' : 'parts answered';
        reasons.push(`${item.title} (${item.file}): ${item.answered} of ${item.total} ${what}`);
      }
      for (const f of item.fields.filter((x) => x.over_limit)) {
        reasons.push(`${item.title}, ${f.label}: ${f.words} words, maximum ${f.word_limit}`);
      }
      continue;
    }
    const parts = ref.split('.');
    if (parts.length === 2) {
      const w = weekByRef.get(ref);
      if (!w) continue;
      for (const t of w.tasks) if (!t.optional) reasons.push(...taskReasons(t, w));
    } else {
      const found = taskByRef.get(ref);
      if (found) reasons.push(...taskReasons(found.t, found.w));
    }
  }
  return { id: r.id, title: r.title, met: reasons.length === 0, reasons };
}

function taskReasons(t: TaskResult, w: WeekResult): string[] {
  const where = `Module ${w.module} week ${w.week}, task ${t.number}`;
  const out: string[] = [];
  if (t.state !== 'answered') {
    const missing = t.fields.filter((f) => f.required && !f.answered).map((f) => f.label);
    out.push(`${where} (${w.file}): ${t.state === 'empty' ? 'not answered' : `not yet answered: ${missing.join('; ')}`}`);
  }
  for (const f of t.fields.filter((x) => x.over_limit)) out.push(`${where} (${w.file}): ${f.words} words, maximum ${f.word_limit}`);
  return out;
}

export function calendarOf(start: string | undefined, today: string): Assessment['calendar'] {
  const t = Date.parse(`${today}T00:00:00Z`);
  const s = start ? Date.parse(`${start}T00:00:00Z`) : NaN;
  if (Number.isNaN(s) || Number.isNaN(t)) return { today, programme_week: null, module: null, week: null, state: 'unknown' };
  const days = Math.floor((t - s) / 86_400_000);
  if (days < 0) return { today, programme_week: 0, module: null, week: null, state: 'before' };
  const n = Math.floor(days / 7) + 1;
  if (n > 28) return { today, programme_week: n, module: null, week: null, state: 'after' };
  return { today, programme_week: n, module: Math.ceil(n / 7), week: ((n - 1) % 7) + 1, state: 'during' };
}

/** The one next step that matters most. */
function nextStep(a: Omit<Assessment, 'next'>): string {
  const errors = a.problems.filter((x) => x.severity === 'error');
  if (errors.length > 0) {
    const e = errors[0]!;
    return `Fix ${e.file}${e.line > 0 ? `:${e.line}` : ''}: ${e.message}${errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''}; run permanence verify)` : ''}`;
  }
  const baseline = a.items.find((i) => i.kind === 'selfassessment' && i.id.includes('baseline'));
  if (baseline && baseline.state !== 'answered' && (a.calendar.programme_week ?? 0) <= 2) {
    return `Rate your baseline confidence against the KSS-AP: permanence selfassess --stage baseline (${baseline.answered} of ${baseline.total} rated)`;
  }
  const weeks = a.modules.flatMap((m) => m.weeks);
  const now = a.calendar.state === 'during' ? weeks.find((w) => w.module === a.calendar.module && w.week === a.calendar.week) : undefined;
  const behind = weeks.find((w) => w.state !== 'answered' && (!now || weeks.indexOf(w) <= weeks.indexOf(now)));
  if (behind) {
    const open = behind.tasks.find((t) => t.state !== 'answered');
    return `Continue module ${behind.module}, week ${behind.week} (${behind.title}): permanence week ${behind.ref}${open ? ` (task ${open.number} next)` : ''}`;
  }
  if (now && a.calendar.state === 'during') {
    const later = weeks.find((w) => w.state !== 'answered');
    if (later && weeks.indexOf(later) > weeks.indexOf(now)) {
      return `You are up to date for week ${a.calendar.programme_week} of 28. Next: module ${later.module}, week ${later.week} (${later.title}), when it comes: permanence week ${later.ref}`;
    }
  }
  const unmet = a.requirements.find((r) => !r.met);
  if (unmet) return `Complete the requirement "${unmet.title}": ${unmet.reasons[0] ?? ''}`;
  const uncovered = a.statements.find((s) => !s.covered);
  if (uncovered) return `KSS-AP ${uncovered.id} has no evidence yet: answer the tasks of week ${uncovered.weeks.join(' or ')}`;
  return 'Everything is answered: ask your supervisor to run permanence verify and permanence signoff, then run permanence render';
}
