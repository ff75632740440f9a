// Finds details in a portfolio's text that could identify a child or family:
// names from the participant's private list, postcodes, dates that look like
// dates of birth, NHS and National Insurance numbers, phone numbers and
// e-mail addresses. `permanence verify` warns about them; `permanence render`
// refuses to build a submission while any are unreviewed.
//
// Pure functions, no I/O. Every regex is linear: no nested unbounded
// quantifiers, word boundaries by look-behind/look-ahead, and the few
// unbounded runs are guarded so a match attempt cannot rescan the text.
//
// Columns are 1-based UTF-16 code units (as in tsc and ESLint), counted after
// a leading byte-order mark, which is not treated as a character.

import { buildNamesRegex, WORD_CHAR } from './names.js';

export { parseNamesList } from './names.js';

export type DetailKind = 'name' | 'postcode' | 'date-of-birth' | 'nhs-number' | 'ni-number' | 'phone' | 'email';

export interface Finding {
  /** 1-based line in the text given, offset by `startLine`. */
  line: number;
  /** 1-based column (UTF-16 code units; a leading BOM does not count). */
  column: number;
  kind: DetailKind;
  /** What matched, exactly as in the text. */
  text: string;
  /** For a person: what it looks like, and how to fix it. */
  message: string;
  /** The line carries the reviewed marker. */
  reviewed: boolean;
}

/** The marker a participant adds to a line to say its details have been reviewed. */
export const REVIEWED_MARKER = '<!-- reviewed -->';

export interface FindOptions {
  /** Names from private/names.txt (see parseNamesList). */
  names?: string[];
  /** Line number of the text's first line within its file (default 1). */
  startLine?: number;
  /**
   * Offsets, ascending, in the text as given, of lines that are the template's
   * own words exactly, but for the white space around them
   * (ParsedEntry.verbatim): no detail of the participant's can be on them, and
   * they are not looked at. Names are still looked for everywhere.
   */
  verbatim?: readonly number[];
}

// ---------------------------------------------------------------------------
// Reviewed marker: `<!-- reviewed -->`, `<!--Reviewed-->`, `<!-- reviewed: my own work e-mail -->`

const REVIEWED_OPEN = /<!--[ \t]*reviewed(?![\p{L}\p{N}_])/iu;

/** Whether a line carries the reviewed marker (an HTML comment starting with the word "reviewed"). */
export function isReviewedLine(line: string): boolean {
  const open = REVIEWED_OPEN.exec(line);
  // Checking for the first opener's close with indexOf (rather than a lazy
  // regex) keeps this linear on a line of many unclosed openers.
  return open !== null && line.indexOf('-->', open.index + open[0].length) !== -1;
}

// ---------------------------------------------------------------------------
// Messages

const REVIEW_HINT = `or, if it does not identify anyone, mark the line reviewed by adding ${REVIEWED_MARKER}`;

const messages = {
  name: (t: string) =>
    `"${t}" is on your private names list; replace it with a pseudonym or initial, ${REVIEW_HINT}`,
  postcode: (t: string) =>
    `looks like a UK postcode (${t}); remove it or replace it with a general description of the area, ${REVIEW_HINT}`,
  dob: (t: string) =>
    `looks like a date of birth (${t}); remove it or replace it with an age, ${REVIEW_HINT}`,
  date: (t: string) =>
    `looks like a full date that could identify a child (e.g. a date of birth) (${t}); remove it or replace it with an age or a vaguer time such as a month and year, ${REVIEW_HINT}`,
  nhs: (t: string) =>
    `looks like an NHS number (${t}); remove it or replace it with a placeholder, ${REVIEW_HINT}`,
  ni: (t: string) =>
    `looks like a National Insurance number (${t}); remove it or replace it with a placeholder, ${REVIEW_HINT}`,
  phone: (t: string) =>
    `looks like a UK phone number (${t}); remove it or replace it with a placeholder, ${REVIEW_HINT}`,
  email: (t: string) =>
    `looks like an e-mail address (${t}); remove it or replace it with a placeholder such as name@example.org, ${REVIEW_HINT}`,
};

// ---------------------------------------------------------------------------
// Detectors. Each returns candidates as offsets into the (BOM-less) text.

interface Candidate {
  start: number;
  end: number;
  kind: DetailKind;
  message: string;
}

/** When two candidates overlap, the kind earlier in this list wins. */
const PRIORITY: readonly DetailKind[] = ['email', 'nhs-number', 'ni-number', 'date-of-birth', 'phone', 'postcode', 'name'];

// Word boundaries are written with ASCII classes, and a match next to a
// non-ASCII letter or digit is then refused in code (bounded() below): Unicode
// property classes in a dozen patterns cost tens of milliseconds to compile on
// every run, and every verify pays that before reading a line.
const W = '[A-Za-z0-9_]';
let unicodeWord: RegExp | undefined;
const isUnicodeWordChar = (ch: string | undefined) => ch !== undefined && ch.charCodeAt(0) >= 128 && (unicodeWord ??= new RegExp(`^${WORD_CHAR}`, 'u')).test(ch);

/**
 * The matches of a global pattern whose neighbours are not letters or digits
 * of any script. A refused match is retried one character on, as a failed
 * look-behind would be.
 */
function* bounded(re: RegExp, text: string): Generator<RegExpExecArray> {
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

// E-mail: local@domain.tld. Bounded quantifiers; the look-behind stops a
// match starting part-way through a local part, so a long run of local-part
// characters is tried once, not from every position.
const EMAIL =
  /(?<![A-Za-z0-9_.%+-])[A-Za-z0-9_%+-](?:[A-Za-z0-9._%+'-]{0,62}[A-Za-z0-9_%+'-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9_-])(?!\.[A-Za-z0-9])/g;

function findEmails(text: string, out: Candidate[]): void {
  for (const m of bounded(EMAIL, text)) {
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'email', message: messages.email(m[0]) });
  }
}

// NHS number: ten digits as 3-3-4 with one kind of separator (space or
// dash) or none, not part of a longer number (nor a longer spaced run), and
// passing the modulus-11 check digit.
const NHS = new RegExp(
  `(?<!${W})(?<!\\d[ -])(\\d{3})([ -]?)(\\d{3})\\2(\\d{4})(?!${W})(?![ -]\\d)`,
  'g',
);

/** The NHS modulus-11 check: weights 10..2 on the first nine digits; 11 → 0, 10 → invalid. */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  if (check === 10) return false;
  return check === Number(digits[9]);
}

function findNhsNumbers(text: string, out: Candidate[]): void {
  for (const m of bounded(NHS, text)) {
    if (!isValidNhsNumber(`${m[1]}${m[3]}${m[4]}`)) continue;
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'nhs-number', message: messages.nhs(m[0]) });
  }
}

// National Insurance number: prefix letters (first not D F I Q U V; second
// not D F I O Q U V), six digits optionally spaced in pairs, suffix A-D.
// Prefixes BG GB KN NK NT TN ZZ are never issued and are checked in code.
const NI = new RegExp(
  `(?<!${W})([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])[ \\t]?(\\d{2})[ \\t]?(\\d{2})[ \\t]?(\\d{2})[ \\t]?[A-D](?!${W})`,
  'gi',
);
const NI_NOT_ISSUED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

function findNiNumbers(text: string, out: Candidate[]): void {
  for (const m of bounded(NI, text)) {
    const prefix = (m[1] ?? '').toUpperCase();
    if (NI_NOT_ISSUED.has(prefix)) continue;
    // Should the pattern ever take the u flag, a few non-ASCII letters (e.g. the Kelvin sign) would fold into A-Z: accept only ASCII.
    if (!/^[A-Za-z]{2}$/.test(m[1] ?? '')) continue;
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'ni-number', message: messages.ni(m[0]) });
  }
}

// UK postcode: outward A9, A99, A9A, AA9, AA99, AA9A with the letters
// allowed in each position; inward 9AA whose letters exclude C I K M O V;
// one optional space; or GIR 0AA. Whole words, any case.
const POSTCODE = new RegExp(
  `(?<!${W})(?:(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])[ \\t]?[0-9][ABD-HJLNP-UW-Z]{2}|GIR[ \\t]?0AA)(?!${W})`,
  'gi',
);

function findPostcodes(text: string, out: Candidate[]): void {
  for (const m of bounded(POSTCODE, text)) {
    const t = m[0];
    if (!/^[A-Za-z0-9 \t]+$/.test(t)) continue; // non-ASCII letters folded in by /iu
    // "Y6 2nd", "KS2 4th": an upper-case code followed by a lower-case ordinal is not a postcode.
    const inward = t.slice(-3);
    if (/^\d(?:st|nd|rd|th)$/.test(inward) && /[A-Z]/.test(t.slice(0, -3))) continue;
    out.push({ start: m.index, end: m.index + t.length, kind: 'postcode', message: messages.postcode(t) });
  }
}

// UK phone numbers: +44 (optionally followed by "(0)") or a leading 0 or a
// bracketed "(0…)" area code, then digit groups separated by one space, tab
// or dash. The regex finds phone-shaped text; the digit count is checked in
// code, trimming trailing groups that belong to something else.
const PHONE =
  /(?<![A-Za-z0-9_+])(?<![0-9][./-])(?:\+44[ \t]?(?:\(0\)[ \t]?)?|\(0\d{1,5}\)[ \t]?|0)\d{1,10}(?:[ \t-]\d{2,8}){0,4}(?![A-Za-z0-9_])/g;

/** Whether the national significant number (digits after the trunk 0 or +44) has a valid UK length. */
function validNationalNumber(national: string): boolean {
  const first = national[0];
  if (first === undefined || !'1235789'.includes(first)) return false;
  if (national.length === 10) return true;
  // Nine digits: some 01 area numbers (e.g. 016977 xxxx) and 0800/0500 freephone.
  return national.length === 9 && (first === '1' || national.startsWith('800') || national.startsWith('500'));
}

function phoneNational(candidate: string): string | null {
  let digits = candidate.replace(/\D/g, '');
  if (candidate.startsWith('+44')) {
    digits = digits.slice(2);
    if (digits.startsWith('0')) digits = digits.slice(1); // "+44 (0)20 …"
    return digits;
  }
  if (!digits.startsWith('0')) return null;
  return digits.slice(1);
}

function findPhones(text: string, out: Candidate[]): void {
  for (const m of bounded(PHONE, text)) {
    let candidate = m[0];
    // Trim trailing groups ("0161 496 0000 21 children") until the length is valid.
    for (;;) {
      const national = phoneNational(candidate);
      if (national !== null && validNationalNumber(national)) {
        const next = text[m.index + candidate.length];
        // A trimmed candidate must not stop part-way through a number.
        if (next === undefined || !/\d/.test(next)) {
          out.push({ start: m.index, end: m.index + candidate.length, kind: 'phone', message: messages.phone(candidate) });
        }
        break;
      }
      const cut = candidate.search(/[ \t-]\d+$/);
      if (cut <= 0) break;
      candidate = candidate.slice(0, cut);
    }
  }
}

// Dates. Numeric day-month-year (/, ., - used consistently), ISO
// year-month-day, "15 April 1999", "15th of April 1999", "April 15, 1999".
const MONTH_NAMES =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const SP = '[ \\t\\u00a0]{1,3}';
const NUMERIC_DMY = new RegExp(
  `(?<!${W})(?<!\\d[./-])(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4}|\\d{2})(?!${W})(?![./-]\\d)`,
  'g',
);
const NUMERIC_YMD = new RegExp(`(?<!${W})(?<!\\d[./-])(\\d{4})([/.-])(\\d{1,2})\\2(\\d{1,2})(?!${W})(?![./-]\\d)`, 'g');
const TEXT_DMY = new RegExp(
  `(?<!${W})(\\d{1,2})(?:st|nd|rd|th)?(?:${SP}of)?(?:${SP}|-)(${MONTH_NAMES})\\.?,?(?:${SP}|-)(\\d{4})(?!${W})`,
  'gi',
);
const TEXT_MDY = new RegExp(
  `(?<!${W})(${MONTH_NAMES})\\.?${SP}(\\d{1,2})(?:st|nd|rd|th)?,?${SP}(\\d{4})(?!${W})`,
  'gi',
);

/** Birth cues: born, DOB, D.O.B, date of birth, birth date, birthday, "b.". */
const BIRTH_CUE =
  /(?<![\p{L}\p{N}_])(?:born|d\.?[ \t]?o\.?[ \t]?b|date[ \t]+of[ \t]+birth|birth[ \t-]?date|birthday|b\.)(?![\p{L}\p{N}_])/iu;
const CUE_WINDOW = 40;

const MONTH_INDEX: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const monthNumber = (name: string): number => MONTH_INDEX[name.slice(0, 3).toLowerCase()] ?? 0;

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** Whether a birth cue stands within ~40 characters either side of [start, end), on the same line. */
function hasBirthCue(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd === -1) lineEnd = text.length;
  const before = text.slice(Math.max(lineStart, start - CUE_WINDOW), start);
  const after = text.slice(end, Math.min(lineEnd, end + CUE_WINDOW));
  return BIRTH_CUE.test(before) || BIRTH_CUE.test(after);
}

function pushDate(
  text: string,
  out: Candidate[],
  start: number,
  matched: string,
  year: number,
  twoDigitYear: boolean,
  valid: boolean,
): void {
  if (!valid) return;
  const end = start + matched.length;
  const cued = hasBirthCue(text, start, end);
  if (cued) {
    if (!twoDigitYear && (year < 1900 || year > 2099)) return;
    out.push({ start, end, kind: 'date-of-birth', message: messages.dob(matched) });
  } else if (!twoDigitYear && year >= 1990 && year <= 2035) {
    out.push({ start, end, kind: 'date-of-birth', message: messages.date(matched) });
  }
}

// Two of one separator around a day or month: "3/4/19", "2019-04-15" (not "2016-2019" or "1.2").
const MAY_BE_NUMERIC_DATE = /\d([/.-])\d{1,2}\1\d/;
// A month's name next to a day, spaced as TEXT_DMY and TEXT_MDY require:
// "15 April", "15th of April", "15-Apr", "April 15" (not "%20oct" in an address, nor "May 2014").
const MAY_BE_TEXT_DATE =
  /\d(?:st|nd|rd|th)?(?:[ \t\u00a0]{1,3}of)?(?:[ \t\u00a0]{1,3}|-)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ \t\u00a0]{1,3}\d{1,2}(?!\d)/i;

function findDates(text: string, out: Candidate[], digits: number): void {
  // Each pattern runs only where its cheap precondition holds: digits with a
  // separator, or a month's name beside a day and a four-digit year.
  const numeric = MAY_BE_NUMERIC_DATE.test(text);
  const named = digits >= 5 && MAY_BE_TEXT_DATE.test(text);
  if (numeric) findNumericDates(text, out);
  if (named) findNamedDates(text, out);
}

function findNumericDates(text: string, out: Candidate[]): void {
  for (const m of bounded(NUMERIC_DMY, text)) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const y = m[4] ?? '';
    const twoDigit = y.length === 2;
    const year = twoDigit ? 2000 + Number(y) : Number(y);
    // dd/mm/yyyy is the UK order, but a US-order date is still a date.
    const valid = isRealDate(year, b, a) || isRealDate(year, a, b);
    pushDate(text, out, m.index, m[0], year, twoDigit, valid);
  }
  for (const m of bounded(NUMERIC_YMD, text)) {
    // "/2019/04/15/" is a URL path (a publication date), not a person's date.
    if (m[2] === '/' && text[m.index - 1] === '/' && text[m.index + m[0].length] === '/') continue;
    const year = Number(m[1]);
    pushDate(text, out, m.index, m[0], year, false, isRealDate(year, Number(m[3]), Number(m[4])));
  }
}

function findNamedDates(text: string, out: Candidate[]): void {
  for (const m of bounded(TEXT_DMY, text)) {
    const year = Number(m[3]);
    pushDate(text, out, m.index, m[0], year, false, isRealDate(year, monthNumber(m[2] ?? ''), Number(m[1])));
  }
  for (const m of bounded(TEXT_MDY, text)) {
    const year = Number(m[3]);
    pushDate(text, out, m.index, m[0], year, false, isRealDate(year, monthNumber(m[1] ?? ''), Number(m[2])));
  }
}

function findNames(text: string, names: readonly string[], out: Candidate[]): void {
  const regex = buildNamesRegex(names);
  if (!regex) return;
  for (const m of text.matchAll(regex)) {
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'name', message: messages.name(m[0]) });
  }
}

// ---------------------------------------------------------------------------

/**
 * Find details in `text` that could identify a child or family. Findings on a
 * line carrying the reviewed marker come back with `reviewed: true`. Where
 * two kinds match overlapping text, only one is reported (e-mail, then NHS
 * number, NI number, date, phone, postcode, name). Ordered by line, then column.
 */
const DIGIT_OR_AT = /[0-9@]/g;

const NOT_DIGITS = /\D+/g;

/** ASCII digits in a line (what \d matches): by the regex engine, twice as fast here as a loop. */
function countDigits(line: string): number {
  return line.replace(NOT_DIGITS, '').length;
}
const MAY_BE_NHS = /\d{3}[ -]?\d{3}[ -]?\d{4}/;
// A letter, three pairs of digits and a suffix letter, spaced or tabbed as NI allows.
const MAY_BE_NI = /[A-Za-z][ \t]?\d{2}[ \t]?\d{2}[ \t]?\d{2}[ \t]?[A-Da-d]/;
const MAY_BE_DATE = /\d{4}|\d[/.-]\d|\d[/.-]\d\d\b/;
// A phone number starts with a 0 that is not inside another number, or +44.
const MAY_BE_PHONE = /(?:^|[^\d])\(?0\d|\+\s?44/;
// An outward code's first digit follows a letter, and its digit or digits (and a letter) come
// before the inward code's digit and two letters (not "%20charter" in an address, nor "2nd").
const GIR = /gir/i;
const MAY_BE_POSTCODE = /[A-Za-z]\d[A-Za-z0-9]?[ \t]?\d[A-Za-z]{2}|GIR/i;

export function findIdentifyingDetails(text: string, options: FindOptions = {}): Finding[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const startLine = options.startLine ?? 1;
  const verbatim = options.verbatim ?? [];
  let v = 0;
  // Offsets in body, one less than in the text given when a byte-order mark was taken off.
  const shift = body === text ? 0 : 1;

  const candidates: Candidate[] = [];
  // Every kind but a name needs a digit on its line (an e-mail needs an "@"),
  // and no kind spans lines: the regex engine skips to the next line that has
  // one, and most lines of prose are passed over without being copied.
  DIGIT_OR_AT.lastIndex = 0;
  // test() rather than exec(): no match object to make for each of hundreds of lines.
  while (DIGIT_OR_AT.test(body)) {
    const at = DIGIT_OR_AT.lastIndex - 1;
    const start = body.lastIndexOf('\n', at - 1) + 1;
    let end = body.indexOf('\n', at);
    if (end === -1) end = body.length;
    DIGIT_OR_AT.lastIndex = end + 1;
    while (v < verbatim.length && verbatim[v]! < start + shift) v++;
    if (verbatim[v] === start + shift) continue;
    const line = body.slice(start, end);
    const local: Candidate[] = [];
    if (line.includes('@')) findEmails(line, local);
    // Each kind needs so many digits (an NHS number ten, a phone number ten
    // with its 0, an NI number six, a date four): most lines with a digit in
    // them ("week 2", "in 2019") have too few for all but a postcode.
    const digits = countDigits(line);
    if (digits > 0) {
      // Cheap necessary conditions first; the full patterns run only where they could match.
      if (digits >= 10 && MAY_BE_NHS.test(line)) findNhsNumbers(line, local);
      if (digits >= 6 && MAY_BE_NI.test(line)) findNiNumbers(line, local);
      if (digits >= 4 && MAY_BE_DATE.test(line)) findDates(line, local, digits);
      if (digits >= 10 && MAY_BE_PHONE.test(line)) findPhones(line, local);
      // A postcode has a digit in each half (but for GIR 0AA).
      if ((digits >= 2 || GIR.test(line)) && MAY_BE_POSTCODE.test(line)) findPostcodes(line, local);
    }
    for (const c of local) candidates.push({ ...c, start: c.start + start, end: c.end + start });
  }
  if (options.names && options.names.length > 0) findNames(body, options.names, candidates);
  if (candidates.length === 0) return [];

  // Keep one kind per span: by priority, then longer first; drop anything overlapping a kept span.
  const rank = (k: DetailKind) => PRIORITY.indexOf(k);
  candidates.sort((a, b) => rank(a.kind) - rank(b.kind) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken = new Uint8Array(body.length);
  const kept: Candidate[] = [];
  for (const c of candidates) {
    let free = true;
    for (let i = c.start; i < c.end; i++) {
      if (taken[i]) {
        free = false;
        break;
      }
    }
    if (!free) continue;
    taken.fill(1, c.start, c.end);
    kept.push(c);
  }
  kept.sort((a, b) => a.start - b.start);

  // Offsets to lines: kept is sorted, so walk forward through the text once.
  const findings: Finding[] = [];
  let lineIndex = 0;
  let lineStart = 0;
  let lineEnd = lineEndFrom(body, 0);
  let reviewed: boolean | undefined;
  for (const c of kept) {
    while (c.start > lineEnd) {
      lineStart = lineEnd + 1;
      lineEnd = lineEndFrom(body, lineStart);
      lineIndex++;
      reviewed = undefined;
    }
    reviewed ??= isReviewedLine(body.slice(lineStart, lineEnd));
    findings.push({
      line: startLine + lineIndex,
      column: c.start - lineStart + 1,
      kind: c.kind,
      text: body.slice(c.start, c.end),
      message: c.message,
      reviewed,
    });
  }
  return findings;
}

/** Offset of the '\n' ending the line that starts at `from` (or the text's length). */
function lineEndFrom(text: string, from: number): number {
  const i = text.indexOf('\n', from);
  return i === -1 ? text.length : i;
}
