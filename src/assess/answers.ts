// The answered rule: what counts as the participant's own words in an answer
// slot, how many words they are, and what a rating line says. The assessment
// is the one user of these rules; everything that shows progress asks it.
import type { Field } from '../programme/types.js';
import { RATING_LINE } from '../portfolio/layout.js';

const HTML_COMMENT = /<!--[\s\S]*?-->/g;
const UNCHECKED = /^[ \t]*[-*+][ \t]+\[ \][ \t]*([^\n]*)$/gm;

/**
 * The participant's own words in an answer region: no comments, and none of the
 * template's unticked boxes (a check field's box; an area with no note after it).
 */
export function answerText(raw: string, field?: Pick<Field, 'kind' | 'options'>): string {
  // includes() first: most answers hold no comment, and the regex would scan them all the same.
  let text = raw.includes('<!--') ? raw.replace(HTML_COMMENT, '') : raw;
  if (field?.kind === 'check') text = text.replace(UNCHECKED, '');
  if (field?.kind === 'areas') {
    const options = new Set(field.options ?? []);
    text = text.replace(UNCHECKED, (line, rest: string) => (options.has(rest.replace(/:\s*$/, '').trim()) && /:\s*$/.test(rest) ? '' : line));
  }
  return text.trim();
}

const WORDISH = /[\p{L}\p{N}]/u;

// ASCII character classes for countWords: 1 space, 2 letter or digit, 0 anything else.
const OTHER = 0;
const SPACE = 1;
const WORD = 2;
const ASCII_CLASS = new Uint8Array(128);
for (let c = 9; c <= 13; c++) ASCII_CLASS[c] = SPACE;
ASCII_CLASS[32] = SPACE;
for (let c = 48; c <= 57; c++) ASCII_CLASS[c] = WORD;
for (let c = 65; c <= 90; c++) ASCII_CLASS[c] = WORD;
for (let c = 97; c <= 122; c++) ASCII_CLASS[c] = WORD;

function isWideSpace(c: number): boolean {
  return c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x3000 || c === 0x1680 || c === 0x205f || c === 0x2028 || c === 0x2029 || c === 0xfeff;
}

export function countWords(text: string): number {
  // Each clean-up runs only when its marker is there: most answers are plain prose.
  let plain = text;
  if (plain.includes('<')) plain = plain.replace(HTML_COMMENT, ' ').replace(/<https?:[^>]+>/g, ' link ');
  if (plain.includes('[')) plain = plain.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\[[ xX]\]/g, ' ');
  // A word is a run of non-space characters with at least one letter or digit
  // in it: list markers, '>' and '#' do not count; "re-read" and "child’s" are
  // one word each. A numbered list's marker ("1." or "2)" first on its line,
  // before a space or tab) is not a word either. One pass over the characters,
  // with a table for ASCII: this runs on every answer of every portfolio.
  let n = 0;
  let lineFirst = true;
  const len = plain.length;
  let i = 0;
  while (i < len) {
    let c = plain.charCodeAt(i);
    let cls = c < 128 ? ASCII_CLASS[c]! : isWideSpace(c) ? SPACE : OTHER;
    if (cls === SPACE) {
      // As a regex's multiline "^[ \t]*": a line ends at any line terminator, and only spaces and tabs may come before a marker.
      if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) lineFirst = true;
      else if (c !== 32 && c !== 9) lineFirst = false;
      i++;
      continue;
    }
    // A token: find whether it has a letter or digit, then step to its end.
    const start = i;
    const first = lineFirst;
    lineFirst = false;
    let wordish = false;
    for (;;) {
      if (cls === WORD || (c >= 128 && (WORDISH.test(plain[i]!) || (c >= 0xd800 && c <= 0xdbff && WORDISH.test(plain.slice(i, i + 2)))))) {
        wordish = true;
        break;
      }
      if (++i >= len) break;
      c = plain.charCodeAt(i);
      cls = c < 128 ? ASCII_CLASS[c]! : isWideSpace(c) ? SPACE : OTHER;
      if (cls === SPACE) break;
    }
    if (!wordish) continue;
    for (i++; i < len; i++) {
      c = plain.charCodeAt(i);
      if (c < 128 ? ASCII_CLASS[c] === SPACE : isWideSpace(c)) break;
    }
    const after = i < len ? plain.charCodeAt(i) : 10;
    if (!(first && (after === 32 || after === 9) && isNumberMarker(plain, start, i))) n++;
  }
  return n;
}

/** Digits then one "." or ")": a numbered list item's marker. */
function isNumberMarker(text: string, start: number, end: number): boolean {
  const last = text.charCodeAt(end - 1);
  if ((last !== 46 && last !== 41) || end - 1 === start) return false;
  for (let i = start; i < end - 1; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export function isChecked(raw: string): boolean {
  return /^[ \t]*[-*+][ \t]+\[[xX]\]/m.test(raw);
}

/** Areas chosen: ticked, or with a note after the colon. */
export function chosenAreas(raw: string): { area: string; note: string; ticked: boolean }[] {
  const out: { area: string; note: string; ticked: boolean }[] = [];
  for (const m of raw.matchAll(/^[ \t]*[-*+][ \t]+\[([ xX])\][ \t]*([^:\n]*?)[ \t]*(?::[ \t]*(.*))?$/gm)) {
    const ticked = m[1] !== ' ';
    const note = (m[3] ?? '').trim();
    if (ticked || note) out.push({ area: (m[2] ?? '').trim(), note, ticked });
  }
  return out;
}


/** Whether a field's answer region holds an answer (a field of kind 'entry' is answered in its item, which the caller knows). */
export function isAnswered(field: Pick<Field, 'kind' | 'options'>, raw: string): boolean {
  const text = answerText(raw, field);
  switch (field.kind) {
    case 'check':
      return isChecked(raw) || text !== '';
    case 'areas':
      return chosenAreas(raw).length > 0 || text !== '';
    default:
      return text !== '';
  }
}

/** The rating a self-assessment slot holds: 1 to 5, or null when there is none. */
export function parseRating(raw: string): number | null {
  const m = RATING_LINE.exec(raw);
  return m && /^[1-5]$/.test(m[1]!) ? Number(m[1]) : null;
}
