// Reading and saving one answer at a time. Every save reads the file again
// first, so whatever the participant changed in an editor meanwhile is kept,
// and replaces only that answer's span (setAnswer), atomically.
import { join } from 'node:path';
import { usageError } from '../errors.js';
import type { Catalogue } from '../programme/load.js';
import { parseEntry, type ParsedEntry } from '../portfolio/entry.js';
import { keepBom, setAnswer } from '../portfolio/write.js';
import type { EntrySpec } from '../portfolio/layout.js';
import { readInside } from '../portfolio/read.js';
import { writeFileAtomic } from '../util/atomic.js';
import { safeAnswer } from './text.js';

export function readEntry(root: string, spec: EntrySpec, cat: Catalogue): ParsedEntry {
  const read = readInside(root, spec.file);
  if (!read) {
    throw usageError(
      `${spec.file} is missing (${spec.title}).\nRestore it from git (git checkout -- "${spec.file}"), or let permanence write a fresh one: permanence init --repair`,
    );
  }
  if ('problem' in read) throw usageError(`${spec.file}: ${read.problem.message}.\n${read.problem.fix}`);
  return parseEntry(read.text, spec, cat);
}

/** The answer as written under its heading now (empty when there is none). */
export function currentRaw(root: string, spec: EntrySpec, cat: Catalogue, key: string): string {
  return readEntry(root, spec, cat).slots.get(key)?.raw ?? '';
}

/**
 * Saves one answer. `markdown` may be a function of what is there at the moment
 * of writing (adding to an answer appends to the file as it is now).
 * Returns false when nothing changed.
 */
export function saveAnswer(root: string, cat: Catalogue, spec: EntrySpec, key: string, markdown: string | ((raw: string) => string)): boolean {
  const entry = readEntry(root, spec, cat);
  const raw = entry.slots.get(key)?.raw ?? '';
  const text = safeAnswer(typeof markdown === 'function' ? markdown(raw) : markdown);
  if (text.trim() === raw.trim()) return false;
  const next = setAnswer(entry, key, text);
  if (next === (entry.bom ? '\ufeff' : '') + entry.text) return false;
  const path = join(root, spec.file);
  writeFileAtomic(path, keepBom(path, next));
  return true;
}
