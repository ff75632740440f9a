// The programme as the rest of the code sees it. The YAML in content/ is the
// source; schemas/ describes the same shapes for validation.

/** Where a piece of content comes from. */
export interface Provenance {
  /**
   * workbook / overview / kss-ap / mapping: quoted (or closely transcribed)
   * from that document. product: written for this product, not quoted.
   */
  source: 'workbook' | 'overview' | 'kss-ap' | 'mapping' | 'product';
  /** Where in the source, e.g. "Week 1, 'To assist with task 3)'". */
  ref?: string;
  /** What was repaired or adapted, said openly. */
  note?: string;
}

export interface Citation {
  authors: string;
  year: string;
  title: string;
  /** Journal, publisher, series or place, as the reading list gives it. */
  published?: string;
  url?: string;
}

export type FieldKind =
  /** A few lines. */
  | 'short'
  /** Paragraphs: a reflective study, notes. May carry a word limit. */
  | 'long'
  /** A tick: "I have done this". */
  | 'check'
  /** Choose from `options`, then a note (how? where? when?) for each chosen. */
  | 'areas'
  /** Several short items, one per line. */
  | 'list'
  /** A reading item: notes on it. */
  | 'reading'
  /** Answered in another portfolio entry (`entry`), e.g. the learning agreement. */
  | 'entry';

/** One thing a participant answers: the leaf the portfolio file holds text for. */
export interface Field {
  /** Stable within its task: "a", "b", ... */
  id: string;
  label: string;
  kind: FieldKind;
  /** The question, in the source's words where it has them. */
  prompt?: string;
  /** Short guidance shown with the prompt. */
  guidance?: string;
  /** Text to read before answering: a vignette. */
  context?: { title: string; text: string };
  /** Optional fields never count against completeness (e.g. further reading). */
  required: boolean;
  word_limit?: number;
  /** For `areas`: what can be chosen. */
  options?: string[];
  /** For `areas`: the note asked for each chosen option. */
  option_prompt?: string;
  /** For `reading`. */
  citation?: Citation;
  /** For `entry`: the portfolio item that holds the answer. */
  entry?: string;
  provenance: Provenance;
}

export interface Task {
  number: number;
  title: string;
  /** The workbook marks it as feeding the portfolio. */
  portfolio: boolean;
  guidance?: string;
  word_limit?: number;
  /** KSS-AP statements (linked to the task's week) that the task asks the participant to give evidence for. */
  statements?: string[];
  fields: Field[];
  provenance: Provenance;
}

export type WeekKind = 'activities' | 'reading' | 'workshop';

export interface Week {
  number: number;
  title: string;
  kind: WeekKind;
  /** Text shown when the week opens: its introduction or material (e.g. the corporate parenting principles). */
  introduction?: string;
  material?: { title: string; text: string; provenance: Provenance }[];
  tasks: Task[];
  provenance: Provenance;
}

export interface Module {
  number: number;
  title: string;
  summary: string;
  learning_outcomes: { text: string; provenance: Provenance }[];
  key_questions?: string[];
  weeks: Week[];
  provenance: Provenance;
}

/** A portfolio item that is not a week: learning goals, briefing paper, ... */
export interface Item {
  id: string;
  title: string;
  /** Path inside the portfolio, e.g. "items/learning-goals.md". */
  file: string;
  description: string;
  /** Self-assessment items are rated against a framework rather than answered as text. */
  kind: 'text' | 'selfassessment';
  stage?: 'baseline' | 'followup';
  fields: Field[];
  provenance: Provenance;
}

/**
 * What satisfies a requirement: a task ("1.2.5" = module 1, week 2, task 5),
 * a whole week ("1.4"), or a portfolio item ("item:learning-goals").
 */
export type Ref = string;

export interface Requirement {
  id: string;
  title: string;
  description: string;
  satisfied_by: Ref[];
  provenance: Provenance;
}

export interface Statement {
  /** AP1.1 ... AP5.11 */
  id: string;
  section: number;
  /** The heading text from the mapping table. */
  heading: string;
  /** The full paragraph of the KSS-AP document it comes from. */
  text: string;
  /** "1.4" = module 1, week 4. */
  weeks: string[];
  /** Damage in the source that the content repairs, said openly. */
  repairs?: string[];
}

export interface Section {
  number: number;
  title: string;
  /** Sentences of the section the mapping table gives no heading (so no statement): shown with the section, not rated. */
  unheaded?: string[];
  provenance?: Provenance;
  statements: Statement[];
}

export interface ScalePoint {
  value: number;
  label: string;
  description: string;
}

export interface Framework {
  id: string;
  title: string;
  year: number;
  introduction: string;
  scale: { points: ScalePoint[]; provenance: Provenance };
  sections: Section[];
  provenance: Provenance;
}

export interface Programme {
  id: string;
  title: string;
  /** Content version: a portfolio records which one it was made with. */
  version: string;
  modules: Module[];
  items: Item[];
  requirements: Requirement[];
  framework: Framework;
}
