// One answer slot that a guided flow fills in.
import type { EntrySpec } from '../portfolio/layout.js';
import type { Field } from '../programme/types.js';

/** One answer slot to fill: where it is and what it asks. */
export interface Target {
  spec: EntrySpec;
  key: string;
  field: Field;
  /** For a field without its own limit, the task's (a one-field task). */
  wordLimit?: number;
  /** How it is named on screen: "task 5 a)", "items/learning-goals.md a)". */
  where: string;
}

/** walk: resuming, only what is missing is asked. all: every field, with what is there offered back. */
export type Mode = 'walk' | 'all';

