import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { selfassess } from '../../src/commands/selfassess.js';
import { ExitError } from '../../src/errors.js';
import { loadProgramme } from '../../src/programme/load.js';
import { readPortfolio } from '../../src/portfolio/portfolio.js';
import { assess } from '../../src/assess/assess.js';
import { withRating } from '../../src/guide/selfassess.js';
import { CTRL_C, newPortfolio, scriptedPrompter, testIO, type Step } from './scripted.js';

const cat = loadProgramme();
const sections = cat.programme.framework.sections;

function item(dir: string, id: string) {
  return assess(cat, readPortfolio(dir, cat), { today: '2026-05-11' }).items.find((i) => i.id === id)!;
}

/** A rating for every statement, section by section, with a comment (or none) after each section. */
function everyStatement(rate: (id: string, i: number) => number, comment: (section: number) => string): Step[] {
  let i = 0;
  return sections.flatMap((s) => [
    ...s.statements.map((st): Step => ({ select: `${st.id}: your confidence`, answer: rate(st.id, i++) })),
    { input: `Any comment on section ${s.number}?`, answer: comment(s.number) },
  ]);
}

describe('permanence selfassess', () => {
  it('rates every KSS-AP statement, section by section, with the scale on screen and a comment per section', async () => {
    const dir = await newPortfolio();
    const io = testIO(dir);
    const p = scriptedPrompter(everyStatement((_, i) => (i % 5) + 1, (n) => (n === 1 ? 'Court work is where I want to grow.' : '')));
    expect(await selfassess(io, { stage: 'baseline', dir }, p)).toBe(0);
    p.done();
    const out = io.output();
    for (const point of cat.programme.framework.scale.points) expect(out).toContain(`${point.value}  ${point.label}`);
    expect(out).toContain('Section 1 of 5');
    expect(p.asked[0]!.choices!.slice(0, 5).map((c) => c.description)).toEqual(cat.programme.framework.scale.points.map((x) => x.description));
    const baseline = item(dir, 'selfassessment-baseline');
    expect(baseline.state).toBe('answered');
    expect(baseline.answered).toBe(36);
    expect(baseline.ratings!.slice(0, 6).map((r) => r.value)).toEqual([1, 2, 3, 4, 5, 1]);
    expect(baseline.comments).toEqual([{ section: 1, text: 'Court work is where I want to grow.' }]);
    const text = readFileSync(join(dir, 'items/self-assessment-baseline.md'), 'utf8');
    expect(text).toContain('Confidence (1-5): 1\n\n### AP1.2');
    expect(out).toContain('36 of 36 statements rated in items/self-assessment-baseline.md');
  });

  it('is resumable: Ctrl-C keeps the ratings given (exit 130), and the next run asks only the unrated', async () => {
    const dir = await newPortfolio();
    let io = testIO(dir);
    let p = scriptedPrompter([
      { select: 'AP1.1: your confidence', answer: 3 },
      { select: 'AP1.2: your confidence', answer: 'skip' },
      { select: 'AP1.3: your confidence', answer: 4 },
      { select: 'AP1.4: your confidence', answer: CTRL_C },
    ]);
    expect(await selfassess(io, { stage: 'baseline', dir }, p)).toBe(130);
    expect(io.output()).toContain('Stopped. Your ratings so far are saved in items/self-assessment-baseline.md.');
    // No rating is chosen in advance (a stray Enter would record it).
    expect(p.asked[0]!.default).toBe('ask');
    expect(item(dir, 'selfassessment-baseline').answered).toBe(2);

    io = testIO(dir);
    p = scriptedPrompter([
      { select: 'Carry on?', answer: 'walk' },
      { select: 'AP1.2: your confidence', answer: 2 },
      { select: 'AP1.4', answer: 'stop' },
    ]);
    expect(await selfassess(io, { stage: 'baseline', dir }, p)).toBe(0);
    p.done();
    expect(p.asked[0]!.choices![0]!.name).toBe('Carry on with the 34 not rated yet');
    expect(item(dir, 'selfassessment-baseline').ratings!.slice(0, 4).map((r) => r.value)).toEqual([3, 2, 4, null]);

    // going through them all again: the rating there is the default, and can be kept
    io = testIO(dir);
    p = scriptedPrompter([
      { select: 'Carry on?', answer: 'all' },
      { select: 'AP1.1: your confidence (now 3; Enter keeps it)', answer: 'skip' },
      { select: 'AP1.2', answer: 5 },
      { select: 'AP1.3', answer: CTRL_C },
    ]);
    expect(await selfassess(io, { stage: 'baseline', dir }, p)).toBe(130);
    expect(p.asked[1]!.default).toBe(3);
    expect(p.asked[1]!.choices!.find((c) => c.value === 'skip')!.name).toBe('Keep it as it is');
    expect(item(dir, 'selfassessment-baseline').ratings!.slice(0, 3).map((r) => r.value)).toEqual([3, 5, 4]);
  });

  it('the follow-up shows the baseline rating beside each statement', async () => {
    const dir = await newPortfolio();
    const p1 = scriptedPrompter([{ select: 'AP1.1', answer: 2 }, { select: 'AP1.2', answer: 'stop' }]);
    await selfassess(testIO(dir), { stage: 'baseline', dir }, p1);
    const io = testIO(dir);
    const p = scriptedPrompter([{ select: 'AP1.1', answer: 4 }, { select: 'AP1.2', answer: CTRL_C }]);
    expect(await selfassess(io, { stage: 'followup', dir }, p)).toBe(130);
    expect(io.output()).toContain('At the baseline you rated this: 2 (Starting out)');
    expect(io.output()).toContain('At the baseline you rated this: not rated');
    expect(item(dir, 'selfassessment-followup').ratings![0]!.value).toBe(4);
    expect(item(dir, 'selfassessment-baseline').ratings![0]!.value).toBe(2);
  });

  it('refuses a stage it does not know, naming the ones it does (exit 2)', async () => {
    const dir = await newPortfolio();
    const err = (await selfassess(testIO(dir), { stage: 'middle', dir }, scriptedPrompter([])).catch((e: unknown) => e)) as ExitError;
    expect(err).toBeInstanceOf(ExitError);
    expect(err.code).toBe(2);
    expect(err.message).toContain('baseline (at the start of the programme) or followup (at the end)');
  });

  it('keeps anything written beside a rating when it changes', () => {
    expect(withRating('Confidence (1-5):', 3)).toBe('Confidence (1-5): 3');
    expect(withRating('Confidence (1-5): 2 since the court case', 4)).toBe('Confidence (1-5): 4 since the court case');
    expect(withRating('Confidence (1-5): 2\n\nMy note.', 5)).toBe('Confidence (1-5): 5\n\nMy note.');
    expect(withRating('I wrote here but deleted the line', 1)).toBe('Confidence (1-5): 1\n\nI wrote here but deleted the line');
  });

  it('writes back a clean value over a rating written by hand', () => {
    expect(withRating('Confidence (1-5): 4/5', 3)).toBe('Confidence (1-5): 3');
    expect(withRating('Confidence (1-5): **4**', 2)).toBe('Confidence (1-5): 2');
    expect(withRating('Confidence (1-5): four', 5)).toBe('Confidence (1-5): 5');
    expect(withRating('Confidence (1-5): 4 - fairly confident', 3)).toBe('Confidence (1-5): 3');
    expect(withRating('Confidence (1-5): 3.5 after the hearing', 4)).toBe('Confidence (1-5): 4 after the hearing');
  });

  it('has no rating chosen in advance: Enter alone asks again, and nothing is recorded for it', async () => {
    const dir = await newPortfolio();
    const p = scriptedPrompter([
      { select: 'AP1.1: your confidence', answer: 'ask' },
      { select: 'AP1.1: please choose a rating from 1 to 5', answer: 4 },
      { select: 'AP1.2: your confidence', answer: 'stop' },
    ]);
    await selfassess(testIO(dir), { stage: 'baseline', dir }, p);
    expect(p.asked[0]!.default).toBe('ask');
    // The ratings come first, so typing 1 to 5 chooses them.
    expect(p.asked[0]!.choices!.slice(0, 5).map((c) => c.value)).toEqual([1, 2, 3, 4, 5]);
    expect(item(dir, 'selfassessment-baseline').ratings!.slice(0, 2).map((r) => r.value)).toEqual([4, null]);
  });
});
