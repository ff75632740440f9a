// The real binary, spawned without a terminal: --answers fills a week and the
// self-assessment; status sees them.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { tmp } from '../helpers.js';
import { run } from '../run.js';
import { loadProgramme } from '../../src/programme/load.js';
import type { Assessment } from '../../src/assess/assess.js';

const cat = loadProgramme();

export const WEEK_1_2 = {
  1: { a: true },
  2: { a: 'Fear for Jamal.', b: 'Sadness for Jamie.', c: 'Torn.', d: 'Angry for Erin.', e: 'Worried for Darren.', f: 'Heartbroken for Zara.' },
  3: { a: 'My first responses were about risk; on reflection I missed the voices of the children.' },
  4: { a: 'A teacher friend focused on school; a nurse on health needs.' },
  5: { a: 'A short reflective study about how my thinking is changing.' },
  6: { a: 'The blogs showed how isolated adoptive parents can feel.' },
  7: { a: 'How do we plan for child-to-parent violence in adoption support?' },
};

async function portfolio(git = false): Promise<string> {
  const dir = join(tmp(), 'a portfolio');
  const r = await run(['init', dir, '--yes', '--name', 'A. Practitioner', '--start', '2026-05-04', ...(git ? [] : ['--no-git'])]);
  expect(r.code, r.stderr).toBe(0);
  return dir;
}

async function status(dir: string): Promise<Assessment> {
  const r = await run(['status', '--json', '--dir', dir]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Assessment;
}

describe('permanence week and selfassess --answers (spawned)', () => {
  it('fills a whole week from a file, saying each answer as it is saved; status sees the week answered', async () => {
    const dir = await portfolio();
    const answers = join(tmp(), 'answers.yaml');
    writeFileSync(answers, stringify(WEEK_1_2));
    const r = await run(['week', '1.2', '--dir', dir, '--answers', answers]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Module 1, week 2 (programme week 2): Critical themes and issues');
    expect(r.stdout).toContain('✓ Saved task 2 a) My response to vignette 1 (Jamal)');
    expect(r.stdout).toContain('Module 1, week 2: 7 of 7 tasks answered.');
    expect(r.stdout).toContain('Week 1.2 is done. Next: permanence week 1.3');
    const a = await status(dir);
    const w = a.modules[0]!.weeks[1]!;
    expect(w.state).toBe('answered');
    expect(w.answered).toBe(7);
    // again: nothing changes
    const again = await run(['week', '1.2', '--dir', dir, '--answers', answers]);
    expect(again.stdout).toContain('= Already there: task 2 a)');
  });

  it('the same file with the week as its key, with --commit in a git portfolio: one commit of the week\'s file', async () => {
    const dir = await portfolio(true);
    const answers = join(tmp(), 'answers.yaml');
    writeFileSync(answers, stringify({ '1.2': WEEK_1_2, '1.3': { 1: { a: 'Not this week.' } } }));
    const r = await run(['week', '2', '--dir', dir, '--answers', answers, '--commit']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('"2" is week 2 of module 1, by the calendar (programme week 2 of 28)');
    const log = execFileSync('git', ['log', '-1', '--name-only', '--format=%s'], { cwd: dir, encoding: 'utf8' }).trim().split('\n');
    expect(log).toEqual(['Module 1, week 2: 7 of 7 tasks answered', '', 'module-1/week-2.md']);
    expect(readFileSync(join(dir, 'module-1/week-3.md'), 'utf8')).not.toContain('Not this week.');
  });

  it('--answers warns about an identifying detail in an answer it saved, asking nothing', async () => {
    const dir = await portfolio();
    writeFileSync(join(dir, 'private', 'names.txt'), 'Kayden\n');
    const answers = join(tmp(), 'answers.yaml');
    writeFileSync(answers, stringify({ 3: { a: 'Kayden taught me patience; he was born 03/04/2012.' } }));
    const r = await run(['week', '1.2', '--dir', dir, '--answers', answers]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('a name on your private list: Kayden');
    expect(r.stdout).toContain('what looks like a date of birth: 03/04/2012');
    const rated = join(tmp(), 'ratings.yaml');
    writeFileSync(rated, stringify({ 'AP1.1': 3, 'comment-1': 'Kayden is why I do this work.' }));
    const s = await run(['selfassess', '--stage', 'baseline', '--dir', dir, '--answers', rated]);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).toContain('a name on your private list: Kayden');
  });

  it('an answers file naming a task the week does not have: exit 2 with the file and line', async () => {
    const dir = await portfolio();
    const answers = join(tmp(), 'bad.yaml');
    writeFileSync(answers, '1:\n  a: true\n9:\n  a: "no such task"\n');
    const r = await run(['week', '1.2', '--dir', dir, '--answers', answers]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${answers}:3: week 1.2 has no task 9 (it has tasks 1 to 7)`);
  });

  it('without a terminal and without --answers: says so and exits 2 instead of waiting', async () => {
    const dir = await portfolio();
    const r = await run(['week', '1.2', '--dir', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no terminal to ask them in');
    const s = await run(['selfassess', '--stage', 'baseline', '--dir', dir]);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('permanence selfassess --stage baseline --answers ratings.yaml');
  });

  it('fills the self-assessment from { AP1.1: 3, ..., comment-1: "..." }; status counts it for the requirement', async () => {
    const dir = await portfolio();
    const ratings: Record<string, number | string> = {};
    cat.statements.forEach((s, i) => (ratings[s.id] = (i % 5) + 1));
    ratings['comment-1'] = 'Court work is where I want to grow.';
    const file = join(tmp(), 'ratings.yaml');
    writeFileSync(file, stringify(ratings));
    const r = await run(['selfassess', '--stage', 'baseline', '--dir', dir, '--answers', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('✓ Saved AP1.1: 1');
    expect(r.stdout).toContain('Self-assessment (baseline): 36 of 36 statements rated.');
    const a = await status(dir);
    const item = a.items.find((i) => i.id === 'selfassessment-baseline')!;
    expect(item.state).toBe('answered');
    expect(item.comments).toEqual([{ section: 1, text: 'Court work is where I want to grow.' }]);
    const reqs = a.requirements.filter((q) => cat.programme.requirements.find((x) => x.id === q.id)!.satisfied_by.includes('item:selfassessment-baseline'));
    expect(reqs.length).toBeGreaterThan(0);
    for (const q of reqs) expect(q.reasons.join('\n')).not.toContain('self-assessment-baseline.md');
  });

  it('selfassess: a rating out of range, or an unknown stage, exits 2 and says why', async () => {
    const dir = await portfolio();
    const file = join(tmp(), 'ratings.yaml');
    writeFileSync(file, 'AP1.1: 7\n');
    const r = await run(['selfassess', '--stage', 'followup', '--dir', dir, '--answers', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:1: selfassessment-followup: AP1.1: a rating is a whole number from 1 to 5`);
    const s = await run(['selfassess', '--stage', 'end', '--dir', dir]);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('the stage is baseline (at the start of the programme) or followup (at the end)');
  });
});
