// UK postcodes, found from the postcode grammar: which letters may stand in
// each place of the outward and inward codes.

import { bounded, type Candidate, S, W } from './candidates.js';
import { messages } from './messages.js';

// Outward A9, A99, A9A, AA9, AA99, AA9A with the letters allowed in each
// position; inward 9AA whose letters exclude C I K M O V; between them up to
// three spaces (any kind) or a hyphen; or GIR 0AA. Whole words, any case.
const PC_SEP = `(?:${S}{0,3}|${S}?[-\\u2010\\u2011\\u2013]${S}?)`;
const POSTCODE = new RegExp(
  `(?<!${W})(?:(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])${PC_SEP}[0-9][ABD-HJLNP-UW-Z]{2}|GIR${PC_SEP}0AA)(?!${W})`,
  'gi',
);

export function findPostcodes(line: string, out: Candidate[]): void {
  for (const m of bounded(POSTCODE, line)) {
    const t = m[0];
    // "Y6 2nd", "KS2 4th": an upper-case code followed by a lower-case ordinal is not a postcode.
    const inward = t.slice(-3);
    if (/^\d(?:st|nd|rd|th)$/.test(inward) && /[A-Z]/.test(t.slice(0, -3))) continue;
    out.push({ start: m.index, end: m.index + t.length, kind: 'postcode', message: messages.postcode(t) });
  }
}
