// Word counts decide whether a reflective study is over its limit: they must
// be right, and the same however the text is written.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countWords } from '../../src/assess/answers.js';

/** The rule written plainly: words between spaces, slashes, pipes and line breaks, as the text is read. */
function reference(text: string): number {
  let plain = text.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ').replace(/<https?:[^>\s]+>/g, ' link ').replace(/<\/?[a-z][^<>]*>/gi, ' ');
  // A line that is a link reference definition (a label with something in it, a colon, a destination) shows nothing.
  plain = plain.replace(/^[ \t]*\[(?![ xX]\])[^\]]*[^\s\]][^\]]*\]:[ \t]*\S+.*$/gm, ' ');
  plain = plain.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\[[ xX]\]/g, ' ').replace(/[|/\\]/g, ' ').replace(/[\u0085\u2028\u2029\r\v\f]/g, '\n');
  plain = plain.replace(/\p{Cf}/gu, '').replace(/^[ \t]*(?:[-*+]|\d+[.)])[ \t]+/gm, '');
  return plain.split(/\s+/u).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;
}

describe('countWords', () => {
  it.each([
    ['', 0],
    ['one', 1],
    ['  two   words  ', 2],
    ['re-read the child’s plan', 4],
    ['- a list\n- of items', 4],
    ['1. first\n2) second\n10. tenth', 3],
    ['1.\n2.', 2],
    ['- 1. nested marker', 3],
    ['In 2019 there were 3 visits.', 6],
    ['# Heading\n> quoted text', 3],
    ['a — b – c', 3],
    ['Zoë Ó’Brien, Łódź, Ελένη, Мария', 5],
    ['see [the guidance](https://example.org/a-very-long-path) now', 4],
    ['<!-- a comment of many words --> after', 1],
    ['- [x] done\n- [ ] not yet', 3],
    ['word\u00a0word\u2003word', 3],
    ['漢字 かな', 2],
    ['😀 🙂', 0],
    ['𝒜𝒷 text', 2],
    // As it will be read: entities resolved, markup gone, tables, slashes and breaks between words.
    ['one&#32;two&#x20;three&nbsp;four', 4],
    ['| a | b |\n|---|---|\n| c | d |', 4],
    ['one/two/three', 3],
    ['one<br>two<br/>three', 3],
    ['one\u0085two', 2],
    ['zero\u200bwidth', 1],
    ['<p></p>', 0],
    ['[//]: # (a hidden note of many words)', 0],
    // An empty label makes no definition: the line is text.
    ['[]:0', 1],
    ['[ ]: x', 1],
  ])('%j has %i words', (text, words) => {
    expect(countWords(text)).toBe(words);
  });

  it('agrees with the plain rule on any text', () => {
    const piece = fc.oneof(
      fc.string(),
      fc.constantFrom(' ', '\t', '\n', '\r\n', '\u2028', '\v', '\u00a0', '1.', '12)', '- ', '* ', '+ ', '> ', '# ', '[x]', '[ ]', '[a](b)', '<!-- c -->', '<https://x.org>', 'é', 'Ж', '😀', '\ufeff'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }).map((p) => p.join('')), (text) => {
        expect(countWords(text)).toBe(reference(text));
      }),
      { numRuns: 3000, seed: 20261202 },
    );
  });
});
