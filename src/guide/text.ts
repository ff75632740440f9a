// Small text helpers for the guided flows: guidance trimmed to a few lines,
// an answer's first lines, and answers made safe to put under a heading.
import { COMMENT_HEADING, FIELD_HEADING, ITEM_FIELD_HEADING, SECTION_HEADING, STATEMENT_HEADING, TASK_HEADING } from '../portfolio/layout.js';

export const WIDTH = 78;

/** Wraps text to `width` columns, keeping its paragraphs. */
export function wrap(text: string, width = WIDTH, indent = ''): string[] {
  const out: string[] = [];
  for (const para of text.replace(/\r\n/g, '\n').split(/\n/)) {
    const words = para.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) {
      out.push('');
      continue;
    }
    let line = '';
    for (const w of words) {
      if (line && indent.length + line.length + 1 + w.length > width) {
        out.push(indent + line);
        line = w;
      } else line = line ? `${line} ${w}` : w;
    }
    if (line) out.push(indent + line);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** At most `lines` wrapped lines of `text`, with "…" when some were left off. */
export function brief(text: string, lines = 4, indent = '  ', width = WIDTH): string[] {
  const all = wrap(text.replace(/\n{2,}/g, '\n'), width, indent).filter((l) => l.trim() !== '');
  if (all.length <= lines) return all;
  const shown = all.slice(0, lines);
  shown[lines - 1] = `${shown[lines - 1]!.replace(/[\s.,;:]*$/, '')} …`;
  return shown;
}

/**
 * The start of an answer, to show it back: its first lines wrapped, never cut
 * mid-line, and how much more there is.
 */
export function firstLines(text: string, lines = 4, indent = '  │ '): string[] {
  const all = wrap(text, WIDTH, indent).filter((l) => l.trim() !== '');
  const shown = all.slice(0, lines);
  if (all.length > lines) shown.push(`${indent}(and ${all.length - lines} more line${all.length - lines === 1 ? '' : 's'})`);
  return shown;
}

const STRUCTURE = [TASK_HEADING, FIELD_HEADING, ITEM_FIELD_HEADING, SECTION_HEADING, STATEMENT_HEADING, COMMENT_HEADING];

/**
 * An answer that cannot change the file's structure: a line that would read as
 * one of the headings permanence finds answers by is escaped, and a code fence
 * left open (which would hide every heading after it) is closed.
 */
export function safeAnswer(text: string): string {
  let fence: string | null = null;
  const lines = text.replace(/\r\n/g, '\n').split('\n').map((line) => {
    const f = /^[ \t]{0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (fence === null) fence = f[1]!;
      else if (f[1]!.startsWith(fence)) fence = null;
      return line;
    }
    if (fence === null && STRUCTURE.some((re) => re.test(line))) return `\\${line}`;
    return line;
  });
  if (fence !== null) lines.push(fence);
  return lines.join('\n');
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
