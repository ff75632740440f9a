// In a git portfolio, exactly the signed content is committed: sign-off refuses
// while covered files are not committed, commits its record, and says which
// commit it signed, so "restore the signed version from git" works. The
// supervisor confirms the workshop attendance the participant recorded.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoCopy } from '../helpers.js';
import { run } from '../run.js';
import { signoff } from '../../src/commands/signoff.js';
import { scriptedPrompter, testIO } from '../guide/scripted.js';

const SIGNOFF = ['--name', 'Alex Morgan', '--role', 'Practice supervisor', '--date', '2026-09-15'];
const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
const record = (dir: string, file = 'signoffs/0001-final.json') => JSON.parse(readFileSync(join(dir, file), 'utf8'));
const status = async (dir: string) => JSON.parse((await run(['verify', dir, '--format', 'json'])).stdout).portfolios[0].signoff.status as string;

describe('sign-off and git', () => {
  it('refuses while a covered file is not committed, saying how to commit; then signs that commit and commits only its record', async () => {
    const dir = demoCopy('unsigned');
    appendFileSync(join(dir, 'module-1/week-3.md'), '\nA last thought before sign-off.\n');
    const refused = await run(['signoff', '--dir', dir, ...SIGNOFF, '--attendance-confirmed']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Sign-off refused: 1 file(s) the sign-off covers are not committed to git, so the signed version could not be restored from git:\n  module-1/week-3.md');
    expect(refused.stderr).toContain('git add -A && git commit -m');
    expect(existsSync(join(dir, 'signoffs'))).toBe(false);

    git(dir, 'commit', '-qam', 'A last thought');
    const signed = git(dir, 'rev-parse', 'HEAD');
    const s = await run(['signoff', '--dir', dir, ...SIGNOFF, '--attendance-confirmed']);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).toContain(`It signs the content of commit ${signed.slice(0, 10)}`);
    expect(record(dir).git_commit).toBe(signed);
    expect(git(dir, 'rev-parse', 'HEAD~1')).toBe(signed);
    expect(git(dir, 'show', '--name-only', '--format=', 'HEAD')).toBe('signoffs/0001-final.json');
    expect(git(dir, 'status', '--porcelain', '--', 'signoffs')).toBe('');

    // The finding: after an edit, "restore the signed version from git" could not work. Now it does.
    appendFileSync(join(dir, 'module-1/week-3.md'), '\nAn edit after the sign-off.\n');
    git(dir, 'commit', '-qam', 'Edited after sign-off');
    expect(await status(dir)).toBe('changed');
    git(dir, 'checkout', signed, '--', 'module-1/week-3.md');
    expect(await status(dir)).toBe('valid');
  });

  it('a new file not yet added, or one git ignores, is refused too', async () => {
    const dir = demoCopy('unsigned');
    mkdirSync(join(dir, 'attachments'));
    writeFileSync(join(dir, 'attachments/notes.md'), 'Notes.\n');
    const r = await run(['signoff', '--dir', dir, ...SIGNOFF, '--attendance-confirmed']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('  attachments/notes.md');
    rmSync(join(dir, 'attachments'), { recursive: true });
    appendFileSync(join(dir, '.gitignore'), '*.docx\n');
    git(dir, 'commit', '-qam', 'Ignore Word files');
    writeFileSync(join(dir, 'plan.docx'), 'binary-ish');
    const i = await run(['signoff', '--dir', dir, ...SIGNOFF, '--attendance-confirmed']);
    expect(i.code).toBe(1);
    expect(i.stderr).toContain('1 file(s) in the portfolio are ignored by git, so a sign-off of them could not be restored from git:\n  plan.docx');
    // private/ and submission/ are never covered: their state in git does not matter.
    rmSync(join(dir, 'plan.docx'));
    writeFileSync(join(dir, 'private/names.txt'), 'Someone Real\n');
    expect((await run(['signoff', '--dir', dir, ...SIGNOFF, '--attendance-confirmed'])).code).toBe(0);
  });

  it('without git: signs what is there, with no commit named', async () => {
    const dir = demoCopy('unsigned');
    rmSync(join(dir, '.git'), { recursive: true, force: true });
    const s = await run(['signoff', '--dir', dir, ...SIGNOFF, '--attendance-confirmed']);
    expect(s.code, s.stderr).toBe(0);
    expect(record(dir).git_commit).toBeNull();
  });
});

describe('workshop attendance', () => {
  it('asked with what was recorded: yes is kept in the record with what was confirmed', async () => {
    const dir = demoCopy('unsigned');
    const io = testIO(dir, { tty: true, today: '2026-09-15' });
    const ask = scriptedPrompter([{ confirm: 'Confirm the participant attended the 4 workshops as recorded above?', answer: true }]);
    expect(await signoff(io, { dir, name: 'Alex Morgan', role: 'Practice supervisor' }, ask)).toBe(0);
    ask.done();
    expect(io.output()).toContain('Module 1 workshop (task 1.4.3): Attended the workshop on Thursday 26 March 2026, the whole day.');
    const r = record(dir);
    expect(r.attendance_confirmed).toBe(true);
    expect(r.attendance).toHaveLength(4);
    expect(r.attendance[3]).toEqual({ module: 4, task: '4.4.4', recorded: 'Attended the workshop on Thursday 20 August 2026, the whole day.' });
    expect(await status(dir)).toBe('valid');
  });

  it('no to the final sign-off: refused, nothing recorded; an interim one records that it was not confirmed', async () => {
    const dir = demoCopy('unsigned');
    const io = testIO(dir, { tty: true, today: '2026-09-15' });
    const no = scriptedPrompter([{ confirm: /Confirm the participant attended/, answer: false }]);
    await expect(signoff(io, { dir, name: 'Alex Morgan', role: 'Practice supervisor' }, no)).rejects.toThrow('the workshop attendance was not confirmed. Nothing was recorded.');
    expect(existsSync(join(dir, 'signoffs'))).toBe(false);
    const m = scriptedPrompter([{ confirm: 'Confirm the participant attended the module 2 workshop as recorded above?', answer: false }]);
    expect(await signoff(io, { dir, name: 'Alex Morgan', role: 'Practice supervisor', module: '2' }, m)).toBe(0);
    expect(record(dir, 'signoffs/0001-module-2.json')).toMatchObject({ attendance_confirmed: false, attendance: [{ module: 2, task: '2.4.4' }] });
  });

  it('without a terminal: a final sign-off needs --attendance-confirmed (exit 2, saying so)', async () => {
    const dir = demoCopy('unsigned');
    const r = await run(['signoff', '--dir', dir, ...SIGNOFF]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('The participant recorded their attendance at the 4 workshops:');
    expect(r.stderr).toContain('run again with --attendance-confirmed. Nothing was recorded.');
    expect(existsSync(join(dir, 'signoffs'))).toBe(false);
  });
});
