// Identifying details as the participant writes: the warning after each
// answer, and the choice to rewrite it, mark it reviewed, or keep it for now.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { week } from '../../src/commands/week.js';
import { selfassess } from '../../src/commands/selfassess.js';
import { loadProgramme } from '../../src/programme/load.js';
import { entrySpecs } from '../../src/portfolio/layout.js';
import { parseEntry } from '../../src/portfolio/entry.js';
import { verifyPortfolio } from '../../src/verify/verify.js';
import { openSession, noQuestions } from '../../src/guide/session.js';
import { warnDetails } from '../../src/guide/details.js';
import { newPortfolio, scriptedPrompter, testIO, type Step } from './scripted.js';

const cat = loadProgramme();
const FINISH = /to finish/i;
const CHOICE = 'Rewrite it, or keep it?';
const WEEK = 'module-1/week-2.md';
const LONG = 'At first I was sure the risk sat with the father.\n\nKayden taught me patience: he would not talk until the third visit, and then only about football.';

function slot(dir: string, file: string, key: string): string {
  const spec = entrySpecs(cat).find((s) => s.file === file)!;
  const entry = parseEntry(readFileSync(join(dir, file), 'utf8'), spec, cat);
  expect(entry.problems).toEqual([]);
  return entry.slots.get(key)?.raw.trim() ?? '';
}

async function portfolioWithNames(): Promise<string> {
  const dir = await newPortfolio();
  writeFileSync(join(dir, 'private/names.txt'), '# real names\nKayden\n');
  return dir;
}

async function run(dir: string, ref: string, steps: Step[], opts: Parameters<typeof week>[2] = {}, io = testIO(dir)) {
  const p = scriptedPrompter(steps);
  const code = await week(io, ref, { dir, ...opts }, p);
  p.done();
  return { code, out: io.output(), asked: p.asked };
}

const unreviewed = (dir: string) => verifyPortfolio(dir, cat, { today: '2026-05-11' }).identifying;

describe('identifying details as the participant writes', () => {
  it('a private name in a long answer: said plainly with its line, the answer already saved, and the choice offered', async () => {
    const dir = await portfolioWithNames();
    const r = await run(dir, '1.2', [
      { multiline: FINISH, answer: LONG },
      { select: CHOICE, answer: 'later' },
    ], { task: '3' });
    expect(r.code).toBe(0);
    const line = readFileSync(join(dir, WEEK), 'utf8').split('\n').findIndex((l) => l.startsWith('Kayden taught')) + 1;
    expect(r.out).toContain(`This answer mentions a name on your private list: Kayden (line ${line})`);
    expect(r.out).toContain(`It is in ${WEEK}.`);
    // saved before the question
    expect(r.out.indexOf('✓ Saved in module-1/week-2.md')).toBeLessThan(r.out.indexOf('This answer mentions'));
    const q = r.asked.find((a) => a.message.includes(CHOICE))!;
    expect(q.choices!.map((c) => c.value)).toEqual(['rewrite', 'reviewed', 'later']);
    expect(q.choices!.map((c) => c.name).join('\n')).toMatch(/Rewrite it now[\s\S]*mark[\s\S]*permanence verify will list it/);
    expect(r.out).toContain('Kept. permanence verify lists it');
    // kept for now: the answer as written, and verify lists the name
    expect(slot(dir, WEEK, '3a')).toBe(LONG);
    const v = unreviewed(dir);
    expect(v.unreviewed.map((f) => [f.file, f.line, f.text])).toEqual([[WEEK, line, 'Kayden']]);
  });

  it('"keep it and mark it reviewed" adds the marker to that line only, and verify then counts it reviewed', async () => {
    const dir = await portfolioWithNames();
    const r = await run(dir, '1.2', [
      { multiline: FINISH, answer: LONG },
      { select: CHOICE, answer: 'reviewed' },
    ], { task: '3' });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/✓ Marked reviewed in module-1\/week-2.md \(1 line: \d+\)/);
    expect(slot(dir, WEEK, '3a')).toBe(LONG.replace('football.', 'football. <!-- reviewed -->'));
    expect(unreviewed(dir)).toMatchObject({ unreviewed: [], reviewed: 1 });
  });

  it('"rewrite" in the terminal shows the paragraph in full and replaces only it; the warning is not repeated', async () => {
    const dir = await portfolioWithNames();
    const r = await run(dir, '1.2', [
      { multiline: FINISH, answer: LONG },
      { select: CHOICE, answer: 'rewrite' },
      { multiline: FINISH, answer: 'K. taught me patience: he would not talk until the third visit.' },
    ], { task: '3' });
    expect(r.code).toBe(0);
    expect(r.out).toContain('The paragraph it is in:');
    expect(r.out).toContain('│ Kayden taught me patience');
    expect(slot(dir, WEEK, '3a')).toBe('At first I was sure the risk sat with the father.\n\nK. taught me patience: he would not talk until the third visit.');
    expect(r.out.match(/This answer mentions/g)).toHaveLength(1);
    expect(unreviewed(dir)).toMatchObject({ unreviewed: [], reviewed: 0 });
  });

  it('a rewrite that still has a detail is warned about again; nothing typed keeps the answer', async () => {
    const dir = await portfolioWithNames();
    const r = await run(dir, '1.2', [
      { multiline: FINISH, answer: LONG },
      { select: CHOICE, answer: 'rewrite' },
      { multiline: FINISH, answer: 'Kayden again.' },
      { select: CHOICE, answer: 'rewrite' },
      { multiline: FINISH, answer: '' },
      { select: CHOICE, answer: 'later' },
    ], { task: '3' });
    expect(r.code).toBe(0);
    expect(r.out.match(/This answer mentions a name on your private list: Kayden/g)).toHaveLength(3);
    expect(r.out).toContain('Your answer was not changed.');
    expect(slot(dir, WEEK, '3a')).toBe('At first I was sure the risk sat with the father.\n\nKayden again.');
  });

  it('"rewrite" in the editor opens it with the whole answer', async () => {
    const { chmodSync, mkdirSync } = await import('node:fs');
    const dir = await portfolioWithNames();
    const bin = join(dir, '..', 'bin');
    mkdirSync(bin, { recursive: true });
    const editor = join(bin, 'fake editor.sh');
    // The first time it writes an answer with the name; the second, it replaces the name in what it was given.
    writeFileSync(editor, '#!/bin/sh\nif grep -q Kayden "$1"; then sed -i "s/Kayden/K./" "$1"; else printf "Kayden taught me patience.\\n" >> "$1"; fi\n');
    chmodSync(editor, 0o755);
    const io = testIO(dir, { env: { EDITOR: `"${editor}"` }, tty: true });
    const r = await run(dir, '1.2', [{ select: CHOICE, answer: 'rewrite' }], { task: '3' }, io);
    expect(r.code).toBe(0);
    expect(r.asked[0]!.choices![0]!.name).toBe('Rewrite it now in your editor (fake editor.sh)');
    expect(slot(dir, WEEK, '3a')).toBe('K. taught me patience.');
  });

  it('a date of birth in a short answer: Tab brings the answer back to change it', async () => {
    const dir = await portfolioWithNames();
    const r = await run(dir, '1.6', [
      { input: /./, answer: 'S, born 03/04/2012, lives with her gran' },
      { select: CHOICE, answer: 'rewrite' },
      { input: 'Your answer again', answer: 'S, aged 14, lives with her gran' },
      { input: /./, answer: '' },
      { input: /./, answer: '' },
      ...Array.from({ length: 4 }, (): Step => ({ multiline: FINISH, answer: '' })),
    ], { task: '1' });
    expect(r.code).toBe(0);
    expect(r.out).toContain('This answer mentions what looks like a date of birth: 03/04/2012');
    const again = r.asked.find((a) => a.message.startsWith('Your answer again'))!;
    expect(again.message).toContain('Tab brings back what you wrote');
    expect(again.default).toBe('S, born 03/04/2012, lives with her gran');
    expect(slot(dir, 'module-1/week-6.md', '1a')).toBe('S, aged 14, lives with her gran');
    expect(unreviewed(dir).unreviewed).toEqual([]);
  });

  it('a list: only the item with the detail is offered back, and the others are kept', async () => {
    const dir = await portfolioWithNames();
    const r = await run(dir, '1.1', [
      { input: 'Item 1:', answer: 'Read the chronology' },
      { input: 'Item 2:', answer: "Ask Kayden's school what they see" },
      { input: 'Item 3:', answer: '' },
      { select: CHOICE, answer: 'rewrite' },
      { input: 'That item again', answer: 'Ask the school what they see' },
      { input: 'Item 1:', answer: '' },
      { input: 'Item 1:', answer: '' },
      { multiline: FINISH, answer: '' },
    ], { task: '5' });
    expect(r.code).toBe(0);
    expect(r.asked.find((a) => a.message.startsWith('That item again'))!.default).toBe("Ask Kayden's school what they see");
    expect(slot(dir, 'module-1/week-1.md', '5a')).toBe('- Read the chronology\n- Ask the school what they see');
  });

  it('a self-assessment section comment is checked as well', async () => {
    const dir = await portfolioWithNames();
    const io = testIO(dir);
    const steps: Step[] = cat.programme.framework.sections.flatMap((s) => [
      ...s.statements.map((st): Step => ({ select: `${st.id}: your confidence`, answer: 3 })),
      { input: `Any comment on section ${s.number}?`, answer: s.number === 1 ? 'Working with Kayden showed me how much I rely on the chronology.' : '' },
      ...(s.number === 1 ? [{ select: CHOICE, answer: 'reviewed' } as Step] : []),
    ]);
    const p = scriptedPrompter(steps);
    expect(await selfassess(io, { stage: 'baseline', dir }, p)).toBe(0);
    p.done();
    expect(io.output()).toContain('This answer mentions a name on your private list: Kayden (line');
    expect(unreviewed(dir)).toMatchObject({ unreviewed: [], reviewed: 1 });
  });

  it('a note on a ticked area: the warning, and the note kept for verify to list', async () => {
    const dir = await portfolioWithNames();
    const r = await run(dir, '1.1', [
      { checkbox: 'Tick the areas', answer: ['Child development'] },
      { input: 'Child development:', answer: 'a course in 2019, and working with Kayden' },
      { checkbox: 'Tick the areas', answer: [] },
      { checkbox: 'Tick the areas', answer: [] },
      { input: 'Item 1:', answer: '' },
    ], { task: '3' });
    expect(r.code).toBe(0);
    expect(r.out).toContain('This answer mentions a name on your private list: Kayden (line');
    expect(r.out).toMatch(/permanence verify lists it\s+until then/);
    expect(unreviewed(dir).unreviewed.map((f) => f.text)).toEqual(['Kayden']);
  });

  it('warnDetails, for answers given without questions (--answers): the warnings alone, no question', async () => {
    const dir = await portfolioWithNames();
    const session = openSession(testIO(dir), dir);
    const spec = session.specs.find((s) => s.file === WEEK)!;
    writeFileSync(join(dir, 'answers.yaml'), `"1.2":\n  3: { a: "Kayden taught me patience." }\n`);
    const io = testIO(dir);
    expect(await week(io, '1.2', { dir, answers: 'answers.yaml' })).toBe(0);
    const g = { ...openSession(io, dir), ask: noQuestions };
    expect(warnDetails(g, { spec, key: '3a' })).toBe(1);
    expect(io.output()).toContain(`This answer mentions a name on your private list: Kayden (line`);
    expect(io.output()).toMatch(/permanence verify lists it\s+until then/);
    expect(slot(dir, WEEK, '3a')).toBe('Kayden taught me patience.');
  });
});
