// What status says of the history: worked out by git while status reads the
// portfolio, for a portfolio that is its own repository, one inside a larger
// repository, one that is none, and a machine without git.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, demoCopy, tmp } from '../helpers.js';
import { run } from '../run.js';

const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.org', ...args], { cwd, encoding: 'utf8' });
const historyLine = (out: string) => out.split('\n').find((l) => /history/.test(l)) ?? '';

describe('status and the history', () => {
  it('a portfolio that is its own repository: the files changed since the last commit, counted', async () => {
    const dir = demoCopy();
    appendFileSync(join(dir, 'module-1', 'week-2.md'), '\nOne more thought.\n');
    writeFileSync(join(dir, 'private', 'mine.txt'), 'x');
    const r = await run(['status', '--dir', dir]);
    expect(r.code).toBe(0);
    expect(historyLine(r.stdout)).toMatch(/2 files not yet in your portfolio's history: permanence save --dir .* keeps them/);
  });

  it('a portfolio inside a larger repository: counted from the portfolio, not the repository', async () => {
    const top = tmp();
    git(top, 'init', '-q');
    const dir = join(top, 'work', 'portfolio');
    mkdirSync(join(top, 'work'), { recursive: true });
    cpSync(demoCopy(), dir, { recursive: true });
    rmSync(join(dir, '.git'), { recursive: true, force: true });
    writeFileSync(join(top, 'elsewhere.txt'), 'not the portfolio');
    git(top, 'add', '-A');
    git(top, 'commit', '-q', '-m', 'all');
    appendFileSync(join(dir, 'module-1', 'week-2.md'), '\nOne more thought.\n');
    writeFileSync(join(top, 'elsewhere.txt'), 'changed, outside the portfolio');
    const r = await run(['status'], { cwd: dir });
    expect(historyLine(r.stdout)).toContain("1 file not yet in your portfolio's history");
  });

  it('a portfolio that is no repository, and a machine without git, say so', async () => {
    const dir = demoCopy();
    rmSync(join(dir, '.git'), { recursive: true, force: true });
    expect((await run(['status', '--dir', dir])).stdout).toContain('no history is kept, as this portfolio is not a git repository');
    // Spawned: the PATH of the process decides whether git can be started.
    const withRepo = demoCopy();
    for (const d of [dir, withRepo]) {
      const r = await cli(['status', '--dir', d], { env: { PATH: '/nonexistent' } });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('no history is kept, as git is not installed');
    }
  });
});

describe('status of a signed portfolio', () => {
  it('does not ask for a sign-off that is recorded: it says how to check it and make the PDF', async () => {
    const signed = await run(['status', '--dir', demoCopy('signed')], { env: { PERMANENCE_TODAY: '2026-09-14' } });
    expect(signed.stdout).toContain('Next: Everything is answered and a final sign-off is recorded.');
    expect(signed.stdout).toContain('permanence verify, then permanence render');
    expect(signed.stdout).not.toContain('ask your supervisor');
    const unsigned = await run(['status', '--dir', demoCopy('unsigned')], { env: { PERMANENCE_TODAY: '2026-09-14' } });
    expect(unsigned.stdout).toContain('ask your supervisor to run permanence verify and');
  });
});
