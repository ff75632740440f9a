import { describe, expect, it } from 'vitest';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { week } from '../../src/commands/week.js';
import { ExitError } from '../../src/errors.js';
import { loadProgramme } from '../../src/programme/load.js';
import { entrySpecs } from '../../src/portfolio/layout.js';
import { parseEntry } from '../../src/portfolio/entry.js';
import { answerText, chosenAreas } from '../../src/assess/answers.js';
import { CTRL_C, ctrlCWhileTyping, newPortfolio, scriptedPrompter, testIO, type Step } from './scripted.js';
import { tmp } from '../helpers.js';

const cat = loadProgramme();
const FINISH = /to finish/i;

/** Each answer slot's text in a portfolio file, and whether it parses cleanly. */
function slots(dir: string, file: string) {
  const spec = entrySpecs(cat).find((s) => s.file === file)!;
  const entry = parseEntry(readFileSync(join(dir, file), 'utf8'), spec, cat);
  expect(entry.problems).toEqual([]);
  return (key: string) => entry.slots.get(key)?.raw.trim() ?? '';
}

async function run(dir: string, ref: string, steps: Step[], opts: Parameters<typeof week>[2] = {}, io = testIO(dir), multiline = true) {
  const p = scriptedPrompter(steps, { multiline });
  const code = await week(io, ref, { dir, ...opts }, p);
  p.done();
  return { code, out: io.output(), asked: p.asked };
}

describe('permanence week: the walk through a week', () => {
  it('says which week it opened, walks the unanswered tasks in order, and saves each answer under its own heading', async () => {
    const dir = await newPortfolio();
    const r = await run(dir, '1.2', [
      { select: 'What would you like to do?', answer: 'walk' },
      // task 2 shows the six vignettes: task 1's "I have read the six vignettes" is asked after them
      { select: 'Task 2?', answer: 'answer' },
      { multiline: FINISH, answer: 'Fear for Jamal.\n\nAnd for her mother.' },
      { multiline: FINISH, answer: 'Sadness for Jamie.' },
      { multiline: FINISH, answer: '' }, // left empty: skipped
      { multiline: FINISH, answer: 'Angry for Erin.' },
      { multiline: FINISH, answer: 'Worried for Darren.' },
      { multiline: FINISH, answer: 'Heartbroken for Zara.' },
      { confirm: 'Tick it?', answer: true }, // a task of ticks only: no "answer it now?" first
      { select: 'Task 3?', answer: 'skip' },
      { select: 'Task 4?', answer: 'stop' },
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Module 1, week 2 (programme week 2): Critical themes and issues\nThis week: exercises, tasks and activities.');
    // the tick comes after the last vignette is shown
    expect(r.out.indexOf('── Task 1 of 7')).toBeGreaterThan(r.out.indexOf('6) Zara'));
    expect(r.out).toContain('Your answers go in module-1/week-2.md');
    // the vignette is shown before its response
    expect(r.out).toMatch(/1\) Jamal[\s\S]*Jamal is six months old[\s\S]*✓ Saved in module-1\/week-2.md \(7 words\)/);
    const get = slots(dir, 'module-1/week-2.md');
    expect(get('1a')).toBe('- [x] I have read the six vignettes.');
    expect(get('2a')).toBe('Fear for Jamal.\n\nAnd for her mother.');
    expect(get('2b')).toBe('Sadness for Jamie.');
    expect(get('2c')).toBe('');
    expect(get('2f')).toBe('Heartbroken for Zara.');
    expect(r.out).toContain('Module 1, week 2: 1 of 7 tasks answered.');
    expect(r.out).toContain('◐  2');
    expect(r.out).toMatch(/partly answered/);
  });

  it('picks up where it left off: unanswered tasks and fields first, answered ones not asked again', async () => {
    const dir = await newPortfolio();
    await run(dir, '1.2', [
      { select: 'What would you like to do?', answer: 'walk' },
      { select: 'Task 2?', answer: 'answer' },
      { multiline: FINISH, answer: 'First.' },
      { multiline: FINISH, answer: CTRL_C },
    ]);
    const r = await run(dir, '1.2', [
      { select: 'What would you like to do?', answer: 'walk' },
      { select: 'Task 2?', answer: 'answer' },
      { multiline: FINISH, answer: 'Second.' }, // 2b: 2a is not asked again
      { multiline: FINISH, answer: CTRL_C },
    ]);
    expect(r.code).toBe(130);
    const menu = r.asked[0]!;
    expect(menu.default).toBe('walk');
    expect(menu.choices?.[0]?.name).toContain('(1, 2, 3, 4, 5, 6, 7)');
    expect(r.out).toContain('partly answered (1 of 6 parts)');
    const get = slots(dir, 'module-1/week-2.md');
    expect([get('2a'), get('2b')]).toEqual(['First.', 'Second.']);
  });

  it('Ctrl-C exits 130, says where the answers are, and keeps every answer given before it', async () => {
    const dir = await newPortfolio();
    const r = await run(dir, '1.2', [
      { select: 'What would you like to do?', answer: 3 },
      { multiline: FINISH, answer: 'My first responses were about risk.' },
      { select: 'What would you like to do?', answer: 5 },
      { multiline: FINISH, answer: CTRL_C },
    ]);
    expect(r.code).toBe(130);
    expect(r.out).toContain('Stopped. Your answers so far are saved in module-1/week-2.md.');
    expect(slots(dir, 'module-1/week-2.md')('3a')).toBe('My first responses were about risk.');
  });

  it('Ctrl-C half-way through typing a long answer keeps what was typed', async () => {
    const dir = await newPortfolio();
    const r = await run(dir, '1.2', [
      { select: 'What would you like to do?', answer: 4 },
      { multiline: FINISH, answer: ctrlCWhileTyping('A teacher friend focused on school') },
    ]);
    expect(r.code).toBe(130);
    expect(r.out).toContain('What you had typed is saved too');
    expect(slots(dir, 'module-1/week-2.md')('4a')).toBe('A teacher friend focused on school');
  });

  it('offers an answer back: keep it, add to it, or replace it; nothing empty replaces it', async () => {
    const dir = await newPortfolio();
    await run(dir, '1.2', [
      { select: 'What would you like to do?', answer: 3 },
      { multiline: FINISH, answer: 'Original notes.' },
      { select: 'What would you like to do?', answer: 'stop' },
    ]);
    const pick3: Step = { select: 'What would you like to do?', answer: 3 };
    const stop: Step[] = [{ select: 'What would you like to do?', answer: 'stop' }];
    // keep
    let r = await run(dir, '1.2', [pick3, { select: 'Keep it, add to it, or replace it?', answer: 'keep' }, ...stop]);
    expect(r.out).toContain('Your answer so far (2 words):');
    expect(r.out).toContain('│ Original notes.');
    expect(r.asked.find((a) => a.message.startsWith('Keep it'))!.default).toBe('keep');
    expect(slots(dir, 'module-1/week-2.md')('3a')).toBe('Original notes.');
    // add
    r = await run(dir, '1.2', [pick3, { select: 'Keep it', answer: 'add' }, { select: 'Where does what you add go?', answer: 'para' }, { multiline: FINISH, answer: 'Added later.' }, ...stop]);
    expect(slots(dir, 'module-1/week-2.md')('3a')).toBe('Original notes.\n\nAdded later.');
    // replace with nothing: kept
    r = await run(dir, '1.2', [pick3, { select: 'Keep it', answer: 'replace' }, { multiline: FINISH, answer: '' }, ...stop]);
    expect(r.out).toContain('Nothing written: your earlier answer is kept.');
    expect(slots(dir, 'module-1/week-2.md')('3a')).toBe('Original notes.\n\nAdded later.');
    // replace
    await run(dir, '1.2', [pick3, { select: 'Keep it', answer: 'replace' }, { multiline: FINISH, answer: 'A new answer.' }, ...stop]);
    expect(slots(dir, 'module-1/week-2.md')('3a')).toBe('A new answer.');
  });

  it('keeps edits made to the file in between (it reads the file again before each write)', async () => {
    const dir = await newPortfolio();
    const file = join(dir, 'module-1/week-2.md');
    const p = scriptedPrompter([
      { select: 'What would you like to do?', answer: 3 },
      { multiline: FINISH, answer: 'Mine.' },
      { select: 'What would you like to do?', answer: 'stop' },
    ]);
    // The participant edits task 4 in their editor while the prompt is open.
    const original = p.multiline!.bind(p);
    p.multiline = async (q) => {
      writeFileSync(file, readFileSync(file, 'utf8').replace('### a) Ideas or questions for the workshop', '### a) Ideas or questions for the workshop\n\nWritten in my editor.'));
      return original(q);
    };
    expect(await week(testIO(dir), '1.2', { dir }, p)).toBe(0);
    const get = slots(dir, 'module-1/week-2.md');
    expect(get('3a')).toBe('Mine.');
    expect(get('7a')).toContain('Written in my editor.');
  });

  it('shows the word count against the limit, and warns when over it', async () => {
    const dir = await newPortfolio();
    const long = Array.from({ length: 520 }, (_, i) => `word${i}`).join(' ');
    const r = await run(dir, '1.2', [
      { select: 'What would you like to do?', answer: 5 },
      { multiline: FINISH, answer: long },
      { select: 'Shorten it now?', answer: true },
      { multiline: FINISH, answer: Array.from({ length: 412 }, () => 'w').join(' ') },
      { select: 'What would you like to do?', answer: 'stop' },
    ]);
    expect(r.out).toContain('(520 / 500 words)');
    expect(r.out).toContain('20 words over the limit of 500');
    expect(r.out).toContain('(412 / 500 words)');
    expect(r.out).toMatch(/Prepare a short reflective study \(maximum 500 words\)/);
  });

  it('the terminal entry works with a prompter that has no multi-line method (line by line, same rules)', async () => {
    const dir = await newPortfolio();
    const r = await run(
      dir,
      '1.2',
      [
        { select: 'What would you like to do?', answer: 3 },
        { input: '›', answer: 'Line one' },
        { input: '›', answer: '' },
        { input: '›', answer: 'Paragraph two' },
        { input: '›', answer: '' },
        { input: '›', answer: '' },
        { select: 'What would you like to do?', answer: 'stop' },
      ],
      {},
      undefined,
      false,
    );
    expect(r.out).toContain('press Enter on two empty lines (or type a full stop . alone on a line)');
    expect(slots(dir, 'module-1/week-2.md')('3a')).toBe('Line one\n\nParagraph two');
  });

  it('--task goes straight to one task', async () => {
    const dir = await newPortfolio();
    const r = await run(dir, '1.2', [{ multiline: FINISH, answer: 'Straight to it.' }], { task: '7' });
    expect(r.code).toBe(0);
    expect(slots(dir, 'module-1/week-2.md')('7a')).toBe('Straight to it.');
  });

  it('says where each task comes from, and whether the programme or only this product asks for it in the portfolio', async () => {
    const dir = await newPortfolio();
    const flat = (out: string) => out.replace(/\s+/g, ' ');
    // A workbook task the workbook marks for the portfolio.
    const wb = flat((await run(dir, '1.2', [{ multiline: FINISH, answer: 'Notes.' }], { task: '3' })).out);
    expect(wb).toContain("── Task 3 of 7");
    expect(wb).toContain("From the programme's Participants' Workbook (Week 2, task 3");
    expect(wb).toContain('This task feeds your portfolio: the programme asks for it.');
    expect(wb).not.toMatch(/This task feeds your portfolio\. /);
    // The module's key questions, once, briefly, with their source and where the rest are.
    expect(wb.split("Module 1's key questions, from the Participants' Workbook").length - 1).toBe(1);
    expect(wb).toContain('- What are your strengths in relation to planning for children/young adults?');
    expect(wb).toContain('… and 8 more: all 11 are at the top of module-1/week-2.md.');
    expect(wb).not.toContain('How do your core beliefs influence your practice');
    // A workbook task that only this product's requirements put in the portfolio.
    const own = flat((await run(dir, '1.5', [{ multiline: FINISH, answer: 'A study.' }], { task: '3' })).out);
    expect(own).toContain("From the programme's Participants' Workbook (Week 5, task 3).");
    expect(own).toContain("This task feeds your portfolio: a requirement set by this product, not marked in the programme's documents.");
    // Week material says its source.
    const reading = flat((await run(dir, '1.7', [{ multiline: FINISH, answer: 'Read it.' }, { multiline: FINISH, answer: 'Key points.' }], { task: '1' })).out);
    expect(reading).toMatch(/This week's material, "Cross-module case study[^"]*", is in module-1\/week-7\.md\. From the programme's Participants' Workbook\./);
    // A task written for this product, in a module with no key questions.
    const p = flat((await run(dir, '3.1', [{ multiline: FINISH, answer: 'Notes.' }, { multiline: FINISH, answer: '' }], { task: '3' })).out);
    expect(p).toContain("Written for this product: not from the programme's documents.");
    expect(p).not.toContain('key questions');
  });

  it('--task 1 of week 1.2 ("I have read the six vignettes") shows the six vignettes before asking for the tick', async () => {
    const dir = await newPortfolio();
    const r = await run(dir, '1.2', [{ confirm: 'Tick it?', answer: true }], { task: '1' });
    expect(r.code).toBe(0);
    const shown = r.out.indexOf('What task 2 shows, to read before you tick:');
    expect(shown).toBeGreaterThan(r.out.indexOf('── Task 1 of 7'));
    for (const v of ['1) Jamal', '2) Jamie', '6) Zara']) expect(r.out.indexOf(v, shown), v).toBeGreaterThan(shown);
    expect(r.out).toMatch(/Jamal is six months old/);
    // All of it before the tick is asked, and so before the task's state is said.
    expect(r.out.indexOf('Task 1: answered')).toBeGreaterThan(r.out.indexOf('6) Zara', shown));
    expect(slots(dir, 'module-1/week-2.md')('1a')).toBe('- [x] I have read the six vignettes.');
  });

  it('an answer cannot break the file: headings are escaped and an open code fence is closed', async () => {
    const dir = await newPortfolio();
    await run(dir, '1.2', [{ multiline: FINISH, answer: '## Task 1: sneaky\n```\nunclosed' }], { task: '6' });
    const get = slots(dir, 'module-1/week-2.md');
    expect(get('6a')).toBe('\\## Task 1: sneaky\n```\nunclosed\n```');
    expect(get('7a')).toBe('');
    expect(get('1a')).toBe('- [ ] I have read the six vignettes.');
  });
});

describe('permanence week: every kind of field', () => {
  it('areas (week 1 task 3): a checkbox, then "how? where? when?" for each chosen, pre-ticked the next time', async () => {
    const dir = await newPortfolio();
    await run(
      dir,
      '1.1',
      [
        { checkbox: 'Tick the areas', answer: ['Child development', 'Resilience'] },
        { input: 'Child development: how? where? when?', answer: 'Degree module, 2019' },
        { input: 'Resilience: how? where? when?', answer: '' },
        { checkbox: 'Tick the areas', answer: ['Family work'] },
        { input: 'Family work: how? where? when?', answer: 'Eight years in family support' },
        { checkbox: 'Tick the areas', answer: [] },
        { input: 'Item 1', answer: 'Sibling assessments' },
        { input: 'Item 2', answer: 'Life story work' },
        { input: 'Item 3', answer: '' },
      ],
      { task: '3' },
    );
    let get = slots(dir, 'module-1/week-1.md');
    expect(chosenAreas(get('3a'))).toEqual([
      { area: 'Child development', note: 'Degree module, 2019', ticked: true },
      { area: 'Resilience', note: '', ticked: true },
    ]);
    expect(get('3a')).toContain('- [ ] Neuroscience:');
    expect(get('3d')).toBe('- Sibling assessments\n- Life story work');

    // again: pre-ticked, notes offered as defaults; unticking an area with a note asks first
    const r = await run(
      dir,
      '1.1',
      [
        { checkbox: 'Tick the areas', answer: ['Resilience'] },
        { confirm: 'You unticked "Child development"', answer: false },
        { input: 'Child development', answer: 'Degree module, 2019' },
        { input: 'Resilience', answer: 'Training in 2021' },
        { checkbox: 'Tick the areas', answer: ['Family work'] },
        { input: 'Family work', answer: 'Eight years in family support' },
        { checkbox: 'Tick the areas', answer: [] },
        { select: 'Keep it, add to it, or replace it?', answer: 'add' },
        { input: 'Item 1', answer: 'Court skills' },
        { input: 'Item 2', answer: '' },
      ],
      { task: '3' },
    );
    const box = r.asked[0]!.choices!;
    expect(box.filter((c) => c.checked).map((c) => c.value)).toEqual(['Child development', 'Resilience']);
    expect(r.asked.find((a) => a.message.startsWith('Child development'))!.default).toBe('Degree module, 2019');
    get = slots(dir, 'module-1/week-1.md');
    expect(chosenAreas(get('3a')).map((a) => `${a.area}: ${a.note}`)).toEqual(['Child development: Degree module, 2019', 'Resilience: Training in 2021']);
    expect(get('3d')).toBe('- Sibling assessments\n- Life story work\n- Court skills');
  });

  it('areas: each note is saved as it is given, so Ctrl-C at the next one keeps it', async () => {
    const dir = await newPortfolio();
    const r = await run(
      dir,
      '1.1',
      [
        { checkbox: 'Tick the areas', answer: ['Child development', 'Resilience'] },
        { input: 'Child development: how? where? when?', answer: 'Degree module, 2019' },
        { input: 'Resilience: how? where? when?', answer: CTRL_C },
      ],
      { task: '3' },
    );
    expect(r.code).toBe(130);
    expect(chosenAreas(slots(dir, 'module-1/week-1.md')('3a'))).toEqual([
      { area: 'Child development', note: 'Degree module, 2019', ticked: true },
      { area: 'Resilience', note: '', ticked: true },
    ]);
  });

  it('a list: items given before Ctrl-C are kept', async () => {
    const dir = await newPortfolio();
    const r = await run(dir, '1.1', [{ checkbox: 'Tick the areas', answer: [] }, { checkbox: 'Tick the areas', answer: [] }, { checkbox: 'Tick the areas', answer: [] }, { input: 'Item 1', answer: 'Sibling assessments' }, { input: 'Item 2', answer: CTRL_C }], { task: '3' });
    expect(r.code).toBe(130);
    expect(slots(dir, 'module-1/week-1.md')('3d')).toBe('- Sibling assessments');
  });

  it('short answers (input), and an entry field that offers to fill its item right there', async () => {
    const dir = await newPortfolio();
    const r = await run(
      dir,
      '1.1',
      [
        { select: 'Fill it in now?', answer: true },
        { multiline: FINISH, answer: 'Confidence in court.' },
        { multiline: FINISH, answer: 'My supervisor sees clearer evidence.' },
        { input: 'Specialist area', answer: 'Sibling relationships' },
        { select: 'Fill it in now?', answer: false },
        { multiline: FINISH, answer: '' },
      ],
      { task: '8' },
    );
    expect(r.out).toContain('This is answered in items/learning-goals.md: ○ not started');
    expect(r.out).toContain('items/learning-agreement.md');
    expect(slots(dir, 'items/learning-goals.md')('a')).toBe('Confidence in court.');
    expect(slots(dir, 'items/learning-goals.md')('b')).toBe('My supervisor sees clearer evidence.');
    expect(slots(dir, 'module-1/week-1.md')('8b')).toBe('Sibling relationships');
    expect(r.out).toMatch(/Task 8: partly answered/);
  });

  it('reading: shows the citation, then takes notes', async () => {
    const dir = await newPortfolio();
    const r = await run(dir, '1.3', [
      { select: 'What would you like to do?', answer: 'walk' },
      { select: 'Task 1?', answer: 'answer' },
      { multiline: FINISH, answer: 'Section 20 made me review two cases.' },
    ]);
    expect(r.out).toContain('Lynch, C. (2017) Cooperation or Coercion?');
    expect(r.out).toContain('https://www.frg.org.uk/');
    expect(r.out).toContain('Week 1.3 is done. Next: permanence week 1.4');
    expect(slots(dir, 'module-1/week-3.md')('1a')).toBe('Section 20 made me review two cases.');
  });

  it('opens the participant\'s editor for a long answer, pre-filled with what is there', async () => {
    const dir = await newPortfolio();
    const bin = tmp();
    const editor = join(bin, 'fake editor.sh');
    // Appends a line to the file it is given, as a person would, and saves.
    writeFileSync(editor, '#!/bin/sh\nprintf "Edited in my editor.\\n" >> "$1"\n');
    chmodSync(editor, 0o755);
    const io = testIO(dir, { env: { EDITOR: `"${editor}"` }, tty: true });
    let r = await run(dir, '1.2', [], { task: '3' }, io);
    expect(r.out).toContain('Opening your editor');
    expect(slots(dir, 'module-1/week-2.md')('3a')).toBe('Edited in my editor.');
    r = await run(dir, '1.2', [{ select: 'Keep it', answer: 'edit' }], { task: '3' }, testIO(dir, { env: { EDITOR: `"${editor}"` }, tty: true }));
    expect(slots(dir, 'module-1/week-2.md')('3a')).toBe('Edited in my editor.\nEdited in my editor.');
    expect(r.asked[0]!.choices!.map((c) => c.name)).toContain('Change it in your editor (fake editor.sh)');
  });
});

describe('permanence week: which week, and refusals', () => {
  it('a bare week number is in the module by the calendar, current_module, or --module, and says so', async () => {
    const dir = await newPortfolio({ start: '2026-03-02' }); // 2026-05-11 is programme week 11: module 2
    const stop = [{ select: 'What would you like to do?', answer: 'stop' }] as Step[];
    let r = await run(dir, '3', stop);
    expect(r.out).toContain('Module 2, week 3');
    expect(r.out).toContain('"3" is week 3 of module 2, by the calendar (programme week 11 of 28)');
    r = await run(dir, '3', stop, { module: '4' });
    expect(r.out).toContain('Module 4, week 3');
    writeFileSync(join(dir, 'portfolio.yaml'), `${readFileSync(join(dir, 'portfolio.yaml'), 'utf8')}current_module: 3\n`);
    r = await run(dir, '3', stop);
    expect(r.out).toContain('"3" is week 3 of module 3, from current_module in portfolio.yaml');
  });

  it('a week that does not exist: exit 2 with the weeks there are', async () => {
    const dir = await newPortfolio();
    const err = await week(testIO(dir), '1.9', { dir }, scriptedPrompter([])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExitError);
    expect((err as ExitError).code).toBe(2);
    expect((err as ExitError).message).toContain('There is no week 1.9. Module 1 has weeks 1 to 7:');
    expect((err as ExitError).message).toContain('1.7  Essential reading');
    const bad = (await week(testIO(dir), 'x', { dir }, scriptedPrompter([])).catch((e: unknown) => e)) as ExitError;
    expect(bad.message).toContain('module 4:');
    const task = (await week(testIO(dir), '1.2', { dir, task: '9' }, scriptedPrompter([])).catch((e: unknown) => e)) as ExitError;
    expect(task.code).toBe(2);
    expect(task.message).toContain('Week 1.2 has no task 9. It has tasks 1 to 7');
  });

  it('without a terminal, without --answers and without a prompter: says so and exits 2 instead of waiting', async () => {
    const dir = await newPortfolio();
    const err = (await week(testIO(dir), '1.2', { dir }).catch((e: unknown) => e)) as ExitError;
    expect(err.code).toBe(2);
    expect(err.message).toContain('no terminal to ask them in');
    expect(err.message).toContain('--answers');
  });

  it('offers a commit of exactly the files it touched, with the week\'s progress as the message', async () => {
    const dir = await newPortfolio({ git: true });
    writeFileSync(join(dir, 'notes.txt'), 'not mine to commit\n');
    execFileSync('git', ['add', 'notes.txt'], { cwd: dir });
    await run(dir, '1.2', [
      { select: 'What would you like to do?', answer: 3 },
      { multiline: FINISH, answer: 'Notes.' },
      { select: 'What would you like to do?', answer: 'stop' },
      { confirm: 'Save this to your portfolio\'s history ("Module 1, week 2: 1 of 7 tasks answered")?', answer: true },
    ]);
    const log = execFileSync('git', ['log', '-1', '--name-only', '--format=%s'], { cwd: dir, encoding: 'utf8' });
    expect(log.trim().split('\n')).toEqual(['Module 1, week 2: 1 of 7 tasks answered', '', 'module-1/week-2.md']);
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: dir, encoding: 'utf8' })).toBe('A  notes.txt\n');
    // --no-commit: no question, no commit
    await run(dir, '1.2', [{ multiline: FINISH, answer: 'More.' }], { task: '4', commit: false });
    expect(execFileSync('git', ['log', '--oneline'], { cwd: dir, encoding: 'utf8' }).trim().split('\n')).toHaveLength(2);
    // --commit: no question, a commit
    await run(dir, '1.2', [{ multiline: FINISH, answer: 'Even more.' }], { task: '6', commit: true });
    expect(execFileSync('git', ['log', '-1', '--format=%s'], { cwd: dir, encoding: 'utf8' }).trim()).toBe('Module 1, week 2: 3 of 7 tasks answered');
  });

  it('answerText sees the saved answers as answered (status counts them)', async () => {
    const dir = await newPortfolio();
    await run(dir, '1.2', [{ multiline: FINISH, answer: 'x y z' }], { task: '3' });
    expect(answerText(slots(dir, 'module-1/week-2.md')('3a'))).toBe('x y z');
  });
});
