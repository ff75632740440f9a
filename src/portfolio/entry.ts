// Reading one portfolio file: front matter (what the file is) and a body of
// headings with the participant's answers under them, and where each answer
// is, so that writing (write.ts) can replace exactly that span.
import type { Catalogue } from '../programme/load.js';
import {
  COMMENT_HEADING,
  FIELD_HEADING,
  ITEM_FIELD_HEADING,
  SECTION_HEADING,
  STATEMENT_HEADING,
  TASK_HEADING,
  commentKey,
  fieldKey,
  fieldTemplate,
  quote,
  type EntrySpec,
} from './layout.js';
import type { Problem } from './problems.js';
import { readFrontMatter } from './front-matter.js';
import { templateLines } from './body.js';
import { LineSet, type Lines } from '../util/line-set.js';

/** Where one answer sits in the file. */
export interface Slot {
  key: string;
  /** 1-based line of the heading. */
  line: number;
  /** Offset of the heading line. */
  headingStart: number;
  /** The task it belongs to, in a week. */
  task?: number;
  /** Offsets into `text` of the answer region (after the heading and its quoted prompt). */
  start: number;
  end: number;
  /** The region as written. */
  raw: string;
}

export interface ParsedEntry {
  file: string;
  spec: EntrySpec;
  /** The file's text without a byte-order mark. */
  text: string;
  bom: boolean;
  eol: '\n' | '\r\n';
  data?: Record<string, unknown>;
  /** 1-based line where the body starts. */
  bodyLine: number;
  slots: Map<string, Slot>;
  /** Offset of each task heading, in a week. */
  taskStarts: Map<number, number>;
  /** Text the participant wrote outside any answer slot, in blocks: kept, reported, shown in the PDF, never an answer. */
  outside: Outside[];
  problems: Problem[];
}

export interface Outside {
  /** 1-based line where the block starts. */
  line: number;
  /** The task it sits in, in a week (under its heading, before or between its fields). */
  task?: number;
  text: string;
}

interface Line {
  start: number;
  /** Offset just past the line's end-of-line (or the end of the text). */
  next: number;
  text: string;
  number: number;
}

const lineAt = (text: string, offset: number) => {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
};

/**
 * The quoted lines the template puts under each heading (the question, its
 * guidance, a vignette). Only these are skipped as "the prompt": a
 * participant's answer may itself begin with a quotation. Kept exactly as the
 * template writes them, by length (the usual match, compared without hashing
 * the line), and normalised (for a line an editor re-spaced).
 */
interface Prompt {
  lines: string[];
  exact: LineSet;
  /** The lines, as written and normalised: made on the first line that is not an exact match (most files never need it). */
  normalised?: Set<string>;
}
const promptCache = new WeakMap<EntrySpec, Map<string, Prompt>>();
const normalise = (line: string) => line.replace(/^>\s?/, '').replace(/\s+/g, ' ').trim();

function templatePrompts(spec: EntrySpec, cat: Catalogue): Map<string, Prompt> {
  let prompts = promptCache.get(spec);
  if (!prompts) {
    prompts = new Map();
    const quoted = (text: string): Prompt => {
      const lines = text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.startsWith('>'));
      return { lines, exact: new LineSet(lines) };
    };
    const dir = spec.file.includes('/') ? spec.file.slice(0, spec.file.lastIndexOf('/')) : '';
    if (spec.kind === 'week') {
      for (const t of spec.week.tasks) for (const f of t.fields) prompts.set(fieldKey(t.number, f.id), quoted(fieldTemplate(f, cat, dir)));
    } else if (spec.kind === 'item') {
      for (const f of spec.item.fields) prompts.set(fieldKey(null, f.id), quoted(fieldTemplate(f, cat, dir)));
    } else {
      for (const st of spec.statements) prompts.set(st.id, quoted(quote(st.text)));
    }
    promptCache.set(spec, prompts);
  }
  return prompts;
}

/** Whether text[start, end) (a trimmed line starting with ">") is one of the prompt's lines. */
function promptLine(prompt: Prompt, text: string, start: number, end: number): boolean {
  const t = text.slice(start, end);
  if (prompt.exact.has(t)) return true;
  // A re-spaced or re-quoted line ("> > Consider ..."): its normalised form may be a line as the template writes it, or normalised.
  prompt.normalised ??= new Set([...prompt.lines, ...prompt.lines.map(normalise)]);
  return prompt.normalised.has(normalise(t));
}

export function parseEntry(raw: string, spec: EntrySpec, cat: Catalogue): ParsedEntry {
  const bom = raw.charCodeAt(0) === 0xfeff;
  const text = bom ? raw.slice(1) : raw;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const problems: Problem[] = [];
  const file = spec.file;
  const entry: ParsedEntry = { file, spec, text, bom, eol, bodyLine: 1, slots: new Map(), taskStarts: new Map(), outside: [], problems };

  let bodyStart = 0;
  const opening = /^---[^\r\n]*\r?\n/.exec(text);
  if (!opening) {
    problems.push({
      file,
      line: 1,
      severity: 'error',
      code: 'front-matter',
      message: 'the file does not start with its header (the lines between two "---" at the top, saying what the file is)',
      fix: `put back the lines it started with, e.g. "---", "${spec.kind === 'week' ? `permanence: week` : 'permanence: item'}", ..., "---"; if you saved your work with permanence save, the earlier version is in the portfolio's history`,
    });
  } else {
    const close = /\r?\n---[ \t]*(\r?\n|$)/g;
    close.lastIndex = opening[0].length - 1;
    const closing = close.exec(text);
    if (!closing) {
      problems.push({
        file,
        line: 1,
        severity: 'error',
        code: 'front-matter',
        message: 'the header that opens with "---" on line 1 is never closed',
        fix: 'add a line "---" after the header (after the line with "title:" or "item:")',
      });
      bodyStart = opening[0].length;
    } else {
      bodyStart = closing.index + closing[0].length;
      const block = text.slice(opening[0].length, closing.index + 1);
      readFrontMatter(entry, text.slice(0, bodyStart), block);
    }
  }
  entry.bodyLine = lineAt(text, bodyStart);
  readBody(entry, bodyStart, templatePrompts(spec, cat));
  findOutside(entry, bodyStart, templateLines(spec, cat));
  return entry;
}

/**
 * The lines of the body that no answer slot holds and the template did not
 * write: a participant's notes under a task heading above its first
 * question, an answer whose heading was deleted, a section of their own.
 */
function findOutside(entry: ParsedEntry, bodyStart: number, template: Lines): void {
  const { text, slots } = entry;
  const held = [...slots.values()].map((s) => [s.headingStart, s.end] as const).sort((a, b) => a[0] - b[0]);
  let h = 0;
  let task: number | undefined;
  let block: { line: number; task?: number; lines: string[] } | undefined;
  const close = () => {
    if (block && /\p{L}/u.test(block.lines.join(' ').replace(/[\p{Cf}\u3164\u115f\u1160\uffa0]/gu, ''))) {
      entry.outside.push({ line: block.line, ...(block.task !== undefined ? { task: block.task } : {}), text: block.lines.join('\n').trim() });
    }
    block = undefined;
  };
  let number = entry.bodyLine;
  let fence = false;
  for (let start = bodyStart; start < text.length; number++) {
    let nl = text.indexOf('\n', start);
    if (nl === -1) nl = text.length;
    while (h < held.length && held[h]![1] <= start) h++;
    if (h < held.length && held[h]![0] <= start && start < held[h]![1]) {
      // Inside an answer (most of the text): stepped over without being looked at.
      close();
      start = nl + 1;
      continue;
    }
    const line = text.slice(start, nl).replace(/\r$/, '');
    const trimmed = line.trim();
    const m = entry.spec.kind === 'week' ? TASK_HEADING.exec(line) : null;
    if (m) task = Number(m[1]);
    if (/^(`{3,}|~{3,})/.test(trimmed)) {
      fence = !fence;
      (block ??= { line: number, ...(task !== undefined ? { task } : {}), lines: [] }).lines.push(line);
    } else if (fence || (trimmed !== '' && !m && !template.has(trimmed) && !/^<!--.*-->$/.test(trimmed) && !SECTION_HEADING.test(line))) {
      (block ??= { line: number, ...(task !== undefined ? { task } : {}), lines: [] }).lines.push(line);
    } else if (trimmed !== '' && block) close();
    else if (block) block.lines.push('');
    start = nl + 1;
  }
  close();
  for (const o of entry.outside) {
    entry.problems.push({
      file: entry.file,
      line: o.line,
      severity: 'warning',
      code: 'outside-answer',
      message: `text outside any answer${o.task !== undefined ? `, under Task ${o.task}` : ''}: it is kept and shown in the PDF as your own notes, but counts as no answer`,
      fix: 'to count it as an answer, move it below the question it answers (under its "### a)" heading); otherwise leave it as your notes',
    });
  }
}

function readBody(entry: ParsedEntry, bodyStart: number, prompts: Map<string, Prompt> | undefined): void {
  const { text, spec, slots, problems, file } = entry;
  let fence: string | null = null;
  let task: number | null = null;
  let section: number | null = null;
  type Open = { key: string; line: Line; task?: number };
  const heads: Open[] = [];
  const boundaries: number[] = [];
  const keys = slotKeysOf(spec);
  let known: Map<string, string> | undefined;
  // Only a heading or a code fence matters here, and a line can be one only if
  // it starts with "#", a space, a tab, "`" or "~": the rest of the text, nearly
  // all of it, is stepped over without being copied.
  let number = entry.bodyLine;
  for (let start = bodyStart; start < text.length; number++) {
    let nl = text.indexOf('\n', start);
    if (nl === -1) nl = text.length;
    const first = text.charCodeAt(start);
    if (first === 35 || first === 32 || first === 9 || first === 96 || first === 126) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      const line: Line = { start, next: Math.min(nl + 1, text.length), text: text.slice(start, end), number };
      const fenceMatch = first === 35 ? null : /^[ \t]{0,3}(`{3,}|~{3,})/.exec(line.text);
      if (fence) {
        if (fenceMatch && fenceMatch[1]!.startsWith(fence)) fence = null;
      } else if (fenceMatch) {
        fence = fenceMatch[1]!;
      } else if (first === 35) {
        heading(line);
      }
    }
    start = nl + 1;
  }

  /** A heading: an answer slot's, or a task's or section's (a boundary between answers). */
  function heading(line: Line): void {
    let key: string | undefined;
    let m: RegExpExecArray | null;
    if (spec.kind === 'week') {
      if ((m = TASK_HEADING.exec(line.text))) {
        task = Number(m[1]);
        known = keys.get(task);
        if (!entry.taskStarts.has(task)) entry.taskStarts.set(task, line.start);
        boundaries.push(line.start);
        return;
      }
      if (task !== null && (m = FIELD_HEADING.exec(line.text))) key = known?.get(m[1]!);
    } else if (spec.kind === 'item') {
      if ((m = ITEM_FIELD_HEADING.exec(line.text))) key = keys.get(null)?.get(m[1]!);
    } else {
      if ((m = SECTION_HEADING.exec(line.text))) {
        section = Number(m[1]);
        boundaries.push(line.start);
        return;
      }
      if ((m = STATEMENT_HEADING.exec(line.text))) key = m[1]!;
      else if (section !== null && COMMENT_HEADING.test(line.text)) key = commentKey(section);
    }
    if (key !== undefined) {
      heads.push(task !== null && spec.kind === 'week' ? { key, line, task } : { key, line });
      boundaries.push(line.start);
    } else if (/^#{1,2}(?!#)/.test(line.text)) {
      // A section of the participant's own (at the level of a task): it ends the answer above it, and is reported as their notes.
      boundaries.push(line.start);
    }
  }
  // In order already: each boundary is a heading's offset, found in the order of the text.
  boundaries.push(text.length);

  let b = 0;
  for (const { key, line, task: inTask } of heads) {
    while (b < boundaries.length && boundaries[b]! <= line.start) b++;
    const end = boundaries[b] ?? text.length;
    // The answer starts after the heading and the template's quoted prompt under it.
    const prompt = prompts?.get(key);
    let start = line.next;
    for (let at = line.next; at < text.length && at < end; ) {
      let nl = text.indexOf('\n', at);
      if (nl === -1) nl = text.length;
      // The line's bounds without surrounding white space, as trim() would give.
      let a = at;
      let z = nl;
      while (a < z && isTrimmed(text.charCodeAt(a))) a++;
      while (z > a && isTrimmed(text.charCodeAt(z - 1))) z--;
      const first = text.charCodeAt(a);
      let skip = a === z || (first === 60 && /^<!--.*-->$/.test(text.slice(a, z)));
      if (!skip && first === 62) {
        if (prompt === undefined) skip = true;
        else skip = promptLine(prompt, text, a, z);
      }
      if (skip) start = Math.min(nl + 1, text.length);
      else break;
      at = nl + 1;
    }
    if (start > end) start = end;
    const existing = slots.get(key);
    if (existing) {
      problems.push({
        file,
        line: line.number,
        severity: 'error',
        code: 'duplicate-heading',
        message: `the heading "${line.text.trim()}" appears twice (lines ${existing.line} and ${line.number}); permanence reads only the first`,
        fix: 'merge the two answers under one heading',
      });
      continue;
    }
    // One shape for every slot (task undefined outside a week), where a spread made a new one each time.
    slots.set(key, { key, line: line.number, headingStart: line.start, task: inTask, start, end, raw: text.slice(start, end) });
  }
}

/** What String.prototype.trim removes (ASCII and the common Unicode spaces), for trimming in place. */
function isTrimmed(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c >= 128 && /\s/.test(String.fromCharCode(c)));
}

/**
 * The slot key of each field, by task (null for an item) and field letter,
 * made once per entry kind, so reading a file makes no key strings of its own.
 */
const slotKeyCache = new WeakMap<EntrySpec, Map<number | null, Map<string, string>>>();
function slotKeysOf(spec: EntrySpec): Map<number | null, Map<string, string>> {
  let keys = slotKeyCache.get(spec);
  if (!keys) {
    keys = new Map();
    if (spec.kind === 'week') for (const t of spec.week.tasks) keys.set(t.number, new Map(t.fields.map((f) => [f.id, fieldKey(t.number, f.id)])));
    else if (spec.kind === 'item') keys.set(null, new Map(spec.item.fields.map((f) => [f.id, fieldKey(null, f.id)])));
    slotKeyCache.set(spec, keys);
  }
  return keys;
}

