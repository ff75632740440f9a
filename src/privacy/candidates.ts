// What every detector shares: the candidate it returns, the pieces its
// patterns are written with, and the check that a match is a whole word.

import { WORD_CHAR } from './names.js';

export type DetailKind = 'name' | 'postcode' | 'date-of-birth' | 'nhs-number' | 'ni-number' | 'phone' | 'email';

/** An ISBN is found so that nothing else claims its digits; it is never reported. */
export type CandidateKind = DetailKind | 'isbn';

export interface Candidate {
  start: number;
  end: number;
  kind: CandidateKind;
  message: string;
}

// Word boundaries are written with ASCII classes, and a match next to a
// non-ASCII letter or digit is then refused in code (bounded() below): Unicode
// property classes in a dozen patterns cost tens of milliseconds to compile on
// every run, and every verify pays that before reading a line.
export const W = '[A-Za-z0-9_]';
/** White space within a line: space, tab, no-break spaces. */
export const S = '[ \\t\\u00a0\\u202f]';
/** Between the groups of a number: one or two spaces, or a dash or dot with a space either side or none. */
export const GROUP_SEP = `(?:${S}{1,2}|${S}?[-.\\u2010\\u2011\\u2013]${S}?)`;
let unicodeWord: RegExp | undefined;
export const isUnicodeWordChar = (ch: string | undefined) =>
  ch !== undefined && ch.charCodeAt(0) >= 128 && (unicodeWord ??= new RegExp(`^${WORD_CHAR}`, 'u')).test(ch);

/**
 * The matches of a global pattern whose neighbours are not letters or digits
 * of any script. A refused match is retried one character on, as a failed
 * look-behind would be.
 */
export function* bounded(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[0].length;
    if (isUnicodeWordChar(text[m.index - 1]) || isUnicodeWordChar(text[end])) {
      re.lastIndex = m.index + 1;
      continue;
    }
    if (m[0].length === 0) re.lastIndex++;
    yield m;
  }
}
