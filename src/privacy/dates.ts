// Dates of birth: dates in each written form, told from the dates of
// judgments, statutes, publications and courses by the words around them.

import { bounded, type Candidate, S, W } from './candidates.js';
import { messages } from './messages.js';

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

export function findDates(line: string, out: Candidate[]): void {
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
