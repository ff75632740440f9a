// The names on the participant's private list, found in the whole text (a
// name may run over a line break), accents and hyphens or not.

import { bounded, type Candidate } from './candidates.js';
import { messages } from './messages.js';
import { buildNamesRegex, foldAccents, isEverydayName } from './names.js';

const COMBINING_MARK = /[\u0300-\u036f]/;

export function findNames(body: string, names: readonly string[], out: Candidate[]): void {
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
