// Keep-with-next, measured before drawing: the height of what must stay on a
// page with a heading (its status or source line, a field's label and
// prompt, the first lines of the answer). The flow draws as it goes, so a
// heading is moved to the next page before it is drawn, never after.
import type { Field, Task } from '../programme/types.js';
import { citationText } from '../portfolio/layout.js';
import { taskSource } from '../portfolio/source.js';
import { bodyLines, headingHeight, HEADING, KEEP_LINES } from './context.js';
import { plainText, type MarkdownStyle } from './markdown.js';
import { BODY, COLOURS, LEADING, run, type Writer } from './writer.js';

export const PROMPT: MarkdownStyle = { size: 9.5, color: COLOURS.muted, gap: 3 };
export const CONTEXT: MarkdownStyle = { size: 9, color: COLOURS.muted, gap: 2 };
/** Week material: the programme's text (or the product's), not the participant's. */
export const MATERIAL: MarkdownStyle = { size: 9, color: COLOURS.text, gap: 2.5 };
/** A source line: muted (over 4.5:1 on white) and italic, its words saying the source. */
export const SOURCE = { face: 'italic', size: 8.5, color: COLOURS.muted } as const;

/** The height rendered markdown takes, block by block (lists measured at their indent). */
export function markdownHeight(w: Writer, markdown: string | undefined, ms: MarkdownStyle): number {
  if (!markdown?.trim()) return 0;
  // A prompt is measured for its task, its week and its field: once is enough.
  const key = `${ms.size}\u0000${ms.gap}\u0000${w.width}\u0000${markdown}`;
  let h = heights.get(key);
  if (h === undefined) {
    h = plainText(markdown)
      .split('\n')
      .filter((p) => p.trim() !== '')
      .reduce((sum, p) => sum + w.heightOf([run(p, { size: ms.size })], w.width - 16, LEADING) + ms.gap, 0);
    heights.set(key, h);
  }
  return h;
}

const heights = new Map<string, number>();

/** A small line of text: its height with the space after it. */
const lineHeight = (w: Writer, text: string, size: number, after: number) => w.heightOf([run(text, { size })], w.width, LEADING) + after;

/** A field's head: label, prompt, citation and context title, with the first lines of the answer. */
export function fieldHead(w: Writer, field: Field, shown: boolean, labelled: boolean): number {
  if (!shown) return 0;
  let h = 3;
  if (labelled || field.kind !== 'check') h += 2 + headingHeight(w, [run(`${field.id}) ${field.label}`, { face: 'bold', size: BODY })]) + 1;
  h += markdownHeight(w, [field.prompt, field.guidance].filter(Boolean).join('\n\n'), PROMPT);
  if (field.citation) h += markdownHeight(w, citationText(field.citation), PROMPT);
  if (field.context) h += lineHeight(w, field.context.title, 9, 1) + bodyLines(KEEP_LINES, CONTEXT.size);
  return h + 2 + bodyLines(field.kind === 'check' ? 1 : KEEP_LINES);
}

/** What follows a task's heading: its source line, guidance and the head of its first shown field. */
export function taskHead(w: Writer, task: Task, portfolioLine: string, firstField: number): number {
  const source = lineHeight(w, `${taskSource(task)} ${portfolioLine}`, SOURCE.size, 3);
  return source + markdownHeight(w, task.guidance, PROMPT) + firstField;
}

/** A week's heading with its status line: kept with the first lines of the introduction, or with its first task. */
export function weekHead(w: Writer, introduction: string | undefined, firstTask: number): number {
  const status = lineHeight(w, 'Module 1, week 1', 9, 6);
  if (introduction?.trim()) return status + bodyLines(KEEP_LINES + 1, PROMPT.size);
  return status + 8 + headingHeight(w, [run('Task', { size: HEADING.h3 })]) + firstTask;
}
