// The answered rule (DESIGN.md, "What counts"): what is left after markup,
// comments, the programme's own text and invisible characters are removed
// must have letters in it. Tried with every form a careless or hostile
// participant has been seen to write, and with random ones.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { answerText, countWords, isAnswered, readRating } from '../../src/assess/answers.js';
import { loadProgramme } from '../../src/programme/load.js';

const cat = loadProgramme();
const week12 = cat.programme.modules[0]!.weeks[1]!;
const study = week12.tasks.find((t) => t.number === 5)!.fields[0]!; // the reflective study, with its prompt
const vignette = week12.tasks.find((t) => t.number === 2)!.fields[0]!; // a response to a vignette, with its text
const prompt = study.prompt!;

describe('the answered rule', () => {
  it.each([
    ['a full stop', '.'],
    ['a dash', '-'],
    ['punctuation', '… — ; ! ?'],
    ['a zero-width space', '\u200b'],
    ['a word joiner', '\u2060'],
    ['a Hangul filler', '\u3164'],
    ['a byte-order mark and soft hyphen', '\ufeff\u00ad'],
    ['an unclosed comment', '<!-- I will write this later'],
    ['a comment', '<!-- draft: the child said that -->'],
    ['empty HTML', '<p></p>'],
    ['HTML with a break', '<div><br/></div>'],
    ['a hidden reference', '[//]: # (my notes)'],
    ['a list of nothing', '-\n-\n*'],
    ['entities of nothing', '&nbsp;&#8203;&#32;'],
    ['the prompt copied', prompt],
    ['the prompt without its full stop', prompt.replace(/\.\s*$/, '')],
    ['the prompt quoted', `> ${prompt}`],
    ['the prompt in bold', `**${prompt}**`],
    ['the vignette copied', vignette.context!.text],
  ])('%s is not an answer', (_, text) => {
    const field = text === vignette.context!.text ? vignette : study;
    expect(isAnswered(field, text)).toBe(false);
  });

  it.each([
    ['a word', 'Yes'],
    ['a short answer', 'Not yet.'],
    ['an answer that begins with a quotation', '> "We want them home, together," the grandmother said.\n\nThat stayed with me.'],
    ['an answer in Greek', 'Ελένη'],
    ['a sentence above the vignette', `I kept thinking of my own case.\n\n${vignette.context!.text}`],
    ['a few words of the prompt in my own sentence', 'A short reflective study.'],
  ])('%s is an answer', (_, text) => {
    const field = text.includes(vignette.context!.text.slice(0, 40)) ? vignette : study;
    expect(isAnswered(field, text)).toBe(true);
  });

  it('random markup, invisible characters and the programme’s text are never an answer; adding letters of one’s own always is', () => {
    const noise = fc.constantFrom('', ' ', '\n', '.', '-', '*', '**', '_', '#', '> ', '|', '/', '\u200b', '\u2060', '\u3164', '\ufeff', '&nbsp;', '&#8203;', '<br>', '<p>', '</p>', '<!-- x -->', '\n[//]: # (x)\n', '1. ', '- [ ] ', '---', '`', '~~', '\t', '…', '—');
    const programme = fc.constantFrom(prompt, prompt.replace(/\.\s*$/, ''), `> ${prompt}`, `**${prompt}**`);
    const text = fc.tuple(fc.array(noise, { maxLength: 12 }), fc.option(programme), fc.array(noise, { maxLength: 12 })).map(([a, p, b]) => `${a.join('')}${p ? `\n${p}\n` : ''}${b.join('')}`);
    const own = fc.constantFrom('I', 'Yes', 'Zoë', 'plan', 'Мария', 'The child was heard.');
    fc.assert(
      fc.property(text, own, (t, word) => {
        expect(isAnswered(study, t)).toBe(false);
        expect(isAnswered(study, `${t}\n\n${word}`)).toBe(true);
      }),
      { numRuns: 2000, seed: 20261202 },
    );
  });
});

describe('the participant’s words, and only theirs', () => {
  it('a sentence written above a copied vignette: the vignette is not counted as theirs', () => {
    const mine = 'I kept thinking of my own case.';
    const text = `${mine}\n\n> ${vignette.context!.text.replace(/\s+/g, ' ')}`;
    expect(answerText(text, vignette)).toBe(mine);
    expect(countWords(answerText(text, vignette))).toBe(7);
  });
});

describe('ratings people write', () => {
  it.each([
    ['4', 4],
    ['4/5', 4],
    ['**4**', 4],
    ['4 - fairly confident', 4],
    ['4 – fairly confident', 4],
    ['four', 4],
    ['Five', 5],
    ['1', 1],
  ])('"Confidence (1-5): %s" is %i', (written, value) => {
    expect(readRating(`Confidence (1-5): ${written}`)).toEqual({ value });
  });

  it.each(['3.5', '7', '0', 'very', '4.0.1', 'six'])('"Confidence (1-5): %s" is not a rating, and says what was written', (written) => {
    expect(readRating(`Confidence (1-5): ${written}`)).toEqual({ value: null, written });
  });

  it('an empty rating line is simply not rated', () => {
    expect(readRating('Confidence (1-5):')).toEqual({ value: null });
    expect(readRating('no rating line at all')).toEqual({ value: null });
  });
});
