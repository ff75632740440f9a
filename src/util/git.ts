import { spawnSync } from 'node:child_process';

export interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

export function git(cwd: string, args: string[], env?: NodeJS.ProcessEnv): GitResult {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: env ?? process.env, windowsHide: true });
  if (r.error) return { ok: false, stdout: '', stderr: r.error.message };
  return { ok: r.status === 0, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

let available: boolean | undefined;
export function gitAvailable(): boolean {
  available ??= git(process.cwd(), ['--version']).ok;
  return available;
}

/** Inside a git work tree whose top is `dir` or above it. */
export function isRepo(dir: string): boolean {
  return git(dir, ['rev-parse', '--is-inside-work-tree']).stdout.trim() === 'true';
}

/**
 * Commits everything in `dir` (git add -A). When no identity is configured on the
 * machine, commits in the participant's name rather than failing.
 */
export function commitAll(dir: string, message: string, name: string, paths: string[] = ['-A'], env?: NodeJS.ProcessEnv): GitResult {
  const add = git(dir, ['add', ...(paths[0] === '-A' ? ['-A'] : ['--', ...paths])]);
  if (!add.ok) return add;
  const identity: string[] = [];
  if (!git(dir, ['config', 'user.email']).stdout.trim()) identity.push('-c', `user.email=portfolio@permanence.invalid`);
  if (!git(dir, ['config', 'user.name']).stdout.trim()) identity.push('-c', `user.name=${name}`);
  return git(dir, [...identity, 'commit', '-q', '--no-verify', '-m', message], env);
}

export function headCommit(dir: string): { sha: string; date: string } | undefined {
  const r = git(dir, ['log', '-1', '--format=%H %cI']);
  if (!r.ok || !r.stdout.trim()) return undefined;
  const [sha, date] = r.stdout.trim().split(' ');
  return sha && date ? { sha, date } : undefined;
}
