// Typed text survives the terminal going away: each line of a long answer is
// on disk (private/drafts/) before the next is asked, and the next time that
// answer is asked, what was kept is shown in full and can be taken up.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { week } from '../../src/commands/week.js';
import { loadProgramme } from '../../src/programme/load.js';
import { entrySpecs } from '../../src/portfolio/layout.js';
import { parseEntry } from '../../src/portfolio/entry.js';
import { listDrafts } from '../../src/guide/drafts.js';
import { saveAnswer } from '../../src/guide/store.js';
import { readMultiline, TerminalClosed } from '../../src/ui/multiline.js';
import { newPortfolio, scriptedPrompter, testIO, type Step } from './scripted.js';

const cat = loadProgramme();
const FINISH = /to finish/i;
const WEEK = 'module-1/week-2.md';
const DRAFT = 'private/drafts/module-1-week-2-3a.md';

function slot(dir: string, key: string): string {
  const spec = entrySpecs(cat).find((s) => s.file === WEEK)!;
  const entry = parseEntry(readFileSync(join(dir, WEEK), 'utf8'), spec, cat);
  expect(entry.problems).toEqual([]);
  return entry.slots.get(key)?.raw.trim() ?? '';
}

/** The terminal going away mid-answer: the prompter fails as a dead terminal does, with no Ctrl-C. */
class TerminalGone extends Error {}

/** Types `lines` one by one (no multi-line method); at the line after the last, the terminal goes away. Records the draft seen before each line. */
async function typeThenVanish(dir: string, steps: Step[], lines: string[]) {
  const seen: string[] = [];
  const p = scriptedPrompter(steps, { multiline: false });
  const scripted = p.input.bind(p);
  let typed = 0;
  p.input = async (q) => {
    if (q.message !== '›') return scripted(q);
    seen.push(existsSync(join(dir, DRAFT)) ? readFileSync(join(dir, DRAFT), 'utf8') : '');
    if (typed === lines.length) throw new TerminalGone('the terminal closed');
    return lines[typed++]!;
  };
  const err = await week(testIO(dir), '1.2', { dir }, p).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(TerminalGone);
  return seen;
}

async function run(dir: string, steps: Step[]) {
  const p = scriptedPrompter(steps);
  const io = testIO(dir);
  const code = await week(io, '1.2', { dir }, p);
  p.done();
  return { code, out: io.output(), asked: p.asked };
}

describe('a long answer typed in the terminal, when the terminal goes away', () => {
  it('each line is on disk before the next is asked; the entry is untouched until the answer is given', async () => {
    const dir = await newPortfolio();
    const seen = await typeThenVanish(dir, [{ select: 'What would you like to do?', answer: 3 }], ['First line of my notes.', '', 'A second paragraph, half']);
    expect(seen[0]).toBe('');
    expect(seen[1]).toContain('\n\nFirst line of my notes.\n');
    expect(seen[3]).toMatch(/\n\nFirst line of my notes\.\n\nA second paragraph, half\n$/);
    expect(seen[3]).toContain(`what you were typing for ${WEEK}, Task 3 a)`);
    expect(slot(dir, '3a')).toBe('');
    expect(listDrafts(dir).map((d) => [d.file, d.key, d.action])).toEqual([[WEEK, '3a', 'new']]);
  });

  it('the next run shows what was kept in full, and "carry on" continues from where it stopped; the draft then goes', async () => {
    const dir = await newPortfolio();
    await typeThenVanish(dir, [{ select: 'What would you like to do?', answer: 3 }], ['First line of my notes.', '', 'A second paragraph, half']);
    const r = await run(dir, [
      { select: 'What would you like to do?', answer: 3 },
      { select: 'Take it up where you left off?', answer: 'carry' },
      { multiline: FINISH, answer: 'finished at last.' },
      { select: 'What would you like to do?', answer: 'stop' },
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('You were typing this answer when permanence last stopped');
    expect(r.out).toContain('│ First line of my notes.');
    expect(r.out).toContain('│ A second paragraph, half');
    expect(r.out).toContain(`It is in ${DRAFT} until you save it or throw it away.`);
    expect(slot(dir, '3a')).toBe('First line of my notes.\n\nA second paragraph, half\nfinished at last.');
    expect(existsSync(join(dir, DRAFT))).toBe(false);
  });

  it('"save it as it is" saves it; "throw it away" asks first, and No keeps it', async () => {
    let dir = await newPortfolio();
    await typeThenVanish(dir, [{ select: 'What would you like to do?', answer: 3 }], ['Kept words.']);
    await run(dir, [
      { select: 'What would you like to do?', answer: 3 },
      { select: 'Take it up', answer: 'save' },
      { select: 'What would you like to do?', answer: 'stop' },
    ]);
    expect(slot(dir, '3a')).toBe('Kept words.');
    expect(existsSync(join(dir, DRAFT))).toBe(false);

    dir = await newPortfolio();
    await typeThenVanish(dir, [{ select: 'What would you like to do?', answer: 3 }], ['Words I may not want.']);
    await run(dir, [
      { select: 'What would you like to do?', answer: 3 },
      { select: 'Take it up', answer: 'drop' },
      { confirm: 'Throw away the 5 words kept?', answer: false },
      { select: 'Take it up', answer: 'drop' },
      { confirm: 'Throw away', answer: true },
      { multiline: FINISH, answer: 'Something else.' },
      { select: 'What would you like to do?', answer: 'stop' },
    ]);
    expect(slot(dir, '3a')).toBe('Something else.');
    expect(readdirSync(join(dir, 'private/drafts'))).toEqual([]);
  });

  it('adding to an answer: the kept addition goes below the answer, never over it', async () => {
    const dir = await newPortfolio();
    await run(dir, [
      { select: 'What would you like to do?', answer: 3 },
      { multiline: FINISH, answer: 'The first answer.' },
      { select: 'What would you like to do?', answer: 'stop' },
    ]);
    await typeThenVanish(
      dir,
      [
        { select: 'What would you like to do?', answer: 3 },
        { select: 'Keep it, add to it', answer: 'add' },
        { select: 'Where does what you add go?', answer: 'para' },
      ],
      ['An addition.'],
    );
    expect(slot(dir, '3a')).toBe('The first answer.');
    const r = await run(dir, [
      { select: 'What would you like to do?', answer: 3 },
      { select: 'Take it up', answer: 'save' },
      { select: 'What would you like to do?', answer: 'stop' },
    ]);
    expect(r.asked[1]!.choices!.map((c) => c.name)).toContain('Save it below your earlier answer as it is');
    expect(slot(dir, '3a')).toBe('The first answer.\n\nAn addition.');
  });

  it('a first answer kept as a draft, when an answer was written in the file meanwhile: it goes below, the file\'s answer stays', async () => {
    const dir = await newPortfolio();
    await typeThenVanish(dir, [{ select: 'What would you like to do?', answer: 3 }], ['Typed in the terminal.']);
    // as an editor would: the answer written in the file itself
    saveAnswer(dir, cat, entrySpecs(cat).find((s) => s.file === WEEK)!, '3a', 'Written in my editor.');
    await run(dir, [
      { select: 'What would you like to do?', answer: 3 },
      { select: 'Take it up', answer: 'save' },
      { select: 'What would you like to do?', answer: 'stop' },
    ]);
    expect(slot(dir, '3a')).toBe('Written in my editor.\n\nTyped in the terminal.');
  });

  it('a list: each item is on disk as it is given, and offered back the next time', async () => {
    const dir = await newPortfolio();
    const draft = join(dir, 'private/drafts/module-1-week-1-5a.md');
    const p = scriptedPrompter([
      { input: 'Item 1:', answer: 'Patience' },
      { input: 'Item 2:', answer: 'Humour' },
    ]);
    const scripted = p.input.bind(p);
    const seen: string[] = [];
    p.input = async (q) => {
      seen.push(existsSync(draft) ? readFileSync(draft, 'utf8') : '');
      if (q.message === 'Item 3:') throw new TerminalGone('the terminal closed');
      return scripted(q);
    };
    expect(await week(testIO(dir), '1.1', { dir, task: 5 }, p).catch((e: unknown) => e)).toBeInstanceOf(TerminalGone);
    expect(seen[1]).toMatch(/\n\n- Patience\n$/);
    expect(seen[2]).toMatch(/\n\n- Patience\n- Humour\n$/);
    const again = scriptedPrompter([
      { select: 'Take it up', answer: 'save' },
      { input: 'Item 1:', answer: '' },
      { input: 'Item 1:', answer: '' },
      { multiline: FINISH, answer: '' },
    ]);
    const io = testIO(dir);
    expect(await week(io, '1.1', { dir, task: 5 }, again)).toBe(0);
    again.done();
    expect(io.output()).toContain('│ - Patience');
    const spec = entrySpecs(cat).find((s) => s.file === 'module-1/week-1.md')!;
    expect(parseEntry(readFileSync(join(dir, spec.file), 'utf8'), spec, cat).slots.get('5a')!.raw.trim()).toBe('- Patience\n- Humour');
    expect(existsSync(draft)).toBe(false);
  });
});

describe('drafts elsewhere in the portfolio', () => {
  it('are named, with the command that takes each up, at the first question of another answer', async () => {
    const dir = await newPortfolio();
    await typeThenVanish(dir, [{ select: 'What would you like to do?', answer: 3 }], ['Kept words.']);
    const p = scriptedPrompter([{ multiline: FINISH, answer: 'Task 4.' }]);
    const io = testIO(dir);
    expect(await week(io, '1.2', { dir, task: 4 }, p)).toBe(0);
    expect(io.output()).toMatch(/Kept from last time, typed when permanence stopped and not saved as an answer yet:\n\s+- module-1\/week-2\.md, Task 3 a\) \(\d{4}-\d\d-\d\d \d\d:\d\d\): permanence week 1\.2 --task 3/);
  });

  it('an answered field with an addition kept is not passed by in the walk through what is unfinished', async () => {
    const dir = await newPortfolio();
    await run(dir, [
      { select: 'What would you like to do?', answer: 2 },
      { multiline: FINISH, answer: 'Fear for Jamal.' },
      ...Array.from({ length: 5 }, () => ({ multiline: FINISH, answer: '' })),
      { select: 'What would you like to do?', answer: 'stop' },
    ]);
    const seen: string[] = [];
    const p = scriptedPrompter([
      { select: 'What would you like to do?', answer: 2 },
      { select: 'Keep it, add to it', answer: 'add' },
      { select: 'Where does what you add go?', answer: 'on' },
    ], { multiline: false });
    const scripted = p.input.bind(p);
    p.input = async (q) => {
      if (q.message !== '›') return scripted(q);
      if (seen.length === 1) throw new TerminalGone('the terminal closed');
      seen.push('and for her mother.');
      return 'and for her mother.';
    };
    expect(await week(testIO(dir), '1.2', { dir }, p).catch((e: unknown) => e)).toBeInstanceOf(TerminalGone);
    const r = await run(dir, [
      { select: 'What would you like to do?', answer: 'walk' },
      // week 1.2's tick ("I have read the six vignettes") comes after task 2, which shows them
      { select: 'Task 2?', answer: 'answer' },
      { select: 'Take it up where you left off?', answer: 'save' },
      ...Array.from({ length: 5 }, () => ({ multiline: FINISH, answer: '' })),
      { confirm: 'Tick it?', answer: false },
      { select: 'Task 3?', answer: 'stop' },
    ]);
    expect(r.code).toBe(0);
    // carrying on the last paragraph, as asked before the terminal went away
    expect(r.asked.find((a) => a.message.startsWith('Take it up'))!.choices!.map((c) => c.name)).toContain('Save it at the end of your last paragraph as it is');
    expect(slot(dir, '2a')).toBe('Fear for Jamal. and for her mother.');
  });
});

describe('the terminal entry itself (readMultiline)', () => {
  it('gives the text so far after each line, and on SIGHUP or SIGTERM the line being typed too, before the signal goes on', async () => {
    for (const signal of ['SIGHUP', 'SIGTERM'] as const) {
      const input = new PassThrough() as PassThrough & { isTTY?: boolean; setRawMode?: (b: boolean) => void };
      input.isTTY = true;
      input.setRawMode = () => {};
      const output = new PassThrough();
      output.resume();
      const seen: string[] = [];
      // Another listener stands in for the rest of the process (a lock released, say), so the signal is not raised again on the test run.
      const other = () => {};
      process.on(signal, other);
      try {
        const answer = readMultiline({ message: '', hint: '', onChange: (t) => seen.push(t) }, { input, output, terminal: true });
        input.write('One\r');
        await new Promise((r) => setTimeout(r, 30));
        input.write('Two\r');
        await new Promise((r) => setTimeout(r, 30));
        input.write('and half of thr');
        await new Promise((r) => setTimeout(r, 30));
        expect(seen).toEqual(['One', 'One\nTwo']);
        process.emit(signal, signal);
        expect(seen.at(-1)).toBe('One\nTwo\nand half of thr');
        expect(process.listenerCount(signal)).toBe(1);
        // The other listener ends the process: the answer stops with its text, which is in the draft, not saved as given.
        const err = await answer.catch((e: unknown) => e);
        expect(err).toBeInstanceOf(TerminalClosed);
        expect((err as TerminalClosed).text).toBe('One\nTwo\nand half of thr');
      } finally {
        process.off(signal, other);
      }
    }
  });
});
