// Answers given as data (a YAML file for `week --answers`, the demo) and the
// markdown each kind of field is written as. The interactive prompts write
// through the same functions, so a file filled either way reads back the same.
import { closeSync, fstatSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Catalogue } from '../programme/load.js';
import type { Field } from '../programme/types.js';
import { usageError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic.js';
import { parseLocated } from '../util/yaml-location.js';
import { commentKey, fieldKey, type EntrySpec } from './layout.js';
import { parseEntry, type ParsedEntry } from './entry.js';
import { keepBom, setAnswer } from './write.js';
import { decode, readAll, readInside } from './read.js';

export type AnswerValue = string | boolean | number | string[] | Record<string, string | boolean | null>;

/** The markdown written under a field's heading for a value. */
export function formatAnswer(field: Field, value: AnswerValue): string {
  switch (field.kind) {
    case 'check':
      return `- [${value === true || value === 'yes' ? 'x' : ' '}] ${field.label.replace(/\s+/g, ' ').trim()}`;
    case 'areas': {
      const chosen = new Map<string, string>();
      if (Array.isArray(value)) for (const v of value) chosen.set(String(v), '');
      else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) if (v !== false && v !== null) chosen.set(k, v === true ? '' : String(v));
      }
      const options = field.options ?? [];
      const lines = options.map((o) => (chosen.has(o) ? `- [x] ${o}: ${chosen.get(o)}`.trimEnd() : `- [ ] ${o}:`));
      for (const [k, v] of chosen) if (!options.includes(k)) lines.push(`- [x] ${k}: ${v}`.trimEnd());
      return lines.join('\n');
    }
    case 'list': {
      const items = Array.isArray(value) ? value : String(value).split(/\r?\n/);
      return items
        .map((i) => String(i).trim())
        .filter(Boolean)
        .map((i) => (/^[-*+] /.test(i) ? i : `- ${i}`))
        .join('\n');
    }
    default:
      return String(value).trim();
  }
}

export interface AnswerTarget {
  spec: EntrySpec;
  key: string;
  field?: Field;
  markdown: string;
}

/**
 * Reads an answers file into the writes it asks for, refusing (with file and
 * line) any week, task, field or statement the programme does not have.
 * `onlyWeek` limits it to one week (`permanence week 1.2 --answers`); a file for
 * one week may then give its tasks at the top level. `onlyItem` does the same
 * for one item (`permanence selfassess --answers`: `{ AP1.1: 3, comment-1: ... }`).
 */
export function readAnswers(path: string, cat: Catalogue, specs: EntrySpec[], onlyWeek?: string, onlyItem?: string): AnswerTarget[] {
  const text = readAnswersText(path);
  const located = parseLocated(text);
  const at = (node: Node | null | undefined) => `${path}:${node?.range ? located.lines.linePos(node.range[0]).line : 1}`;
  if (located.doc.errors.length > 0) {
    const e = located.doc.errors[0]!;
    throw usageError(`${path}:${e.linePos?.[0]?.line ?? 1}: not valid YAML: ${e.message.split('\n')[0]}`);
  }
  const top = located.doc.contents;
  if (!isMap(top)) throw usageError(`${path}: expected a map of weeks ("1.2":) and items (learning-goals:)`);
  refuseMergeKeys(top, at);
  const targets: AnswerTarget[] = [];
  const topKeys = top.items.map((p) => keyText(p.key));
  const weekOnly = onlyWeek !== undefined && topKeys.every((k) => /^\d+$/.test(k));

  const weekTasks = (ref: string, tasksNode: Node | null | undefined) => {
    const spec = specs.find((s) => s.kind === 'week' && `${s.module}.${s.week.number}` === ref);
    if (!spec || spec.kind !== 'week') throw usageError(`${at(tasksNode)}: there is no week ${ref} (weeks are 1.1 to 4.7)`);
    if (!isMap(tasksNode)) throw usageError(`${at(tasksNode)}: week ${ref}: expected task numbers, e.g. 2: { a: "..." }`);
    for (const tp of tasksNode.items) {
      const key = keyText(tp.key);
      const n = /^\d+$/.test(key) ? Number(key) : NaN;
      const task = spec.week.tasks.find((t) => t.number === n);
      if (!task) throw usageError(`${at(tp.key as Node)}: week ${ref} has no task ${/^\d+$/.test(key) ? key : JSON.stringify(key)} (it has tasks 1 to ${spec.week.tasks.length})`);
      if (!isMap(tp.value)) throw usageError(`${at(tp.value as Node)}: task ${ref}.${n}: expected fields, e.g. a: "..."`);
      for (const fp of tp.value.items) {
        const id = keyText(fp.key);
        const field = task.fields.find((f) => f.id === id);
        if (!field) throw usageError(`${at(fp.key as Node)}: task ${ref}.${n} has no field ${id} (it has ${task.fields.map((f) => f.id).join(', ')})`);
        if (field.kind === 'entry') continue;
        const value = (fp.value as Node | null)?.toJSON() as AnswerValue;
        if (value === null || value === undefined) continue;
        targets.push({ spec, key: fieldKey(n, id), field, markdown: formatAnswer(field, value) });
      }
    }
  };

  if (weekOnly) {
    weekTasks(onlyWeek, top);
    return targets;
  }
  const itemFields = (key: string, value: Node | null) => {
    const spec = specs.find((s) => s.kind !== 'week' && s.item.id === key);
    if (!spec || spec.kind === 'week') throw usageError(`${at(value)}: '${key}' is neither a week (e.g. "1.2") nor a portfolio item (${cat.programme.items.map((i) => i.id).join(', ')})`);
    if (!isMap(value)) throw usageError(`${at(value)}: ${key}: expected a map`);
    for (const fp of value.items) {
      const id = keyText(fp.key);
      const v = (fp.value as Node | null)?.toJSON() as AnswerValue;
      if (spec.kind === 'selfassessment') {
        const comment = /^comment-(\d+)$/.exec(id);
        if (comment) {
          targets.push({ spec, key: commentKey(Number(comment[1])), markdown: String(v ?? '').trim() });
          continue;
        }
        if (!spec.statements.some((s) => s.id === id)) throw usageError(`${at(fp.key as Node)}: ${key}: no KSS-AP statement ${id} (AP1.1 to AP5.11), and not comment-N`);
        if (!(typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5)) throw usageError(`${at(fp.value as Node)}: ${key}: ${id}: a rating is a whole number from 1 to 5`);
        targets.push({ spec, key: id, markdown: ratingMarkdown(v) });
        continue;
      }
      const field = spec.item.fields.find((f) => f.id === id);
      if (!field) throw usageError(`${at(fp.key as Node)}: ${key} has no field ${id} (it has ${spec.item.fields.map((f) => f.id).join(', ')})`);
      if (v === null || v === undefined) continue;
      targets.push({ spec, key: fieldKey(null, id), field, markdown: formatAnswer(field, v) });
    }
  };

  if (onlyItem !== undefined) {
    const wrapped = top.items.find((p) => keyText(p.key) === onlyItem);
    itemFields(onlyItem, wrapped ? (wrapped.value as Node | null) : top);
    return targets;
  }
  for (const pair of top.items) {
    const key = keyText(pair.key);
    const value = pair.value as Node | null;
    if (/^\d+\.\d+$/.test(key)) {
      if (onlyWeek === undefined || key === onlyWeek) weekTasks(key, value);
      continue;
    }
    // A key that is neither a week nor an item is a mistake even in a file read for one week.
    if (!specs.some((s) => s.kind !== 'week' && s.item.id === key)) {
      throw usageError(`${at(pair.key as Node)}: '${key}' is neither a week (e.g. "1.2") nor a portfolio item (${cat.programme.items.map((i) => i.id).join(', ')})`);
    }
    if (onlyWeek !== undefined) continue;
    itemFields(key, value);
  }
  if (isSeq(top)) throw usageError(`${path}: expected a map`);
  return targets;
}

/** Far more than any answers file; /dev/zero named by mistake stops here. */
const MAX_ANSWERS_BYTES = 4 * 1024 * 1024;

/** The answers file's text, read to at most MAX_ANSWERS_BYTES (a pipe is read too: `--answers <(...)` is a real use). */
function readAnswersText(path: string): string {
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const st = fstatSync(fd);
    if (st.isDirectory()) throw usageError(`${path}: is a folder; name the answers file (YAML) inside it`);
    // A pipe's size is not known: read it to its end, or to the limit.
    bytes = readAll(fd, st.isFile() ? st.size : MAX_ANSWERS_BYTES, MAX_ANSWERS_BYTES);
  } catch (err) {
    if (typeof (err as NodeJS.ErrnoException).code !== 'string') throw err;
    throw usageError(`${path}: cannot be read (${(err as NodeJS.ErrnoException).code})`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (bytes.length > MAX_ANSWERS_BYTES) throw usageError(`${path}: is larger than ${MAX_ANSWERS_BYTES / 1024 / 1024} MB; an answers file is a few kilobytes of YAML`);
  const read = decode(bytes);
  if ('problem' in read) throw usageError(`${path}${read.problem.line > 0 ? `:${read.problem.line}` : ''}: ${read.problem.message}.\n${read.problem.fix ?? ''}`.trimEnd());
  return read.text;
}

/** A key as written: `__proto__` and the like are only text here. */
function keyText(key: unknown): string {
  return String(isScalar(key) ? key.value : key);
}

/**
 * A merge key (<<) would copy another map's answers under this one, which YAML
 * 1.2 does not do: said plainly, rather than as a field named "<<".
 */
function refuseMergeKeys(node: unknown, at: (node: Node | null | undefined) => string, depth = 0): void {
  if (!isMap(node) || depth > 4) return;
  for (const pair of node.items) {
    if (keyText(pair.key) === '<<') throw usageError(`${at(pair.key as Node)}: a merge key (<<) is not read in an answers file; write each answer out in full under its task`);
    refuseMergeKeys(pair.value, at, depth + 1);
  }
}

export const ratingMarkdown = (value: number) => `Confidence (1-5): ${value}`;

/** Writes answers into their entries: one atomic write per file. Returns the files changed. */
export function applyAnswers(root: string, cat: Catalogue, targets: AnswerTarget[]): string[] {
  const byFile = new Map<string, AnswerTarget[]>();
  for (const t of targets) byFile.set(t.spec.file, [...(byFile.get(t.spec.file) ?? []), t]);
  const changed: string[] = [];
  for (const [file, list] of byFile) {
    const read = readInside(root, file);
    if (!read || 'problem' in read) throw usageError(`${file}: ${read ? read.problem.message : 'is missing'}; no answers were written to it`);
    let entry: ParsedEntry = parseEntry(read.text, list[0]!.spec, cat);
    let text = read.text;
    for (const t of list) {
      text = setAnswer(entry, t.key, t.markdown);
      entry = parseEntry(text, t.spec, cat);
    }
    if (text !== read.text) {
      writeFileAtomic(join(root, file), keepBom(join(root, file), text));
      changed.push(file);
    }
  }
  return changed;
}
