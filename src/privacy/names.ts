// The participant's private list of names (private/names.txt) and the one
// combined regular expression that finds those names in portfolio text.
//
// Pure functions: no I/O. The caller reads the file and passes its text.

/** Names shorter than this (in characters, not UTF-16 units) are ignored. */
export const MIN_NAME_LENGTH = 2;

export interface NamesList {
  /** Trimmed, NFC-normalised, de-duplicated case-insensitively, in first-seen order. */
  names: string[];
  /** Lines that were ignored for a reason worth telling the participant. */
  problems: { line: number; message: string }[];
}

/**
 * Parse the text of private/names.txt: one name per line; blank lines and
 * lines whose first non-blank character is # are ignored; surrounding
 * whitespace is trimmed and inner runs of whitespace collapse to one space;
 * names shorter than two characters are ignored with a problem; duplicates
 * (ignoring case) are dropped silently.
 */
export function parseNamesList(text: string): NamesList {
  const names: string[] = [];
  const problems: { line: number; message: string }[] = [];
  const seen = new Set<string>();
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const name = raw.normalize('NFC').trim().replace(/\s+/gu, ' ');
    if (name === '' || name.startsWith('#')) return;
    if ([...name].length < MIN_NAME_LENGTH) {
      problems.push({
        line,
        message: `"${name}" is shorter than ${MIN_NAME_LENGTH} characters, so it is ignored (it would match too much); write the name in full`,
      });
      return;
    }
    const key = name.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    names.push(name);
  });
  return { names, problems };
}

/** Characters that are syntax in a `u`-mode regular expression (and only those: `\-` is an error there). */
const SYNTAX = /[\\^$.*+?()[\]{}|/]/g;
const escapeRegExp = (s: string): string => s.replace(SYNTAX, '\\$&');

const APOSTROPHES = "'\u2018\u2019\u02bc";
const HYPHENS = '-\u2010\u2011';
const APOSTROPHE_CLASS = `['\\u2018\\u2019\\u02bc]`;
const HYPHEN_CLASS = `[\\-\\u2010\\u2011]`;
/** Between the words of a multi-word name: spaces, tabs, no-break spaces (never a line break). */
const NAME_SPACE = '[ \\t\\u00a0\\u202f]+';

/** A regex fragment for one character of a name: apostrophe and hyphen variants, and NFC or NFD spelling. */
function charPattern(ch: string): string {
  if (APOSTROPHES.includes(ch)) return APOSTROPHE_CLASS;
  if (HYPHENS.includes(ch)) return HYPHEN_CLASS;
  const decomposed = ch.normalize('NFD');
  if (decomposed !== ch) return `(?:${escapeRegExp(ch)}|${escapeRegExp(decomposed)})`;
  return escapeRegExp(ch);
}

function namePattern(name: string): string {
  return name
    .normalize('NFC')
    .trim()
    .split(/\s+/u)
    .map((word) => [...word].map(charPattern).join(''))
    .join(NAME_SPACE);
}

/** A character that continues a word: a letter, a combining mark, a digit, or an underscore. */
export const WORD_CHAR = '[\\p{L}\\p{M}\\p{N}_]';

let cache: { key: string; regex: RegExp | null } | undefined;

/**
 * One global, case-insensitive, Unicode regex matching any of the names as a
 * whole word (not inside a longer word; a possessive "'s" is outside the
 * match). Longer names come first so "Mary Smith" wins over "Mary". Returns
 * null when there are no usable names. The last result is cached.
 */
export function buildNamesRegex(names: readonly string[]): RegExp | null {
  const key = names.join('\n');
  if (cache?.key === key) {
    if (cache.regex) cache.regex.lastIndex = 0;
    return cache.regex;
  }
  const unique = new Map<string, string>();
  for (const raw of names) {
    const name = raw.normalize('NFC').trim().replace(/\s+/gu, ' ');
    if ([...name].length < MIN_NAME_LENGTH) continue;
    const k = name.toLowerCase();
    if (!unique.has(k)) unique.set(k, name);
  }
  const sorted = [...unique.values()].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  const regex =
    sorted.length === 0
      ? null
      : new RegExp(`(?<!${WORD_CHAR})(?:${sorted.map(namePattern).join('|')})(?!${WORD_CHAR})`, 'giu');
  cache = { key, regex };
  return regex;
}
