// Correcting a long answer starts from the text there, never from a blank:
// adding to it shows all of it and can carry on its last paragraph; shortening
// it in the terminal rewrites one paragraph chosen from the whole text.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { week } from '../../src/commands/week.js';
import { loadProgramme } from '../../src/programme/load.js';
import { entrySpecs } from '../../src/portfolio/layout.js';
import { parseEntry } from '../../src/portfolio/entry.js';
import { saveAnswer } from '../../src/guide/store.js';
import { newPortfolio, scriptedPrompter, testIO, type Step } from './scripted.js';

const cat = loadProgramme();
const FINISH = /to finish/i;
const WEEK = 'module-1/week-2.md';
const spec = entrySpecs(cat).find((s) => s.file === WEEK)!;

const slot = (dir: string, key: string) => parseEntry(readFileSync(join(dir, WEEK), 'utf8'), spec, cat).slots.get(key)?.raw.trim() ?? '';
const words = (n: number, w: string) => Array.from({ length: n }, (_, i) => `${w}${i}`).join(' ');

async function run(dir: string, steps: Step[], io = testIO(dir)) {
  const p = scriptedPrompter(steps);
  const code = await week(io, '1.2', { dir }, p);
  p.done();
  return { code, out: io.output(), asked: p.asked };
}

describe('adding to a long answer', () => {
  const long = `${words(60, 'first')}.\n\nThe second paragraph stops where I was interrupted and`;

  it('shows all of it, with no "…" cut, and carries on the last paragraph when it stopped mid-sentence', async () => {
    const dir = await newPortfolio();
    saveAnswer(dir, cat, spec, '3a', long);
    const r = await run(dir, [
      { select: 'What would you like to do?', answer: 3 },
      { select: 'Keep it, add to it, or replace it?', answer: 'add' },
      { select: 'Where does what you add go?', answer: 'on' },
      { multiline: FINISH, answer: 'could not finish the sentence.' },
      { select: 'What would you like to do?', answer: 'stop' },
    ]);
    expect(r.out).toContain('All of it, so you can see where it stops:');
    expect(r.out).toContain('first59.');
    expect(r.out).toContain('│ The second paragraph stops where I was interrupted and');
    const where = r.asked.find((a) => a.message === 'Where does what you add go?')!;
    expect(where.default).toBe('on');
    expect(where.choices!.map((c) => c.name)).toContain('Carrying on the last paragraph, after "…stops where I was interrupted and"');
    expect(slot(dir, '3a')).toBe(`${words(60, 'first')}.\n\nThe second paragraph stops where I was interrupted and could not finish the sentence.`);
    // the preview before the choice is never cut mid-line either
    expect(r.out).not.toMatch(/\S…\n/);
  });

  it('a new paragraph, when asked (the default after a finished sentence)', async () => {
    const dir = await newPortfolio();
    saveAnswer(dir, cat, spec, '3a', 'A finished thought.');
    const r = await run(dir, [
      { select: 'What would you like to do?', answer: 3 },
      { select: 'Keep it', answer: 'add' },
      { select: 'Where does what you add go?', answer: 'para' },
      { multiline: FINISH, answer: 'Another one.' },
      { select: 'What would you like to do?', answer: 'stop' },
    ]);
    expect(r.asked.find((a) => a.message === 'Where does what you add go?')!.default).toBe('para');
    expect(slot(dir, '3a')).toBe('A finished thought.\n\nAnother one.');
  });
});

describe('shortening a long answer over its limit, in the terminal', () => {
  it('shows every paragraph in full with its length, and rewrites only the one chosen', async () => {
    const dir = await newPortfolio();
    const p1 = `${words(200, 'one')}.`;
    const p2 = `${words(300, 'two')}.`;
    const p3 = 'A short last paragraph.';
    const r = await run(dir, [
      { select: 'What would you like to do?', answer: 5 },
      { multiline: FINISH, answer: [p1, p2, p3].join('\n\n') },
      { select: 'Shorten it now?', answer: true },
      { select: 'Which paragraph will you write shorter?', answer: 1 },
      { multiline: FINISH, answer: 'Two, said in a few words.' },
      { select: 'What would you like to do?', answer: 'stop' },
    ]);
    expect(r.out).toContain('(504 / 500 words)');
    expect(r.out).toContain('Paragraph 2 (300 words):');
    expect(r.out).toContain('two299.');
    expect(r.out).toMatch(/Paragraph 2:\n[\s\S]*two299\.\n[\s\S]*it replaces the one above/);
    const choices = r.asked.find((a) => a.message.startsWith('Which paragraph'))!.choices!.map((c) => c.name);
    expect(choices).toHaveLength(3);
    expect(choices[1]).toMatch(/^Paragraph 2 \(300 words\): two0 two1/);
    expect(r.out).toContain('(210 / 500 words)');
    expect(slot(dir, '5a')).toBe([p1, 'Two, said in a few words.', p3].join('\n\n'));
  });

  it('nothing typed for the paragraph keeps it all as it was', async () => {
    const dir = await newPortfolio();
    const text = `${words(300, 'one')}.\n\n${words(250, 'two')}.`;
    const r = await run(dir, [
      { select: 'What would you like to do?', answer: 5 },
      { multiline: FINISH, answer: text },
      { select: 'Shorten it now?', answer: true },
      { select: 'Which paragraph', answer: 0 },
      { multiline: FINISH, answer: '' },
      { select: 'What would you like to do?', answer: 'stop' },
    ]);
    expect(r.out).toContain('Kept it as it was.');
    expect(slot(dir, '5a')).toBe(text);
  });
});

describe('an editor setting mangled by YAML escapes', () => {
  it('is not run: the warning shows the setting in single quotes, and the answer is typed in the terminal', async () => {
    const dir = await newPortfolio();
    const io = testIO(dir, { tty: true, env: { EDITOR: 'C:\u2029rogram Files\u0085otepad++\notepad++.exe' } });
    const r = await run(dir, [{ select: 'What would you like to do?', answer: 3 }, { multiline: FINISH, answer: 'Typed here.' }, { select: 'What would you like to do?', answer: 'stop' }], io);
    expect(r.out).toContain('has a control character in it');
    expect(r.out.replace(/\s+/g, ' ')).toContain('("C:[U+2029]rogram Files[U+0085]otepad++[U+000A]otepad++.exe")');
    expect(r.out).toContain(`\n    editor: '"C:\\Program Files\\Notepad++\\notepad++.exe"'\n  Type your answer here instead.`);
    expect(slot(dir, '3a')).toBe('Typed here.');
  });
});
