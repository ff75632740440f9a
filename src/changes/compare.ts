// What changed in a portfolio between two versions of its files, answer by
// answer and in the programme's words: "Module 2, week 5, task 3 (a) Write
// your reflective study: 112 words added, 8 removed", with the words added and
// removed (a redline of words, not of lines).
import { diffWordsWithSpace } from 'diff';
import { countWords } from '../assess/answers.js';
import type { Catalogue } from '../programme/load.js';
import { parseEntry } from '../portfolio/entry.js';
import type { EntrySpec } from '../portfolio/layout.js';
import { answersOf, OUTSIDE, wordsOf } from './answers.js';

/** A run of the redline: words kept, added or removed. */
export interface Run {
  op: '=' | '+' | '-';
  text: string;
}

export interface AnswerChange {
  file: string;
  /** The answer's key in its file ("3a"; "AP1.1"; "comment-2"; "outside" for text written outside the answers). */
  key: string;
  /** The answer in the programme's words. */
  name: string;
  /** 1-based line of its heading now (or in the signed version, when it is gone). */
  line?: number;
  words_added: number;
  words_removed: number;
  redline: Run[];
}

/** The redline of two texts, word by word; spaces and line breaks are kept with the words they follow. */
export function redline(before: string, after: string): Run[] {
  const parts = diffWordsWithSpace(before, after).map((p): Run => ({ op: p.added ? '+' : p.removed ? '-' : '=', text: p.value }));
  // Words changed one after another read as one change ("[-rarely talks-]{+seldom speaks+}"),
  // not word by word: the spaces between them go to both sides.
  const runs: Run[] = [];
  for (let i = 0; i < parts.length; ) {
    if (parts[i]!.op === '=') {
      runs.push(parts[i++]!);
      continue;
    }
    let removed = '';
    let added = '';
    let j = i;
    for (; j < parts.length; j++) {
      const p = parts[j]!;
      const between = p.op === '=' && /^\s+$/.test(p.text) && parts[j + 1] !== undefined && parts[j + 1]!.op !== '=';
      if (p.op === '=' && !between) break;
      if (p.op !== '+') removed += p.text;
      if (p.op !== '-') added += p.text;
    }
    if (removed) runs.push({ op: '-', text: removed });
    if (added) runs.push({ op: '+', text: added });
    i = j;
  }
  return runs;
}

/**
 * The answers of one entry that differ between two versions of its file
 * (undefined: the file is not there). Unchanged answers are left out.
 */
export function compareEntry(spec: EntrySpec, cat: Catalogue, before: string | undefined, after: string | undefined): AnswerChange[] {
  const old = before === undefined ? undefined : parseEntry(before, spec, cat);
  const now = after === undefined ? undefined : parseEntry(after, spec, cat);
  const out: AnswerChange[] = [];
  for (const a of [...answersOf(spec, cat), { key: OUTSIDE, name: `${spec.title}: text written outside the answers` }]) {
    const was = wordsOf(old, a);
    const is = wordsOf(now, a);
    if (was === is) continue;
    const runs = redline(was, is);
    const line = now?.slots.get(a.key)?.line ?? old?.slots.get(a.key)?.line ?? (a.key === OUTSIDE ? (now ?? old)?.outside[0]?.line : undefined);
    out.push({
      file: spec.file,
      key: a.key,
      name: a.name,
      ...(line !== undefined ? { line } : {}),
      words_added: runs.filter((r) => r.op === '+').reduce((n, r) => n + countWords(r.text), 0),
      words_removed: runs.filter((r) => r.op === '-').reduce((n, r) => n + countWords(r.text), 0),
      redline: runs,
    });
  }
  return out;
}
