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
// Pure functions, no I/O. Every regex is linear: no nested unbounded
// quantifiers, bounded repeats, word boundaries by look-behind/look-ahead, so
// a match attempt cannot rescan the text.
//
// Lines end at LF, CRLF or CR alone, as the participant's editor shows them.
// Columns are 1-based UTF-16 code units (as in tsc and ESLint), counted after
// a leading byte-order mark, which is not treated as a character.

import { buildNamesRegex, foldAccents, isEverydayName, WORD_CHAR } from './names.js';

export { isDistinctivePart, NAMES_LIST_TEMPLATE, parseNamesList } from './names.js';

export type DetailKind = 'name' | 'postcode' | 'date-of-birth' | 'nhs-number' | 'ni-number' | 'phone' | 'email';

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

/** The marker a participant adds to a line to say its details have been reviewed. */
export const REVIEWED_MARKER = '<!-- reviewed -->';

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
  templateLines?: ReadonlySet<string>;
}

/** The line breaks a participant's editor may write: CRLF, LF, or CR alone. */
export const LINE_BREAK = /\r\n|\r|\n/;

/** A text's lines, split as the participant sees them (LF, CRLF or CR). */
export function splitLines(text: string): string[] {
  return text.split(LINE_BREAK);
}

/** The set of a template's lines, trimmed, for FindOptions.templateLines. */
export function templateLineSet(...templates: string[]): Set<string> {
  const set = new Set<string>();
  for (const t of templates) {
    for (const line of splitLines(t.charCodeAt(0) === 0xfeff ? t.slice(1) : t)) {
      const trimmed = line.trim();
      if (trimmed !== '') set.add(trimmed);
    }
  }
  return set;
}

// ---------------------------------------------------------------------------
// Reviewed marker: `<!-- reviewed -->`, `<!--Reviewed-->`, `<!-- reviewed: my own work e-mail -->`

const REVIEWED_OPEN = /<!--[ \t]*reviewed(?![A-Za-z0-9_])/i;

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

/** What matched, on one line for a message. */
const shown = (t: string) => t.replace(/\s+/g, ' ');

const messages = {
  name: (t: string) =>
    `"${shown(t)}" is on your private names list; replace it with a pseudonym or initial, ${REVIEW_HINT}`,
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
// Detectors. Each takes one line and returns candidates as offsets into it.

/** An ISBN is found so that nothing else claims its digits; it is never reported. */
type CandidateKind = DetailKind | 'isbn';

interface Candidate {
  start: number;
  end: number;
  kind: CandidateKind;
  message: string;
}

/** When two candidates overlap, the kind earlier in this list wins. */
const PRIORITY: readonly CandidateKind[] = ['isbn', 'email', 'nhs-number', 'ni-number', 'date-of-birth', 'phone', 'postcode', 'name'];

// Word boundaries are written with ASCII classes, and a match next to a
// non-ASCII letter or digit is then refused in code (bounded() below): Unicode
// property classes in a dozen patterns cost tens of milliseconds to compile on
// every run, and every verify pays that before reading a line.
const W = '[A-Za-z0-9_]';
/** White space within a line: space, tab, no-break spaces. */
const S = '[ \\t\\u00a0\\u202f]';
/** Between the groups of a number: one or two spaces, or a dash or dot with a space either side or none. */
const GROUP_SEP = `(?:${S}{1,2}|${S}?[-.\\u2010\\u2011\\u2013]${S}?)`;
let unicodeWord: RegExp | undefined;
const isUnicodeWordChar = (ch: string | undefined) =>
  ch !== undefined && ch.charCodeAt(0) >= 128 && (unicodeWord ??= new RegExp(`^${WORD_CHAR}`, 'u')).test(ch);

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

// --- ISBN -------------------------------------------------------------------

// "ISBN 0-19-852663-6", "ISBN-13: 978 1 84905 123 4", and a bare 13-digit 978/979 number.
const ISBN_CUED = /(?<![A-Za-z])ISBN(?:[- ]?1[03])?:?[ \t\u00a0]*[0-9](?:[ \t\u00a0-]?[0-9]){8,11}(?:[ \t\u00a0-]?[0-9Xx])(?![0-9])/gi;
const ISBN_13 = /(?<![0-9])97[89](?:[ \t\u00a0-]?[0-9]){10}(?![0-9])/g;

function isValidIsbn13(digits: string): boolean {
  if (!/^\d{13}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += Number(digits[i]) * (i % 2 === 0 ? 1 : 3);
  return sum % 10 === 0;
}

function findIsbns(line: string, out: Candidate[]): void {
  if (/isbn/i.test(line)) {
    for (const m of bounded(ISBN_CUED, line)) out.push({ start: m.index, end: m.index + m[0].length, kind: 'isbn', message: '' });
  }
  for (const m of bounded(ISBN_13, line)) {
    if (isValidIsbn13(m[0].replace(/\D/g, ''))) out.push({ start: m.index, end: m.index + m[0].length, kind: 'isbn', message: '' });
  }
}

// --- E-mail -------------------------------------------------------------------

// An address is found from its "at": "@" (spaces around it or not), "(at)",
// "[at]", or the word "at"; then the domain after it, whose dots may be
// written "dot", "(dot)" or "[dot]"; then the local part before it. Letters
// include accented Latin, Greek and Cyrillic ones.
const L = 'A-Za-z0-9\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u024f\\u0370-\\u03ff\\u0400-\\u04ff';
// No i flag: case-insensitive classes of non-ASCII ranges take milliseconds to compile.
const AT = new RegExp(`${S}{0,2}(?:@|[([{<]${S}?[aA][tT]${S}?[)\\]}>])${S}{0,2}|${S}{1,2}[aA][tT]${S}{1,2}`, 'g');
const DOT = `(?:\\.|${S}{1,2}\\.${S}{1,2}|${S}{0,2}[([{<]${S}?[dD][oO][tT]${S}?[)\\]}>]${S}{0,2}|${S}{1,2}[dD][oO][tT]${S}{1,2})`;
const DOMAIN_LABEL = `[${L}](?:[${L}-]{0,61}[${L}])?`;
const DOMAIN = new RegExp(`(?:${DOMAIN_LABEL}${DOT}){1,6}([A-Za-z]{2,24})(?![${L}_-])(?!\\.[${L}])`, 'y');
const LOCAL_LABEL = `[${L}_%+-][${L}_%+'-]{0,63}`;
const LOCAL = new RegExp(`(?<![${L}_%+.-])${LOCAL_LABEL}(?:${DOT}${LOCAL_LABEL}){0,8}$`);
/** Top-level domains accepted after the bare word "at" (not "at home dot"). */
const COMMON_TLDS = new Set(
  'com org net uk edu gov io me info biz co ie eu de fr es it nl be pl pt se no dk fi ch at us ca au nz in scot wales cymru london online email'.split(' '),
);
const EMAIL_CUE = /(?<![A-Za-z])(?:e-?mail(?:ed|s)?|mail|address)(?![A-Za-z])/i;

function findEmails(line: string, out: Candidate[]): void {
  AT.lastIndex = 0;
  for (let m = AT.exec(line); m; m = AT.exec(line)) {
    const atStart = m.index;
    const atEnd = m.index + m[0].length;
    DOMAIN.lastIndex = atEnd;
    const domain = DOMAIN.exec(line);
    if (!domain) continue;
    // The local part: at most 200 characters back, ending where the "at" begins.
    const local = LOCAL.exec(line.slice(Math.max(0, atStart - 200), atStart));
    if (!local) continue;
    const start = atStart - local[0].length;
    const end = atEnd + domain[0].length;
    const word = !m[0].includes('@') && !/[([{<]/.test(m[0]);
    if (word) {
      // "at" as a word is most often just "at": ask for an address's other signs.
      const tld = (domain[1] ?? '').toLowerCase();
      const dotWords = /dot/i.test(domain[0]) || /dot/i.test(local[0]);
      const localLooksLikeAddress = /[._%+0-9-]/.test(local[0]);
      if (!COMMON_TLDS.has(tld) || /^www\b/i.test(domain[0])) continue;
      if (!dotWords && !localLooksLikeAddress && !EMAIL_CUE.test(line)) continue;
      if (/^(?:the|a|an|at|dot)$/i.test(local[0])) continue;
    }
    if (isUnicodeWordChar(line[end]) || isUnicodeWordChar(line[start - 1])) continue;
    out.push({ start, end, kind: 'email', message: messages.email(line.slice(start, end)) });
    AT.lastIndex = end;
  }
}

// --- NHS number -----------------------------------------------------------------

// Ten digits, run together or in groups of two or more with one kind of
// separator (one or two spaces, a dash, a dot), not part of a longer number,
// and passing the modulus-11 check digit. A label may come straight before
// it ("NHS:9434765919", "NHSno9434765919").
const NHS = new RegExp(
  `(?<![0-9])(?<![0-9]${GROUP_SEP})(?:[0-9]{10}|[0-9]{2,8}(${GROUP_SEP})[0-9]{2,8}(?:\\1[0-9]{2,8}){0,3})(?![0-9])(?!${GROUP_SEP}[0-9])`,
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

function findNhsNumbers(line: string, out: Candidate[]): void {
  NHS.lastIndex = 0;
  for (let m = NHS.exec(line); m; m = NHS.exec(line)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length !== 10 || !isValidNhsNumber(digits)) continue;
    if (isUnicodeWordChar(line[m.index + m[0].length])) continue;
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'nhs-number', message: messages.nhs(m[0]) });
  }
}

// --- National Insurance number ------------------------------------------------------

// Prefix letters (first not D F I Q U V; second not D F I O Q U V), six
// digits in pairs or threes with a space, two, a dash or a dot between or
// none, and a suffix A-D; any case. Prefixes BG GB KN NK NT TN ZZ are never
// issued. Without its suffix it is taken only after a cue ("NI", "NINO",
// "National Insurance").
const NI_SEP = `${GROUP_SEP}?`;
const NI = new RegExp(
  `(?<!${W})([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])${NI_SEP}(?:[0-9]{2}${NI_SEP}[0-9]{2}${NI_SEP}[0-9]{2}|[0-9]{3}${NI_SEP}[0-9]{3})(?:${NI_SEP}([A-D]))?(?!${W})`,
  'gi',
);
const NI_NOT_ISSUED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);
const NI_CUE = /(?<![A-Za-z])(?:NI|NINO|N\.I\.|national[ \t]+insurance)(?![A-Za-z])/i;

function findNiNumbers(line: string, out: Candidate[]): void {
  for (const m of bounded(NI, line)) {
    const prefix = (m[1] ?? '').toUpperCase();
    if (NI_NOT_ISSUED.has(prefix)) continue;
    if (m[2] === undefined && !NI_CUE.test(line.slice(Math.max(0, m.index - 40), m.index))) continue;
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'ni-number', message: messages.ni(m[0]) });
  }
}

// --- Postcode ---------------------------------------------------------------------

// Outward A9, A99, A9A, AA9, AA99, AA9A with the letters allowed in each
// position; inward 9AA whose letters exclude C I K M O V; between them up to
// three spaces (any kind) or a hyphen; or GIR 0AA. Whole words, any case.
const PC_SEP = `(?:${S}{0,3}|${S}?[-\\u2010\\u2011\\u2013]${S}?)`;
const POSTCODE = new RegExp(
  `(?<!${W})(?:(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])${PC_SEP}[0-9][ABD-HJLNP-UW-Z]{2}|GIR${PC_SEP}0AA)(?!${W})`,
  'gi',
);

function findPostcodes(line: string, out: Candidate[]): void {
  for (const m of bounded(POSTCODE, line)) {
    const t = m[0];
    // "Y6 2nd", "KS2 4th": an upper-case code followed by a lower-case ordinal is not a postcode.
    const inward = t.slice(-3);
    if (/^\d(?:st|nd|rd|th)$/.test(inward) && /[A-Z]/.test(t.slice(0, -3))) continue;
    out.push({ start: m.index, end: m.index + t.length, kind: 'postcode', message: messages.postcode(t) });
  }
}

// --- Phone number -----------------------------------------------------------------

// +44, 0044 or (+44), optionally followed by "(0)"; or a bracketed "(0…)"
// area code; or a leading 0; then digit groups separated by one or two
// spaces, a dash or a dot. The regex finds phone-shaped text; the digit
// count is checked in code, trimming trailing groups that belong to
// something else.
const PHONE = new RegExp(
  `(?<![A-Za-z0-9_+])(?<![0-9][./-])(?:(?:(?:\\+|00)${S}?44|\\(\\+?44\\))${GROUP_SEP}?(?:\\(0\\)${GROUP_SEP}?)?|\\(0[0-9]{1,5}\\)${GROUP_SEP}?|0)[0-9]{1,10}(?:${GROUP_SEP}[0-9]{2,8}){0,4}(?![A-Za-z0-9_])`,
  'g',
);
const TRAILING_GROUP = new RegExp(`${GROUP_SEP}[0-9]+$`);

/**
 * Whether the national significant number (the digits after the trunk 0 or
 * 44) has a valid UK length for a geographic (01, 02) or mobile (07) number.
 * Freephone, shared-cost and premium numbers (03, 08, 09) are organisations',
 * not a family's, and are not reported.
 */
function validNationalNumber(national: string): boolean {
  const first = national[0];
  if (first === undefined || !'1257'.includes(first)) return false;
  if (national.length === 10) return true;
  // Nine digits: some 01 area numbers (e.g. 016977 xxxx).
  return national.length === 9 && first === '1';
}

function phoneNational(candidate: string): string | null {
  const digits = candidate.replace(/\D/g, '');
  let national: string;
  if (/^\(?\+/.test(candidate)) national = digits.slice(2);
  else if (candidate.startsWith('00')) national = digits.slice(4);
  else if (digits.startsWith('0')) return digits.slice(1);
  else return null;
  return national.startsWith('0') ? national.slice(1) : national; // "+44 (0)20 …"
}

function findPhones(line: string, out: Candidate[]): void {
  for (const m of bounded(PHONE, line)) {
    let candidate = m[0];
    // Trim trailing groups ("0161 496 0000 21 children") until the length is valid.
    for (;;) {
      const national = phoneNational(candidate);
      if (national !== null && validNationalNumber(national)) {
        const next = line[m.index + candidate.length];
        // A trimmed candidate must not stop part-way through a number.
        if (next === undefined || !/\d/.test(next)) {
          out.push({ start: m.index, end: m.index + candidate.length, kind: 'phone', message: messages.phone(candidate) });
        }
        break;
      }
      const cut = candidate.search(TRAILING_GROUP);
      if (cut <= 0) break;
      candidate = candidate.slice(0, cut);
    }
  }
}

// --- Dates of birth -----------------------------------------------------------------

// Numeric day-month-year (/, ., - used consistently), ISO year-month-day,
// "15 April 1999", "15th of April '99", "April 15, 1999", eight digits
// (15041999), and a day and month without a year ("her birthday is 3 May").
// Which of them is reported depends on the words around it (dateContext).
const MONTH_NAMES =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const SP = `${S}{1,3}`;
const YEAR = `([0-9]{4}|['\\u2018\\u2019][0-9]{2})`;
const NUMERIC_DMY = new RegExp(
  `(?<!${W})(?<![0-9][./-])([0-9]{1,2})([/.-])([0-9]{1,2})\\2([0-9]{4}|['\\u2018\\u2019]?[0-9]{2})(?!${W})(?![./-][0-9])`,
  'g',
);
const NUMERIC_YMD = new RegExp(`(?<!${W})(?<![0-9][./-])([0-9]{4})([/.-])([0-9]{1,2})\\2([0-9]{1,2})(?!${W})(?![./-][0-9])`, 'g');
const NUMERIC_DM = new RegExp(`(?<!${W})(?<![0-9][./-])([0-9]{1,2})([/.])([0-9]{1,2})(?!${W})(?![./-][0-9])`, 'g');
const EIGHT_DIGITS = new RegExp(`(?<!${W})([0-9]{8})(?!${W})`, 'g');
const TEXT_DMY = new RegExp(
  `(?<!${W})([0-9]{1,2})(?:st|nd|rd|th)?(?:${SP}of)?(?:${SP}|-)(${MONTH_NAMES})\\.?,?(?:${SP}|-)${YEAR}(?!${W})`,
  'gi',
);
const TEXT_MDY = new RegExp(`(?<!${W})(${MONTH_NAMES})\\.?${SP}([0-9]{1,2})(?:st|nd|rd|th)?,?${SP}${YEAR}(?!${W})`, 'gi');
const TEXT_DM = new RegExp(`(?<!${W})([0-9]{1,2})(?:st|nd|rd|th)?(?:${SP}of)?(?:${SP}|-)(${MONTH_NAMES})(?![A-Za-z0-9_])`, 'gi');
const TEXT_MD = new RegExp(
  `(?<!${W})(${MONTH_NAMES})\\.?${SP}(?:the${SP})?([0-9]{1,2})(?:st|nd|rd|th)?(?![A-Za-z0-9_])(?!,?${SP}[0-9'\\u2018\\u2019])(?!${SP}(?:years?|months?|weeks?|days?)(?![A-Za-z]))`,
  'gi',
);

/** Birth cues: born, birth, DOB, D.O.B., date of birth, birth date, birthday, "b." straight before. */
const BIRTH_CUE = /(?<![A-Za-z])(?:born|birth(?:[ \t-]?date)?|birthdays?|d\.?[ \t]?o\.?[ \t]?b\.?|date[ \t]+of[ \t]+birth)(?![A-Za-z])/i;
const B_DOT = /(?<![A-Za-z])b\.[ \t]*$/i;
/** An age: "aged 7", "age 3", "7 years old", "seven-year-old", "18 months old", "turned 5". */
const AGE_CUE =
  /(?<![A-Za-z])(?:aged?[ \t]*[0-9]{1,2}|(?:[0-9]{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)[ \t-](?:years?|yrs?|months?|weeks?)[ \t-]old|turn(?:ed|s|ing)[ \t]+(?:[0-9]{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen))(?![A-Za-z])/i;
/** Words before a date that make it the date of something other than a birth. */
const EVENT_CUE_BEFORE =
  /(?<![A-Za-z])(?:judg(?:e)?ments?|handed[ \t]+down|heard|hearings?|court|tribunal|force|commence(?:d|s|ment)?|enacted|assent|amended|made|published|publication|updated|revised|issued|accessed|retrieved|viewed|consulted|available|courses?|workshops?|seminars?|webinars?|conferences?|training|sessions?|lectures?|modules?|units?|supervision|meetings?|reviews?|visits?|deadline|submitted|submission|due|assignments?|cohort|panels?|consultation|guidance|report|polic(?:y|ies)|act|regulations?|orders?|version|edition|press|journal|vol|volume|issue|doi|dated|diary|log|notes?|minutes|agenda|week[ \t]+commencing|w\/c|w\/e|term|start|started|starts|starting|end|began|begins|ended|ends|closed|opened|attended|held|ran|run|booked|scheduled|timetabled|planned|arranged)(?![A-Za-z])/i;
/** Words after a date that make it the date of something other than a birth. */
const EVENT_CUE_AFTER = /^[^.;]{0,40}?(?<![A-Za-z])(?:came[ \t]+into[ \t]+force|comes[ \t]+into[ \t]+force|in[ \t]+force|commenced|was[ \t]+published|judgment|workshop|session|course|seminar|webinar|training|supervision|meeting|hearing)(?![A-Za-z])/i;
/** A preposition straight before a date: "on 3 May 2021", "from 1 April 2014", "between … and …". */
const PREPOSITION_BEFORE = /(?<![A-Za-z])(?:on|by|from|until|till|since|before|after|between|and|to|dated|during|at|of|in|for|w\/c|commencing|ending|–|-)[ \t\u00a0]*\(?$/i;
/** A case citation nearby: "[2013] EWCA Civ 1146", "[2015] EWFC 11", "[2014] 1 FLR 123". */
const CITATION = /\[(?:19|20)[0-9]{2}\][ \t]*(?:[0-9][ \t]*)?(?:UKSC|UKHL|UKPC|EWCA|EWHC|EWFC|EWCOP|UKUT|UKFTT|FLR|WLR|FCR|All[ \t]?ER|Fam|AC|CCLR)/;
/** Nothing before the date on its line but markdown's markup: a diary or log heading. */
const LINE_START = /^[ \t>#*_\-+|0-9.)]*$/;
const CUE_WINDOW = 60;

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

/** A year as written: four digits, or two (with or without an apostrophe), as 19xx or 20xx. */
function readYear(y: string): { year: number; short: boolean; apostrophe: boolean } {
  const apostrophe = /^['\u2018\u2019]/.test(y);
  const digits = y.replace(/\D/g, '');
  if (digits.length === 4) return { year: Number(digits), short: false, apostrophe };
  const n = Number(digits);
  return { year: n <= 40 ? 2000 + n : 1900 + n, short: true, apostrophe };
}

/** How a date's words place it: a birth, something else, or unknown. */
function dateContext(line: string, start: number, end: number): 'birth' | 'age' | 'event' | 'none' {
  const before = line.slice(Math.max(0, start - CUE_WINDOW), start);
  const after = line.slice(end, end + 40);
  if (BIRTH_CUE.test(before) || BIRTH_CUE.test(after) || B_DOT.test(before)) return 'birth';
  if (AGE_CUE.test(before) || AGE_CUE.test(after)) return 'age';
  if (EVENT_CUE_BEFORE.test(before) || EVENT_CUE_AFTER.test(after) || PREPOSITION_BEFORE.test(before)) return 'event';
  if (LINE_START.test(line.slice(0, start))) return 'event';
  const near = line.slice(Math.max(0, start - 100), end + 100);
  if (CITATION.test(near)) return 'event';
  return 'none';
}

/**
 * Decide on a date found in a line. A date with a birth cue or an age
 * nearby is reported as a date of birth; a full date with a four-digit (or
 * apostrophe) year in 1990-2035 and no sign of being another event's is
 * reported as a date that could identify; the shorter forms (two-digit year,
 * eight digits, no year) only with a birth cue (or an age, but for no year).
 */
function pushDate(line: string, out: Candidate[], start: number, matched: string, form: 'full' | 'short' | 'no-year', year: number): void {
  const end = start + matched.length;
  const context = dateContext(line, start, end);
  if (context === 'birth' || (context === 'age' && form !== 'no-year')) {
    if (form !== 'no-year' && (year < 1900 || year > 2099)) return;
    out.push({ start, end, kind: 'date-of-birth', message: messages.dob(matched) });
  } else if (context === 'none' && form === 'full' && year >= 1990 && year <= 2035) {
    out.push({ start, end, kind: 'date-of-birth', message: messages.date(matched) });
  }
}

// Two of one separator around a day or month: "3/4/19", "2019-04-15" (not "2016-2019" or "1.2").
const MAY_BE_NUMERIC_DATE = /\d([/.-])\d{1,2}\1['\u2018\u2019]?\d/;
// A month's name next to a day (not "%20oct" in an address, nor "May 2014").
const MAY_BE_TEXT_DATE =
  /\d(?:st|nd|rd|th)?(?:[ \t\u00a0\u202f]{1,3}of)?(?:[ \t\u00a0\u202f]{1,3}|-)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ \t\u00a0\u202f]{1,3}(?:the[ \t\u00a0\u202f]{1,3})?\d{1,2}(?!\d)/i;

function findDates(line: string, out: Candidate[]): void {
  if (MAY_BE_NUMERIC_DATE.test(line)) findNumericDates(line, out);
  if (MAY_BE_TEXT_DATE.test(line)) findNamedDates(line, out);
  // The short forms need a birth cue, so look for them only on a line that has one.
  if (BIRTH_CUE.test(line) || /(?<![A-Za-z])b\./i.test(line)) findCuedShortDates(line, out);
}

function findNumericDates(line: string, out: Candidate[]): void {
  for (const m of bounded(NUMERIC_DMY, line)) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const { year, short, apostrophe } = readYear(m[4] ?? '');
    // dd/mm/yyyy is the UK order, but a US-order date is still a date.
    if (!(isRealDate(year, b, a) || isRealDate(year, a, b))) continue;
    pushDate(line, out, m.index, m[0], short && !apostrophe ? 'short' : 'full', year);
  }
  for (const m of bounded(NUMERIC_YMD, line)) {
    // "/2019/04/15/" is a URL path (a publication date), not a person's date.
    if (m[2] === '/' && line[m.index - 1] === '/' && line[m.index + m[0].length] === '/') continue;
    const year = Number(m[1]);
    if (isRealDate(year, Number(m[3]), Number(m[4]))) pushDate(line, out, m.index, m[0], 'full', year);
  }
}

function findNamedDates(line: string, out: Candidate[]): void {
  for (const m of bounded(TEXT_DMY, line)) {
    const { year } = readYear(m[3] ?? '');
    if (isRealDate(year, monthNumber(m[2] ?? ''), Number(m[1]))) pushDate(line, out, m.index, m[0], 'full', year);
  }
  for (const m of bounded(TEXT_MDY, line)) {
    const { year } = readYear(m[3] ?? '');
    if (isRealDate(year, monthNumber(m[1] ?? ''), Number(m[2]))) pushDate(line, out, m.index, m[0], 'full', year);
  }
}

function findCuedShortDates(line: string, out: Candidate[]): void {
  for (const m of bounded(EIGHT_DIGITS, line)) {
    const d = m[1] ?? '';
    const dmy = isRealDate(Number(d.slice(4)), Number(d.slice(2, 4)), Number(d.slice(0, 2)));
    const ymd = isRealDate(Number(d.slice(0, 4)), Number(d.slice(4, 6)), Number(d.slice(6)));
    if (dmy) pushDate(line, out, m.index, m[0], 'short', Number(d.slice(4)));
    else if (ymd) pushDate(line, out, m.index, m[0], 'short', Number(d.slice(0, 4)));
  }
  // A leap day is a real day and month in some year.
  for (const m of bounded(NUMERIC_DM, line)) {
    if (isRealDate(2000, Number(m[3]), Number(m[1]))) pushDate(line, out, m.index, m[0], 'no-year', 0);
  }
  for (const m of bounded(TEXT_DM, line)) {
    if (isRealDate(2000, monthNumber(m[2] ?? ''), Number(m[1]))) pushDate(line, out, m.index, m[0], 'no-year', 0);
  }
  for (const m of bounded(TEXT_MD, line)) {
    if (isRealDate(2000, monthNumber(m[1] ?? ''), Number(m[2]))) pushDate(line, out, m.index, m[0], 'no-year', 0);
  }
}

// --- Names ------------------------------------------------------------------------

const COMBINING_MARK = /[\u0300-\u036f]/;

function findNames(body: string, names: readonly string[], out: Candidate[]): void {
  // Combining marks after letters only where the text has any (rarely): a smaller pattern compiles quicker.
  const regex = buildNamesRegex(names, COMBINING_MARK.test(body));
  if (!regex) return;
  // Matched in the text with its accents folded away (the same length, so the same offsets).
  for (const m of bounded(regex, foldAccents(body))) {
    const written = body.slice(m.index, m.index + m[0].length);
    // A name made only of everyday words counts only with its capitals: "Will Hope", not "will hope".
    const capital = (w: string) => w.charAt(0) !== w.charAt(0).toLowerCase();
    if (isEverydayName(written) && !written.split(/[\s\-\u2010\u2011\u2013]+/).filter((w) => w !== '' && w !== '>').every(capital)) continue;
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'name', message: messages.name(body.slice(m.index, m.index + m[0].length)) });
  }
}

// ---------------------------------------------------------------------------
// The scan.

const LINE_BREAKS = /\r\n?|\n/g;
const DIGIT = /[0-9]/g;
const NOT_DIGITS = /\D+/g;
// An "at" of an address: "@", "(at)", "[at]", or the word "at" between words.
const MAY_BE_EMAIL = /@|[([{<][ \t]?at[ \t]?[)\]}>]|[ \t\u00a0]at[ \t\u00a0]/i;
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

/** Where each line starts and ends (before its line break), LF, CRLF and CR alike. */
function lineTable(body: string): { starts: number[]; ends: number[] } {
  const starts = [0];
  const ends: number[] = [];
  LINE_BREAKS.lastIndex = 0;
  for (let m = LINE_BREAKS.exec(body); m; m = LINE_BREAKS.exec(body)) {
    ends.push(m.index);
    starts.push(m.index + m[0].length);
  }
  ends.push(body.length);
  return { starts, ends };
}

/** The pattern detectors on one line of the participant's. */
function scanLine(line: string, local: Candidate[]): void {
  if (MAY_BE_EMAIL.test(line)) findEmails(line, local);
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
  const mayBeEmail = new RegExp(MAY_BE_EMAIL.source, 'gi');
  let nextDigit = DIGIT.test(body) ? DIGIT.lastIndex - 1 : -1;
  let nextAt = mayBeEmail.test(body) ? mayBeEmail.lastIndex - 1 : -1;
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
      mayBeEmail.lastIndex = after;
      nextAt = mayBeEmail.test(body) ? mayBeEmail.lastIndex - 1 : -1;
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
