// Where each task comes from, and whether the programme or only this product
// asks for it in the portfolio: the lines the week files carry under each task
// heading, in the same words for the files (body.ts), the PDF and the terminal.
import type { Catalogue } from '../programme/load.js';
import type { Module, Provenance, Task } from '../programme/types.js';
import { sourceText } from './layout.js';

/** The source line under a task's heading, naming any field whose source differs from the task's. */
export function taskSource(t: Task): string {
  const differ = (want: (p: Provenance) => boolean) =>
    t.fields.filter((f) => f.provenance !== t.provenance && want(f.provenance)).map((f) => `${f.id})`);
  if (t.provenance.source === 'product') {
    const quoted = differ((p) => p.source !== 'product');
    if (quoted.length === 0) return sourceText(t.provenance);
    return `Written for this product; ${quoted.join(', ')} ${quoted.length === 1 ? 'is' : 'are'} quoted from the programme's documents.`;
  }
  const written = differ((p) => p.source === 'product');
  return `${sourceText(t.provenance)}${written.length ? ` Written for this product: ${written.join(', ')}.` : ''}`;
}

/** Whether a requirement from the programme's documents asks for this task, or only one set by this product. */
export function programmeAsks(t: Task, weekRef: string, cat: Catalogue): boolean {
  const ref = `${weekRef}.${t.number}`;
  // A requirement that takes in every week (every week's workbook tasks) says nothing of this task in particular.
  return cat.programme.requirements
    .filter((r) => r.satisfied_by.length < cat.weeks.length && (r.satisfied_by.includes(ref) || r.satisfied_by.includes(weekRef)))
    .some((r) => r.provenance.source !== 'product');
}

/** The portfolio line of a task the portfolio needs, in the week file's words. */
export function portfolioLine(t: Task, weekRef: string, cat: Catalogue): string {
  return programmeAsks(t, weekRef, cat)
    ? 'This task feeds your portfolio: the programme asks for it.'
    : "This task feeds your portfolio: a requirement set by this product, not marked in the programme's documents.";
}

/** The source line of a module's key questions. */
export const keyQuestionsSource = (m: Module) => sourceText({ source: 'workbook', ref: `Module ${m.number}, Key Questions` });

export const KEY_QUESTIONS_INTRO = 'Throughout the module you are encouraged to consider, explore and reflect on the following questions:';
