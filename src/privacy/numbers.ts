// Numbers that could identify someone: NHS and National Insurance numbers and
// UK phone numbers, and the ISBNs found only so that their digits are not.

import { bounded, type Candidate, GROUP_SEP, isUnicodeWordChar, S, W } from './candidates.js';
import { messages } from './messages.js';

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

export function findIsbns(line: string, out: Candidate[]): void {
  if (/isbn/i.test(line)) {
    for (const m of bounded(ISBN_CUED, line)) out.push({ start: m.index, end: m.index + m[0].length, kind: 'isbn', message: '' });
  }
  for (const m of bounded(ISBN_13, line)) {
    if (isValidIsbn13(m[0].replace(/\D/g, ''))) out.push({ start: m.index, end: m.index + m[0].length, kind: 'isbn', message: '' });
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

export function findNhsNumbers(line: string, out: Candidate[]): void {
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

export function findNiNumbers(line: string, out: Candidate[]): void {
  for (const m of bounded(NI, line)) {
    const prefix = (m[1] ?? '').toUpperCase();
    if (NI_NOT_ISSUED.has(prefix)) continue;
    if (m[2] === undefined && !NI_CUE.test(line.slice(Math.max(0, m.index - 40), m.index))) continue;
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'ni-number', message: messages.ni(m[0]) });
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

export function findPhones(line: string, out: Candidate[]): void {
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
