// E-mail addresses, as people write them: with "@", or with "at" and "dot"
// spelled out or bracketed to keep them from harvesters.

import { type Candidate, isUnicodeWordChar, S } from './candidates.js';
import { messages } from './messages.js';

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
// A domain's first label and what must follow it: DOMAIN with the rest left
// out. Most words after an "at" fail it, and it compiles in a fraction of
// DOMAIN's time, which a scan would otherwise pay on its first "at".
const MAY_BE_DOMAIN = new RegExp(`[${L}][${L}-]{0,62}(?:\\.[${L}]|${S}{1,2}(?:\\.|[dD][oO][tT])|${S}{0,2}[([{<])`, 'y');
const LOCAL_LABEL = `[${L}_%+-][${L}_%+'-]{0,63}`;
const LOCAL = new RegExp(`(?<![${L}_%+.-])${LOCAL_LABEL}(?:${DOT}${LOCAL_LABEL}){0,8}$`);
/** Top-level domains accepted after the bare word "at" (not "at home dot"). */
const COMMON_TLDS = new Set(
  'com org net uk edu gov io me info biz co ie eu de fr es it nl be pl pt se no dk fi ch at us ca au nz in scot wales cymru london online email'.split(' '),
);
const EMAIL_CUE = /(?<![A-Za-z])(?:e-?mail(?:ed|s)?|mail|address)(?![A-Za-z])/i;

export function findEmails(line: string, out: Candidate[]): void {
  AT.lastIndex = 0;
  for (let m = AT.exec(line); m; m = AT.exec(line)) {
    const atStart = m.index;
    const atEnd = m.index + m[0].length;
    MAY_BE_DOMAIN.lastIndex = atEnd;
    if (!MAY_BE_DOMAIN.test(line)) continue;
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
