// Finds details in a portfolio's text that could identify a child or family:
// names from the participant's private list, postcodes, dates of birth, NHS
// and National Insurance numbers, phone numbers and e-mail addresses, in the
// forms people really write them. `permanence verify` warns about them;
// `permanence render` refuses to build a submission while any are unreviewed.
//
// Each family is found from its format's own rules (the postcode grammar, the
// NHS modulus 11 check, the NI prefixes, UK phone number lengths), and the
// words around a date tell a date of birth from the date of a judgment, a
// statute, a publication or a course; an ISBN is not an NHS number.
//
// This module runs each family's detector (numbers.ts, postcodes.ts,
// emails.ts, dates.ts, listed-names.ts) over the lines that could hold one,
// and keeps one finding where two overlap.
//
// Pure functions, no I/O. Every regex is linear: no nested unbounded
// quantifiers, bounded repeats, word boundaries by look-behind/look-ahead, so
// a match attempt cannot rescan the text.
//
// Lines end at LF, CRLF or CR alone, as the participant's editor shows them.
// Columns are 1-based UTF-16 code units (as in tsc and ESLint), counted after
// a leading byte-order mark, which is not treated as a character.

import type { Lines } from '../util/line-set.js';
import { type Candidate, type CandidateKind, type DetailKind, GROUP_SEP } from './candidates.js';
import { findDates } from './dates.js';
import { findEmails } from './emails.js';
import { isReviewedLine, lineTable } from './lines.js';
import { findNames } from './listed-names.js';
import { findIsbns, findNhsNumbers, findNiNumbers, findPhones } from './numbers.js';
import { findPostcodes } from './postcodes.js';

export type { DetailKind } from './candidates.js';
export { isReviewedLine, LINE_BREAK, REVIEWED_MARKER, splitLines, templateLineSet } from './lines.js';
export { isDistinctivePart, NAMES_LIST_TEMPLATE, parseNamesList } from './names.js';
export { isValidNhsNumber } from './numbers.js';

export interface Finding {
  /** 1-based line in the text given, offset by `startLine`. */
  line: number;
  /** 1-based column (UTF-16 code units; a leading BOM does not count). */
  column: number;
  /** The line the match ends on: a name can run over a line break. */
  endLine: number;
  /** 1-based column just after the match's last character, on endLine. */
  endColumn: number;
  kind: DetailKind;
  /** What matched, exactly as in the text (a name split by a line break keeps it). */
  text: string;
  /** For a person: what it looks like, and how to fix it. */
  message: string;
  /** A line the match is on carries the reviewed marker. */
  reviewed: boolean;
}

export interface FindOptions {
  /**
   * Entries of private/names.txt as parseNamesList gives them: a name, or a
   * name in double quotes to be found only whole.
   */
  names?: readonly string[];
  /** Line number of the text's first line within its file (default 1). */
  startLine?: number;
  /**
   * The template's own lines, trimmed (see templateLineSet). A line of the
   * text whose trimmed form is one of them is the programme's words, not the
   * participant's: postcodes, numbers, dates and e-mail addresses are not
   * looked for on it. Names are still looked for everywhere.
   */
  templateLines?: Lines;
}

/** When two candidates overlap, the kind earlier in this list wins. */
const PRIORITY: readonly CandidateKind[] = ['isbn', 'email', 'nhs-number', 'ni-number', 'date-of-birth', 'phone', 'postcode', 'name'];

const DIGIT = /[0-9]/g;
const NOT_DIGITS = /\D+/g;
// The "at" of an address ("@", "(at)", "[ at ]", or the word "at" between
// spaces) as "at" after a space or an opening bracket and before a space or a
// closing one, found from the letters: the engine skips to a literal far
// faster than to a class of spaces (2.2 times, over the demo's text).
const WORD_AT = /at[ \t\u00a0\u202f)\]}>]/gi;

/** Whether an "at" of WORD_AT's at `i` follows a space or an opening bracket. */
function wordAtAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i - 1);
  return c === 32 || c === 9 || c === 0xa0 || c === 0x202f || c === 40 || c === 91 || c === 123 || c === 60;
}

/**
 * A finder of the "at"s in `text` that may be an e-mail address's, asked for
 * the next one at or after `from` (never less than it was last asked): each
 * kind's next place is remembered, so the text is searched once.
 */
function mayBeEmailFinder(text: string): (from: number) => number {
  let sign = text.indexOf('@');
  let word = -2;
  const re = new RegExp(WORD_AT.source, 'gi');
  return (from) => {
    if (sign !== -1 && sign < from) sign = text.indexOf('@', from);
    if (word !== -1 && word < from) {
      re.lastIndex = from;
      word = -1;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (wordAtAt(text, m.index)) {
          word = m.index;
          break;
        }
      }
    }
    return sign === -1 ? word : word === -1 ? sign : Math.min(sign, word);
  };
}

/** Whether a line has an "at" that may be an e-mail address's. */
function mayBeEmail(line: string): boolean {
  if (line.includes('@')) return true;
  WORD_AT.lastIndex = 0;
  for (let m = WORD_AT.exec(line); m; m = WORD_AT.exec(line)) if (wordAtAt(line, m.index)) return true;
  return false;
}
const MAY_BE_NHS = new RegExp(`[0-9]{2}${GROUP_SEP}?[0-9]{2}`);
// A letter, six digits (as pairs or threes), as NI allows.
const MAY_BE_NI = /[A-Za-z][ \t\u00a0.-]{0,2}\d{2}/;
// A phone number starts with a 0 that is not inside another number, or 44.
const MAY_BE_PHONE = /(?:^|[^\d])\(?0\d|44/;
// An outward code's digit, then the inward code's digit and two letters.
const MAY_BE_POSTCODE = /[A-Za-z]\d[A-Za-z0-9]?[ \t\u00a0\u202f-]{0,3}\d[A-Za-z]{2}|GIR/i;

/** ASCII digits in a line (what \d matches): by the regex engine, twice as fast here as a loop. */
function countDigits(line: string): number {
  return line.replace(NOT_DIGITS, '').length;
}

/** The pattern detectors on one line of the participant's. */
function scanLine(line: string, local: Candidate[]): void {
  if (mayBeEmail(line)) findEmails(line, local);
  // Each kind needs so many digits (an NHS number ten, a phone number ten
  // with its 0, an NI number six, a date three): most lines with a digit in
  // them ("week 2", "in 2019") have too few for all but a postcode.
  const digits = countDigits(line);
  if (digits === 0) return;
  if (digits >= 10) findIsbns(line, local);
  if (digits >= 10 && MAY_BE_NHS.test(line)) findNhsNumbers(line, local);
  if (digits >= 6 && MAY_BE_NI.test(line)) findNiNumbers(line, local);
  if (digits >= 1) findDates(line, local);
  if (digits >= 10 && MAY_BE_PHONE.test(line)) findPhones(line, local);
  if (MAY_BE_POSTCODE.test(line)) findPostcodes(line, local);
}

/**
 * Find details in `text` that could identify a child or family. A finding on
 * a line carrying the reviewed marker comes back with `reviewed: true`. Where
 * two kinds match overlapping text, only one is reported (e-mail, then NHS
 * number, NI number, date, phone, postcode, name). Ordered by line, then column.
 */
export function findIdentifyingDetails(text: string, options: FindOptions = {}): Finding[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const startLine = options.startLine ?? 1;
  const template = options.templateLines;
  const { starts, ends } = lineTable(body);

  const candidates: Candidate[] = [];
  // Every kind but a name needs a digit on its line, or an "at" (an e-mail
  // address), and none spans lines: the lines without are passed over
  // without being copied.
  const visit = (i: number) => {
    const start = starts[i] ?? 0;
    const line = body.slice(start, ends[i]);
    if (template && template.size > 0 && template.has(line.trim())) return;
    const local: Candidate[] = [];
    scanLine(line, local);
    for (const c of local) candidates.push({ ...c, start: c.start + start, end: c.end + start });
  };
  let i = 0;
  DIGIT.lastIndex = 0;
  let nextDigit = DIGIT.test(body) ? DIGIT.lastIndex - 1 : -1;
  const emailFrom = mayBeEmailFinder(body);
  let nextAt = emailFrom(0);
  while (nextDigit !== -1 || nextAt !== -1) {
    const at = nextDigit === -1 ? nextAt : nextAt === -1 ? nextDigit : Math.min(nextDigit, nextAt);
    while ((ends[i] ?? body.length) < at) i++;
    visit(i);
    const after = (starts[i + 1] ?? body.length + 1);
    if (nextDigit !== -1 && nextDigit < after) {
      DIGIT.lastIndex = after;
      nextDigit = DIGIT.test(body) ? DIGIT.lastIndex - 1 : -1;
    }
    if (nextAt !== -1 && nextAt < after) {
      nextAt = emailFrom(after);
    }
    i++;
  }
  if (options.names && options.names.length > 0) findNames(body, options.names, candidates);
  if (candidates.length === 0) return [];

  // Keep one kind per span: by priority, then longer first; drop anything overlapping a kept span.
  const rank = (k: CandidateKind) => PRIORITY.indexOf(k);
  candidates.sort((a, b) => rank(a.kind) - rank(b.kind) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken = new Uint8Array(body.length);
  const kept: Candidate[] = [];
  for (const c of candidates) {
    let free = true;
    for (let k = c.start; k < c.end; k++) {
      if (taken[k]) {
        free = false;
        break;
      }
    }
    if (!free) continue;
    taken.fill(1, c.start, c.end);
    if (c.kind !== 'isbn') kept.push(c);
  }
  kept.sort((a, b) => a.start - b.start);

  // Offsets to lines: kept is sorted, so walk forward through the lines once.
  const findings: Finding[] = [];
  const reviewedLines = new Map<number, boolean>();
  const reviewedAt = (n: number) => {
    let r = reviewedLines.get(n);
    if (r === undefined) {
      r = isReviewedLine(body.slice(starts[n], ends[n]));
      reviewedLines.set(n, r);
    }
    return r;
  };
  let lineIndex = 0;
  for (const c of kept) {
    while ((ends[lineIndex] ?? body.length) < c.start) lineIndex++;
    let endIndex = lineIndex;
    while ((ends[endIndex] ?? body.length) < c.end) endIndex++;
    findings.push({
      line: startLine + lineIndex,
      column: c.start - (starts[lineIndex] ?? 0) + 1,
      endLine: startLine + endIndex,
      endColumn: c.end - (starts[endIndex] ?? 0) + 1,
      kind: c.kind as DetailKind,
      text: body.slice(c.start, c.end),
      message: c.message,
      reviewed: reviewedAt(lineIndex) || (endIndex !== lineIndex && reviewedAt(endIndex)),
    });
  }
  return findings;
}
