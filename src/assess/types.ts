// What the assessment returns: data, never sentences (src/report/ words it).
import type { Field } from '../programme/types.js';
import type { Problem } from '../portfolio/problems.js';
import type { Calendar } from './calendar.js';
import type { NextStep } from './next.js';

export type { Calendar } from './calendar.js';
export type { NextStep } from './next.js';

/** The version of the assessment's JSON shape (schemas/assessment.schema.json). */
export const ASSESSMENT_SCHEMA_VERSION = 2;

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
  /** Every week of the module answered. */
  complete: boolean;
  weeks: WeekResult[];
}

export interface Rating {
  id: string;
  value: number | null;
  line?: number;
  /** What was written where a rating goes, when it is not one (out of range, not a whole number). */
  invalid?: string;
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
  ratings?: Rating[];
  comments?: { section: number; text: string }[];
}

/** A field named in a reason: its id (a letter, or a statement's id) and its label. */
export interface Missing {
  id: string;
  label: string;
  line?: number;
}

/**
 * Why something is not done. ref is a task ("1.5.3") or an item ("item:learning-goals").
 * unanswered: required fields without an answer (state 'empty' when none of them has one);
 * over-limit: an answer longer than its word limit.
 */
export type Reason =
  | {
      kind: 'unanswered';
      ref: string;
      title: string;
      file: string;
      line?: number;
      state: 'empty' | 'partial';
      /** What is counted: the fields of a task or item, or a self-assessment's ratings. */
      of: 'fields' | 'ratings';
      answered: number;
      total: number;
      missing: Missing[];
    }
  | { kind: 'over-limit'; ref: string; title: string; file: string; line?: number; field: string; label: string; words: number; limit: number };

export interface RequirementResult {
  id: string;
  title: string;
  met: boolean;
  /** Empty when met. */
  reasons: Reason[];
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
  schema_version: number;
  programme: { id: string; title: string; version: string };
  portfolio: {
    participant: string | null;
    cohort: string | null;
    supervisor: string | null;
    start_date: string | null;
    content_version: string | null;
  };
  calendar: Calendar;
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
  /** The portfolio's problems and any the caller adds (AssessOptions.problems), errors first, by file and line. */
  problems: Problem[];
  /** Every requirement met, every statement evidenced, and no error. */
  complete: boolean;
  next: NextStep;
}

export interface AssessOptions {
  /** Today's date (YYYY-MM-DD); the assessment never reads the clock itself. */
  today: string;
  /**
   * Words in every answer ('all', the default: status --json reports them), or
   * only where a word limit applies ('limits': all that verify and render use).
   */
  words?: 'all' | 'limits';
  /** Problems found beside the portfolio's files (identifying details, the sign-off, a bundle): an error among them makes it incomplete. */
  problems?: Problem[];
}

