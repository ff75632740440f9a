// Writing one answer back into an entry: only that answer's span changes, in
// the file's own line endings; a deleted heading is put back where it belongs.
import { closeSync, openSync, readSync } from 'node:fs';
import { fieldHeading, fieldKey, type EntrySpec } from './layout.js';
import type { ParsedEntry } from './entry.js';

/** Keys of every answer slot the entry's layout expects. */
export function expectedKeys(spec: EntrySpec): { key: string; heading: string; task?: number }[] {
  if (spec.kind === 'week') {
    return spec.week.tasks.flatMap((t) => t.fields.map((f) => ({ key: fieldKey(t.number, f.id), heading: fieldHeading(f, 3), task: t.number })));
  }
  if (spec.kind === 'item') return spec.item.fields.map((f) => ({ key: fieldKey(null, f.id), heading: fieldHeading(f, 2) }));
  return spec.statements.map((s) => ({ key: s.id, heading: `### ${s.id} ${s.heading}` }));
}

/**
 * The file's new text with one answer replaced: only that span changes. The
 * answer is given with "\n" line ends and written in the file's own style.
 */
export function setAnswer(entry: ParsedEntry, key: string, answer: string): string {
  const body = answer.replace(/\r\n/g, '\n').replace(/^\n+|\s+$/g, '');
  const slot = entry.slots.get(key);
  const { text, eol } = entry;
  let out: string;
  if (slot) {
    const before = text.slice(0, slot.start);
    const after = text.slice(slot.end);
    const lead = before.endsWith('\n\n') || before === '' ? '' : before.endsWith('\n') ? '\n' : '\n\n';
    const tail = after === '' ? '\n' : '\n\n';
    out = before + toEol(lead + body + tail, eol) + after;
  } else {
    out = insertMissing(entry, key, body);
  }
  return (entry.bom ? '\ufeff' : '') + out;
}

function toEol(s: string, eol: string): string {
  return eol === '\n' ? s : s.replace(/\r?\n/g, eol);
}

/** A slot whose heading was deleted: put the heading back with the answer, where it belongs. */
function insertMissing(entry: ParsedEntry, key: string, body: string): string {
  const { text, eol, spec } = entry;
  const expected = expectedKeys(spec).find((k) => k.key === key);
  if (!expected) throw new Error(`no answer slot '${key}' in ${entry.file}`);
  // After the last present slot that comes before this one in the layout.
  const order = expectedKeys(spec).map((k) => k.key);
  const at = order.indexOf(key);
  let insertAt = text.length;
  for (let i = at + 1; i < order.length; i++) {
    const next = entry.slots.get(order[i]!);
    if (!next) continue;
    insertAt = next.headingStart;
    // A slot in a later task: go in before that task's heading, at the end of our own task.
    if (next.task !== undefined && expected.task !== undefined && next.task !== expected.task) {
      const starts = [...entry.taskStarts.entries()].filter(([n]) => n > expected.task!).map(([, o]) => o);
      if (starts.length > 0) insertAt = Math.min(insertAt, ...starts);
    }
    break;
  }
  if (insertAt === text.length && expected.task !== undefined) {
    const starts = [...entry.taskStarts.entries()].filter(([n]) => n > expected.task!).map(([, o]) => o);
    if (starts.length > 0) insertAt = Math.min(...starts);
  }
  const before = text.slice(0, insertAt);
  const pad = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const block = `${pad}${expected.heading}\n\n${body}\n\n`;
  return before + toEol(block, eol) + text.slice(insertAt);
}

/**
 * The text to write over `path`, with the UTF-8 byte-order mark the file
 * starts with now (the reader leaves it out of the text; some Windows editors
 * and tools want it kept).
 */
export function keepBom(path: string, text: string): string {
  if (text.charCodeAt(0) === 0xfeff) return text;
  const head = Buffer.alloc(3);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    readSync(fd, head, 0, 3, 0);
  } catch {
    return text;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? `\ufeff${text}` : text;
}
