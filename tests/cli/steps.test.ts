// Every step is clear: the history kept with permanence save and at the end of
// a session, week references that agree with status, the next step at points
// of a portfolio's life, and portfolio.yaml's messages in plain words.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clean, tmp } from '../helpers.js';
import { run } from '../run.js';
import { week } from '../../src/commands/week.js';
import { newPortfolio, scriptedPrompter, testIO, CTRL_C } from '../guide/scripted.js';
import { loadProgramme } from '../../src/programme/load.js';

const cat = loadProgramme();
const FINISH = /to finish/i;
const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
const TODAY = '2026-05-11';
/** A start date that puts TODAY in programme week n. */
const startFor = (n: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) - (n - 1) * 7 * 86_400_000).toISOString().slice(0, 10);

async function portfolio(options: { git?: boolean; week?: number } = {}): Promise<string> {
  const dir = join(tmp(), 'my portfolio');
  const r = await run(['init', dir, '--yes', '--name', 'A. Practitioner', '--start', startFor(options.week ?? 2), ...(options.git ? [] : ['--no-git'])]);
  expect(r.code, r.stderr).toBe(0);
  return dir;
}

function answers(yaml: string): string {
  const file = join(tmp(), 'answers.yaml');
  writeFileSync(file, yaml);
  return file;
}

const ratings = (n = cat.statements.length) => `selfassessment-baseline:\n${cat.statements.slice(0, n).map((s) => `  ${s.id}: 3\n`).join('')}`;

describe('permanence save and the history', () => {
  it('status names uncommitted work and the command; save commits all of it with a message in the programme\'s words', async () => {
    const dir = await portfolio({ git: true });
    const before = clean((await run(['status', '--dir', dir])).stdout);
    expect(before).not.toContain('not yet in your portfolio');
    const w = await run(['week', '1.2', '--dir', dir, '--answers', answers('3: { a: "Risk first." }\n4: { a: "Then loss." }\n5: { a: "A study." }\n')]);
    expect(w.code, w.stderr).toBe(0);
    const sa = await run(['selfassess', '--stage', 'baseline', '--dir', dir, '--answers', answers(ratings(4))]);
    expect(sa.code, sa.stderr).toBe(0);
    writeFileSync(join(dir, 'notes.txt'), 'my own notes\n');
    const lines = clean((await run(['status', '--dir', dir])).stdout).split('\n');
    const at = lines.findIndex((l) => l.includes('not yet in your portfolio'));
    expect(lines[at]).toBe(`⚠ 3 files not yet in your portfolio's history: permanence save --dir ${dir.includes(' ') ? `"${dir}"` : dir} keeps them`);
    expect(at).toBeLessThan(5);

    const r = await run(['save', '--dir', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("✓ Saved 3 files to your portfolio's history: Module 1 week 2: tasks 3-5; baseline self-assessment: 4 ratings; 1 other file");
    expect(git(dir, 'log', '-1', '--format=%s').trim()).toBe('Module 1 week 2: tasks 3-5; baseline self-assessment: 4 ratings; 1 other file');
    expect(r.stdout).toContain("  Also saved, not one of the programme's entries: notes.txt. Keep what is for this computer only in private/, which git does not keep.");
    expect(git(dir, 'status', '--porcelain')).toBe('');
    expect(clean((await run(['status', '--dir', dir])).stdout)).not.toContain('not yet in your portfolio');
    // nothing left: says so, exit 0, no empty commit
    const again = await run(['save', '--dir', dir]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to save');
    expect(git(dir, 'log', '--oneline').trim().split('\n')).toHaveLength(2);
  });

  it('one task, and a removed file, named as such; --message gives its own', async () => {
    const dir = await portfolio({ git: true });
    await run(['week', '1.3', '--dir', dir, '--answers', answers('1: { a: "Notes on section 20." }\n')]);
    expect((await run(['save', '--dir', dir])).stdout).toContain('Module 1 week 3: task 1');
    execFileSync('git', ['rm', '-q', 'items/case-review.md'], { cwd: dir });
    const r = await run(['save', '--dir', dir, '--message', 'Took out the case review for now']);
    expect(r.code).toBe(0);
    expect(git(dir, 'log', '-1', '--format=%s').trim()).toBe('Took out the case review for now');
    writeFileSync(join(dir, 'items/case-review.md'), readFileSync(join(dir, 'module-1/week-3.md'), 'utf8'));
    execFileSync('git', ['checkout', '-q', 'HEAD~1', '--', 'items/case-review.md'], { cwd: dir });
    execFileSync('git', ['reset', '-q'], { cwd: dir });
    expect((await run(['save', '--dir', dir])).stdout).toMatch(/Saved 1 file .*: Review of work with a child/);
  });

  it('after a Ctrl-C the answers are on disk, the session says how to save them, and save does', async () => {
    const dir = await newPortfolio({ git: true });
    const io = testIO(dir);
    const p = scriptedPrompter([
      { select: 'What would you like to do?', answer: 3 },
      { multiline: FINISH, answer: 'My first responses were about risk.' },
      { select: 'What would you like to do?', answer: 4 },
      { multiline: FINISH, answer: CTRL_C },
    ]);
    expect(await week(io, '1.2', { dir }, p)).toBe(130);
    expect(io.output()).toContain("To keep them in your portfolio's history as well: permanence save");
    expect(git(dir, 'log', '--oneline').trim().split('\n')).toHaveLength(1);
    const r = await run(['save', '--dir', dir]);
    expect(r.stdout).toContain('Module 1 week 2: task 3');
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });

  it('the commit at the end of week takes an item filled from the week, and names it', async () => {
    const dir = await newPortfolio({ git: true });
    const io = testIO(dir);
    const p = scriptedPrompter([
      { select: 'Fill it in now?', answer: true },
      { multiline: FINISH, answer: 'Confidence in court.' },
      { multiline: FINISH, answer: 'My supervisor sees clearer evidence.' },
      { input: 'Specialist area', answer: 'Sibling relationships' },
      { select: 'Fill it in now?', answer: false },
      { multiline: FINISH, answer: '' },
      { confirm: /Save this to your portfolio's history/, answer: true },
    ]);
    expect(await week(io, '1.1', { dir, task: '8' }, p)).toBe(0);
    p.done();
    const log = git(dir, 'log', '-1', '--name-only', '--format=%s').trim().split('\n');
    expect(log[0]).toBe('Module 1, week 1: 0 of 9 tasks answered; learning goals for the programme');
    expect(log.slice(2).sort()).toEqual(['items/learning-goals.md', 'module-1/week-1.md']);
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });

  it('without git: save and status say so once, and carry on', async () => {
    const dir = await portfolio();
    const s = await run(['save', '--dir', dir]);
    expect(s.code).toBe(0);
    expect(s.stdout).toBe('Nothing to save to: no history is kept, as this portfolio is not a git repository.\n');
    const st = clean((await run(['status', '--dir', dir])).stdout);
    expect(st.match(/no history/g)).toHaveLength(1);
    const w = await run(['week', '1.2', '--dir', dir, '--commit', '--answers', answers('3: { a: "Risk." }\n')]);
    expect(w.code).toBe(0);
    expect(w.stdout.match(/no history/g)).toHaveLength(1);
  });
});

describe('week references agree with status', () => {
  it('in programme week 9: "week 9", "week 2", no reference and "2.2" all open module 2, week 2, and say so', async () => {
    const dir = await portfolio({ week: 9 });
    const file = answers('1: { a: "Noted." }\n');
    const opened = async (...ref: string[]) => {
      const r = await run(['week', ...ref, '--dir', dir, '--answers', file]);
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    const status = clean((await run(['status', '--dir', dir])).stdout);
    expect(status).toContain('Programme week 9 of 28 (module 2, week 2) by the calendar: permanence week 2.2');
    for (const ref of [['9'], ['2'], [], ['2.2']]) expect(await opened(...ref)).toContain('Module 2, week 2 (programme week 9):');
    expect(await opened('9')).toContain('"9" is programme week 9 (of 28): module 2, week 2.');
    expect(await opened('2')).toContain('"2" is week 2 of module 2, by the calendar (programme week 9 of 28).');
    expect(await opened()).toContain('This is this week by the calendar (programme week 9 of 28).');
    // 8 to 28 are programme weeks whatever the calendar; 1 to 7 a week of the current module
    expect(await opened('8')).toContain('Module 2, week 1 (programme week 8):');
    expect(await opened('28')).toContain('Module 4, week 7 (programme week 28):');
    expect(await opened('1')).toContain('Module 2, week 1 (programme week 8):');
    expect(await opened('1.1')).toContain('Module 1, week 1 (programme week 1):');
    for (const bad of ['29', '0', 'nine']) {
      const r = await run(['week', bad, '--dir', dir]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toContain('permanence week 9        programme week 9 (of 28)');
    }
  });

  it('whatever status prints as the week or the next step runs as printed', async () => {
    const dir = await portfolio({ week: 11 });
    const printed = async () => {
      const out = clean((await run(['status', '--dir', dir])).stdout);
      return [...out.matchAll(/permanence (week [\d.]+|selfassess --stage \w+)/g)].map((m) => m[1]!.split(' '));
    };
    const first = await printed();
    expect(first).toEqual([['week', '2.4'], ['selfassess', '--stage', 'baseline']]);
    for (const cmd of first) {
      const r = await run([...cmd, '--dir', dir, '--answers', cmd[0] === 'week' ? answers('1: { a: "x" }\n') : answers(ratings())]);
      expect(r.code, `${cmd.join(' ')}: ${r.stderr}`).toBe(0);
    }
    const [, next] = await printed();
    expect(next).toEqual(['week', '1.1']);
    const r = await run(['week', '1.1', '--dir', dir, '--answers', answers('1: { a: true }\n')]);
    expect(r.code, r.stderr).toBe(0);
  });
});

describe('the next step at points of a portfolio', () => {
  const next = async (dir: string) => {
    const out = clean((await run(['status', '--dir', dir])).stdout);
    return out.slice(out.indexOf('Next:'), out.indexOf('\n\n', out.indexOf('Next:')));
  };

  it('baseline first; then Start a week never started, Continue one started; never wrapping mid-word at 80 columns', async () => {
    const dir = await portfolio({ week: 13 });
    expect(await next(dir)).toBe('Next: Rate your baseline confidence against the KSS-AP (36 statements):\n      permanence selfassess --stage baseline');
    await run(['selfassess', '--stage', 'baseline', '--dir', dir, '--answers', answers(ratings(10))]);
    expect(await next(dir)).toBe('Next: Carry on with your baseline self-assessment (10 of 36 rated):\n      permanence selfassess --stage baseline');
    await run(['selfassess', '--stage', 'baseline', '--dir', dir, '--answers', answers(ratings())]);
    const start = await next(dir);
    expect(start).toMatch(/^Next: Start module 1, week 1 \(An introduction to the Achieving Permanence\n {6}programme\): permanence week 1\.1$/);
    await run(['week', '1.1', '--dir', dir, '--answers', answers('1: { a: true }\n')]);
    expect(await next(dir)).toMatch(/^Next: Continue module 1, week 1 \(An introduction to the Achieving Permanence\n {6}programme\), task 2 next: permanence week 1\.1$/);
    for (const l of clean((await run(['status', '--dir', dir])).stdout).split('\n')) expect(l.length).toBeLessThanOrEqual(80);
  });

  it('in Module 4, the follow-up self-assessment', async () => {
    const dir = await portfolio({ week: 23 });
    await run(['selfassess', '--stage', 'baseline', '--dir', dir, '--answers', answers(ratings())]);
    expect(await next(dir)).toBe('Next: Rate your follow-up confidence against the KSS-AP (36 statements):\n      permanence selfassess --stage followup');
  });

  it('the essentials fit in 15 lines; --all lists every requirement and KSS-AP section', async () => {
    const dir = await portfolio({ git: true, week: 11 });
    writeFileSync(join(dir, 'private/names.txt'), 'Kayden\n');
    await run(['week', '1.2', '--dir', dir, '--answers', answers('3: { a: "Kayden taught me patience." }\n')]);
    const lines = clean((await run(['status', '--dir', dir])).stdout).split('\n');
    const top = lines.slice(0, 15).join('\n');
    for (const essential of ['A. Practitioner', 'Programme week 11 of 28', 'identifying detail', 'not yet in your portfolio', 'Next:', 'Module 4', 'Requirements 0 of 25 met']) expect(top).toContain(essential);
    expect(lines.join('\n')).not.toContain('Section 1:');
    expect(lines.join('\n')).toContain('permanence status --all');
    const all = clean((await run(['status', '--all', '--dir', dir])).stdout);
    expect(all).toContain('✗ Learning agreement and study plan');
    expect(all).toMatch(/Section 1: 0\/\d+/);
  });
});

describe('portfolio.yaml in plain words', () => {
  const withLine = async (key: string, line: string) => {
    const dir = await portfolio();
    const file = join(dir, 'portfolio.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(new RegExp(`^${key}:.*$`, 'm'), line));
    const n = readFileSync(file, 'utf8').split('\n').indexOf(line) + 1;
    const r = await run(['status', '--dir', dir]);
    expect(r.code).toBe(0);
    return { out: clean(r.stdout), n };
  };

  it('a colon inside a value: the real cause first, with the line and the value in quotes', async () => {
    const { out, n } = await withLine('participant', 'participant: Sam: team A');
    const lines = out.split('\n');
    expect(lines[0]).toBe('Achieving Permanence · portfolio.yaml cannot be read');
    expect(lines[1]).toBe(`  error portfolio.yaml:${n}: the value has a colon in it, so it cannot be read`);
    expect(lines[2]).toBe('      fix: put the value in quotes: participant: "Sam: team A"');
    expect(out).toContain(`Next: Fix portfolio.yaml line ${n} (above), then run: permanence status`);
    expect(out).not.toContain('(no participant)');
    expect(out).not.toContain('No valid start date');
  });

  it('a UK date: the date it would be, written the way portfolio.yaml needs', async () => {
    const { out, n } = await withLine('start_date', 'start_date: 05/10/2026');
    expect(out).toContain(`portfolio.yaml:${n}: start_date 05/10/2026 is written day first; portfolio.yaml needs year-month-day`);
    expect(out).toContain('fix: if you mean 5 October 2026 (2026-10-05), write start_date: 2026-10-05');
    expect(out).not.toMatch(/pattern|\^\[0-9\]|regex/i);
  });

  it('a date the calendar does not have, and one that is not a date', async () => {
    const bad = await withLine('start_date', 'start_date: 2026-02-31');
    expect(bad.out).toContain(`portfolio.yaml:${bad.n}: start_date: 2026-02-31 is not in the calendar: February 2026 has 28 days`);
    const words = await withLine('start_date', 'start_date: next monday');
    expect(words.out).toContain('start_date: "next monday" is not a date that permanence can read');
    expect(words.out).toContain('write it as year-month-day, e.g. start_date: 2026-09-07');
  });

  it('an unknown setting, a line indented by mistake, current_module out of range', async () => {
    expect((await withLine('cohort', 'colour: blue')).out).toContain('"colour" is not a setting permanence knows');
    expect((await withLine('cohort', '  cohort: North')).out).toContain('starts with spaces');
    expect((await withLine('cohort', 'current_module: 5')).out).toContain('write current_module: 1, 2, 3 or 4');
  });

  it('signoff --date: a day the calendar does not have is refused in words', async () => {
    const dir = await portfolio();
    const r = await run(['signoff', '--dir', dir, '--name', 'J. Manager', '--role', 'Supervisor', '--date', '2026-04-31', '--module', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('April 2026 has 30 days');
  });
});

describe('messages for participants, without jargon', () => {
  it('a file whose header was deleted, or names its item wrongly: said in plain words', async () => {
    const dir = await portfolio();
    const goals = join(dir, 'items/learning-goals.md');
    const text = readFileSync(goals, 'utf8');
    writeFileSync(goals, text.replace(/^item: .*$/m, 'item: Learning Goals'));
    const wrong = clean((await run(['status', '--dir', dir])).stdout);
    expect(wrong).toContain('in the header, item is "Learning Goals", which is not what permanence wrote there');
    writeFileSync(goals, text.slice(text.indexOf('\n---', 3) + 4));
    const gone = clean((await run(['status', '--dir', dir])).stdout);
    expect(gone).toContain('the file does not start with its header');
    for (const out of [wrong, gone]) expect(out).not.toMatch(/front ?matter|regex|pattern|SHA|git log/i);
  });
});

describe('the next step always names what to run', () => {
  it('a requirement over its limit, an item to write, a statement without evidence: each with its command', async () => {
    const { nextStepText } = await import('../../src/report/words.js');
    const over = nextStepText({
      kind: 'requirement',
      id: 'reflective-study-1.5',
      title: 'Reflective study',
      reason: { kind: 'over-limit', ref: '1.5.3', title: 'Reflective study', file: 'module-1/week-5.md', line: 40, field: 'a', label: 'Reflective study', words: 612, limit: 500 },
    });
    expect(over).toMatch(/612 words, maximum 500\): permanence week 1\.5 --task 3$/);
    const item = nextStepText({
      kind: 'requirement',
      id: 'briefing-paper',
      title: 'Briefing paper',
      reason: { kind: 'unanswered', ref: 'item:briefing-paper', title: 'Briefing paper', file: 'items/briefing-paper.md', state: 'empty', of: 'fields', answered: 0, total: 3, missing: [] },
    });
    expect(item).toMatch(/: write it in items\/briefing-paper\.md, in any editor$/);
    expect(nextStepText({ kind: 'statement', id: 'AP2.1', weeks: ['1.2', '2.3'] })).toBe('KSS-AP AP2.1 has no evidence yet; finish week 1.2 (or 2.3): permanence week 1.2');
    // and the week command runs as printed
    const dir = await portfolio();
    const r = await run(['week', '1.5', '--task', '3', '--dir', dir, '--answers', answers('3: { a: "A study." }\n')]);
    expect(r.code, r.stderr).toBe(0);
  });
});

describe('init asking the start date', () => {
  it('takes a UK date with a confirmation, and refuses a day the calendar does not have, in words', async () => {
    const { init } = await import('../../src/commands/init.js');
    const dir = join(tmp(), 'p');
    const p = scriptedPrompter([
      { input: 'Your name, or a pseudonym', answer: 'Jo Bloggs' },
      { input: 'Your supervisor or line manager', answer: 'M. Manager' },
      { input: 'Programme start date', answer: '05/10/2026' },
    ]);
    const io = testIO(process.cwd());
    expect(await init(io, { dir, cohort: 'South 2026', git: false }, p)).toBe(0);
    p.done();
    expect(io.output()).toContain('05/10/2026 is taken as 5 October 2026 (2026-10-05).');
    expect(readFileSync(join(dir, 'portfolio.yaml'), 'utf8')).toMatch(/^start_date: 2026-10-05/m);
    const validate = p.asked.find((a) => a.message.startsWith('Programme start date'))!;
    expect(validate.message).toBe('Programme start date (year-month-day, e.g. 2026-09-07):');
    // the prompt's own check: a day the calendar does not have is refused, saying why
    const refused = scriptedPrompter([
      { input: 'Your name, or a pseudonym', answer: 'Jo Bloggs' },
      { input: 'Your supervisor or line manager', answer: 'M. Manager' },
      { input: 'Programme start date', answer: '2026-02-31' },
    ]);
    await expect(init(testIO(process.cwd()), { dir: join(tmp(), 'q'), cohort: 'South 2026', git: false }, refused)).rejects.toThrow('is refused: 2026-02-31 is not in the calendar: February 2026 has 28 days');
  });
});

describe('permanence week after the 28 weeks', () => {
  it('opens the earliest week not finished, and says why', async () => {
    const dir = await portfolio({ week: 31 });
    await run(['week', '1.1', '--dir', dir, '--answers', answers(`1: { a: true }\n2: { a: true }\n`)]);
    const r = await run(['week', '--dir', dir, '--answers', answers('1: { a: "Noted." }\n')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Module 1, week 1 (programme week 1):');
    expect(r.stdout).toMatch(/The 28 weeks from \d{4}-\d{2}-\d{2} have ended: this is the earliest week not finished\./);
    // a bare week number has no module to be in: it asks for one
    const bare = await run(['week', '2', '--dir', dir]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('permanence week 1.2');
  });
});
