// Prose with no markdown in it is set without marked's lexer: the tokens it
// makes must be the ones marked makes, for every text the programme and the
// demo hold and for random prose, or the PDF would differ.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Lexer, type Token } from 'marked';
import { parse } from 'yaml';
import { ROOT } from '../helpers.js';
import { loadProgramme } from '../../src/programme/load.js';
import { plainParagraphs } from '../../src/render/markdown.js';

/** What the PDF is drawn from: each block's type and its inline tokens' types and text ('space' tokens draw nothing). */
function drawn(tokens: Token[]): unknown[] {
  return tokens
    .filter((t) => t.type !== 'space')
    .map((t) => ({ type: t.type, inline: ('tokens' in t && t.tokens ? t.tokens : []).map((i) => ({ type: i.type, text: 'text' in i ? i.text : undefined })) }));
}

const marked = (md: string) => drawn(new Lexer({ gfm: true, breaks: false }).lex(md));

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

describe('plain prose without the lexer', () => {
  it('gives marked’s tokens for every text in the programme and the demo', () => {
    const texts = [...strings(loadProgramme().programme), ...strings(parse(readFileSync(join(ROOT, 'content/demo/answers.yaml'), 'utf8')))];
    let plain = 0;
    for (const t of texts) {
      const mine = plainParagraphs(t);
      if (!mine) continue;
      plain++;
      expect(drawn(mine), t.slice(0, 80)).toEqual(marked(t));
    }
    // Most of it is prose: the lexer is left out for most texts.
    expect(plain).toBeGreaterThan(texts.length / 2);
  });

  it('gives marked’s tokens for random prose, and leaves anything with markup to marked', () => {
    const alphabet = fc.constantFrom(...'abc XYZ  ,.;:?()\'"–—’“”éß0123\n\n\r\n-*_#>1.[]!&<@'.split(''), 'www.', 'http:', '  \n', '    ');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 80 }).map((xs) => xs.join('')), (md) => {
        const mine = plainParagraphs(md);
        if (mine) expect(drawn(mine)).toEqual(marked(md));
      }),
      { numRuns: 3000, seed: 20261202 },
    );
    for (const md of ['*stress*', '1. first', '# heading', 'a  \nb', '> quote', 'Text\n===', 'see www.example.org', 'me@example.org', '    code', 'A | B']) expect(plainParagraphs(md), md).toBeUndefined();
  });
});
