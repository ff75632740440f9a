// A portfolio's .git/config, hooks and .gitattributes can name programs that git
// would run as whoever runs permanence. Each is planted here; plain git is shown
// to run them (so the plant is real), then every command of permanence that
// touches git is run on the same planted portfolio, and none of them runs.
import { describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { cli, demoCopy, hasTool, tmp } from '../helpers.js';

const hasGit = hasTool('git', 'the tests that git runs no program named by a portfolio');

/** Plants every program a repository can name in `dir`; each, if run, appends its name to the marker. */
function plant(dir: string, marker: string, attributes = '.gitattributes'): void {
  const bin = tmp('permanence-planted-');
  const script = (name: string, passThrough = false) => {
    const path = join(bin, name);
    writeFileSync(path, `#!/bin/sh\necho ${name} >> "${marker}"\n${passThrough ? 'cat\n' : ''}exit 0\n`);
    chmodSync(path, 0o755);
    return path;
  };
  const gitc = (...args: string[]) => execFileSync('git', ['config', ...args], { cwd: dir });
  gitc('core.fsmonitor', script('fsmonitor'));
  gitc('core.pager', script('pager'));
  gitc('pager.log', script('pager-log'));
  gitc('core.editor', script('editor'));
  gitc('diff.external', script('diff-external'));
  gitc('core.sshCommand', script('ssh-command'));
  gitc('credential.helper', script('credential-helper'));
  gitc('gpg.program', script('gpg-program'));
  gitc('gpg.ssh.program', script('gpg-ssh-program'));
  gitc('log.showSignature', 'true');
  gitc('commit.gpgSign', 'true');
  gitc('filter.evil.clean', script('clean-filter', true));
  gitc('filter.evil.smudge', script('smudge-filter', true));
  gitc('filter.evil.required', 'true');
  gitc('diff.evil.textconv', script('textconv', true));
  gitc('diff.evil.command', script('diff-driver'));
  const hooks = join(dir, '.git', 'hooks');
  mkdirSync(hooks, { recursive: true });
  for (const hook of ['pre-commit', 'prepare-commit-msg', 'commit-msg', 'post-commit', 'post-index-change', 'reference-transaction', 'pre-auto-gc', 'post-checkout']) {
    writeFileSync(join(hooks, hook), `#!/bin/sh\necho hook-${hook} >> "${marker}"\nexit 0\n`);
    chmodSync(join(hooks, hook), 0o755);
  }
  mkdirSync(join(dir, attributes, '..'), { recursive: true });
  // Markdown through the planted drivers; portfolio.yaml left to diff.external.
  writeFileSync(join(dir, attributes), '*.md filter=evil diff=evil\n');
}

const ran = (marker: string) => (existsSync(marker) ? readFileSync(marker, 'utf8').trim().split('\n').sort() : []);

/** A commit that carries a (meaningless) signature, so log.showSignature has something to show and asks gpg.program. */
function signedHead(dir: string): void {
  const raw = execFileSync('git', ['cat-file', 'commit', 'HEAD'], { cwd: dir, encoding: 'utf8' });
  const [head, ...body] = raw.split('\n\n');
  const sig = 'gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----';
  const sha = execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], { cwd: dir, input: `${head}\n${sig}\n\n${body.join('\n\n')}`, encoding: 'utf8' }).trim();
  execFileSync('git', ['update-ref', 'HEAD', sha], { cwd: dir });
}

describe.skipIf(!hasGit)('no program named by a portfolio runs', () => {
  it('the plant is real: plain git runs each planted program', () => {
    const dir = demoCopy('signed');
    const marker = join(tmp(), 'ran');
    signedHead(dir);
    plant(dir, marker);
    spawnSync('git', ['log', '-1'], { cwd: dir });
    expect(ran(marker), 'log.showSignature asks gpg.program').toContain('gpg-program');
    for (const file of ['module-1/week-1.md', 'portfolio.yaml']) writeFileSync(join(dir, file), `${readFileSync(join(dir, file), 'utf8')}\n# more\n`);
    spawnSync('git', ['add', '-A'], { cwd: dir });
    spawnSync('git', ['commit', '-m', 'x'], { cwd: dir }); // asks gpg.program to sign, which fails
    spawnSync('git', ['commit', '--no-gpg-sign', '-m', 'x'], { cwd: dir });
    spawnSync('git', ['diff', 'HEAD~1'], { cwd: dir });
    spawnSync('git', ['diff', '--no-ext-diff', 'HEAD~1'], { cwd: dir });
    spawnSync('git', ['fetch', 'ssh://example.invalid/x'], { cwd: dir, timeout: 20_000 });
    const names = ran(marker);
    for (const name of ['fsmonitor', 'clean-filter', 'hook-pre-commit', 'hook-prepare-commit-msg', 'hook-post-commit', 'gpg-program', 'diff-external', 'diff-driver', 'textconv', 'ssh-command']) {
      expect(names, name).toContain(name);
    }
  });

  it('week, selfassess, save, signoff, render, status, verify, export and changes run none of them', async () => {
    const dir = demoCopy('unsigned');
    const marker = join(tmp(), 'ran');
    signedHead(dir);
    plant(dir, marker);
    const answers = join(tmp(), 'answers.yaml');
    writeFileSync(answers, '3:\n  a: "A planted hook must not run when this is committed."\n');
    const rated = join(tmp(), 'rated.yaml');
    writeFileSync(rated, 'AP1.1: 4\n');
    const runs: [string[], number | number[]][] = [
      // render first, while the last commit carries a signature for log.showSignature to show
      [['render', '--dir', dir], 0],
      [['status', '--dir', dir], 0],
      [['verify', dir], 0],
      [['week', '1.2', '--dir', dir, '--answers', answers, '--commit'], 0],
      [['selfassess', '--stage', 'baseline', '--dir', dir, '--answers', rated, '--commit'], 0],
      // the planted .gitattributes is new: save commits it (through the same guards), as signoff asks
      [['save', '--dir', dir], 0],
      [['signoff', '--dir', dir, '--name', 'Alex Morgan', '--role', 'Practice supervisor', '--attendance-confirmed'], 0],
      [['verify', dir], 0],
      [['export', '--dir', dir, '--out', join(tmp(), 'leap2a.zip')], 0],
      // changes reads the signed text back from git: log, rev-list and show, through the same guards
      [['changes', '--dir', dir, '--since', 'HEAD~3'], [0, 1]],
      [['changes', '--dir', dir], [0, 1]],
    ];
    for (const [args, code] of runs) {
      const r = await cli(args);
      expect([code].flat(), `${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toContain(r.code);
      expect(r.stderr, args.join(' ')).not.toMatch(/\n\s+at .*:\d+:\d+/);
      expect(ran(marker), args.join(' ')).toEqual([]);
    }
    // The commands did their work: the week and the sign-off were committed.
    const log = execFileSync('git', ['log', '--format=%s', '-5'], { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
    expect(log).toContain("Supervisor's final sign-off: Alex Morgan");
    expect(log).toContain('Module 1, week 2');
  });

  it('a .git that leads out of the portfolio (a link, or a git file naming another repository) is not written to', async () => {
    const other = join(tmp(), 'other');
    mkdirSync(other);
    execFileSync('git', ['init', '-q'], { cwd: other });
    for (const make of [(dir: string) => symlinkSync(join(other, '.git'), join(dir, '.git')), (dir: string) => writeFileSync(join(dir, '.git'), `gitdir: ${join(other, '.git')}\n`)]) {
      const dir = demoCopy('unsigned');
      rmSync(join(dir, '.git'), { recursive: true, force: true });
      make(dir);
      const r = await cli(['signoff', '--dir', dir, '--name', 'Alex Morgan', '--role', 'Practice supervisor', '--attendance-confirmed']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).not.toContain('committed');
      expect(spawnSync('git', ['rev-parse', '--verify', '-q', 'HEAD'], { cwd: other }).status).not.toBe(0);
      expect(execFileSync('git', ['status', '--porcelain'], { cwd: other, encoding: 'utf8' })).toBe('');
    }
  });

  it.skipIf(!hasGit)("core.worktree naming another folder: status, save and signoff keep to the portfolio, and that folder's files never reach its history", async () => {
    const dir = demoCopy('unsigned');
    const elsewhere = tmp('permanence-elsewhere-');
    writeFileSync(join(elsewhere, 'supervisor-notes.txt'), 'PRIVATE: notes that are not the participant\'s\n');
    mkdirSync(join(elsewhere, 'module-1'));
    writeFileSync(join(elsewhere, 'module-1', 'stranger.md'), 'not part of this portfolio\n');
    execFileSync('git', ['config', 'core.worktree', elsewhere], { cwd: dir });
    // The plant is real: plain git now takes the other folder for the work tree.
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: dir, encoding: 'utf8' })).toContain('supervisor-notes.txt');
    const env = { PERMANENCE_TODAY: '2026-09-15' };
    const status = await cli(['status', '--dir', dir], { env });
    expect(status.stdout).not.toMatch(/supervisor-notes|stranger/);
    writeFileSync(join(dir, 'items', 'case-review.md'), readFileSync(join(dir, 'items', 'case-review.md'), 'utf8') + '\nOne more line.\n');
    const save = await cli(['save', '--dir', dir], { env });
    expect(save.code, save.stderr).toBe(0);
    const tracked = execFileSync('git', ['--work-tree', dir, 'ls-files'], { cwd: dir, encoding: 'utf8' });
    expect(tracked).toContain('items/case-review.md');
    expect(tracked).not.toMatch(/supervisor-notes|stranger/);
    const signoff = await cli(['signoff', '--dir', dir, '--name', 'Alex Morgan', '--role', 'Practice supervisor', '--attendance-confirmed'], { env });
    expect(signoff.code, signoff.stdout + signoff.stderr).toBe(0);
    expect(execFileSync('git', ['--work-tree', dir, 'ls-files'], { cwd: dir, encoding: 'utf8' })).not.toMatch(/supervisor-notes|stranger/);
    expect(readFileSync(join(elsewhere, 'supervisor-notes.txt'), 'utf8')).toContain('PRIVATE');
  });

  it('init inside a planted empty repository runs none of them', async () => {
    const dir = join(tmp(), 'p');
    mkdirSync(dir);
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const marker = join(tmp(), 'ran');
    // init takes only an empty folder (an empty repository allowed): the attributes go in .git/info.
    plant(dir, marker, '.git/info/attributes');
    const r = await cli(['init', dir, '--yes', '--name', 'Sam Rivers']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('with a first commit');
    expect(ran(marker)).toEqual([]);
  });

  it('the environment cannot point git elsewhere: demo ignores GIT_DIR, GIT_CONFIG_PARAMETERS and GIT_EXTERNAL_DIFF', async () => {
    const marker = join(tmp(), 'ran');
    const hooks = tmp();
    writeFileSync(join(hooks, 'post-commit'), `#!/bin/sh\necho env-hook >> "${marker}"\n`);
    chmodSync(join(hooks, 'post-commit'), 0o755);
    const elsewhere = join(tmp(), 'elsewhere.git');
    const demo = join(tmp(), 'demo');
    const r = await cli(['demo', demo], {
      env: { GIT_DIR: elsewhere, GIT_CONFIG_PARAMETERS: `'core.hooksPath=${hooks}'`, GIT_EXTERNAL_DIFF: join(hooks, 'post-commit'), GIT_PAGER: join(hooks, 'post-commit') },
    });
    expect(r.code).toBe(0);
    expect(ran(marker)).toEqual([]);
    expect(existsSync(elsewhere)).toBe(false);
    expect(existsSync(join(demo, '.git', 'HEAD'))).toBe(true);
  });
});
