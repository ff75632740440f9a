// Every git command permanence runs, and the settings it runs them with. A
// portfolio is someone else's files: its .git/config and .gitattributes can name
// programs (hooks, fsmonitor, filters, pagers, diff and signature programs, ssh and
// credential helpers) that git would run as whoever runs permanence. Each is
// switched off here, for every call, from the command line, which git weighs
// above any file of the repository.
import { execFile, spawnSync } from 'node:child_process';
import { lstatSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';

export interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
  /** git could not be started: it is not installed (or not on PATH). */
  missing?: true;
}

/**
 * Settings given on git's command line (highest priority, and passed on to any
 * git that git itself starts). Each names no program, or turns off what would run one.
 */
const SAFE_SETTINGS: [string, string][] = [
  ['core.hooksPath', '/dev/null'], // no hook at all: --no-verify stops only two of them
  ['core.fsmonitor', 'false'],
  ['core.pager', 'cat'],
  ['core.editor', ':'], // ":" is git's own "no editor"
  ['sequence.editor', ':'],
  ['core.sshCommand', 'ssh'],
  ['core.askPass', ''],
  ['core.gitProxy', ''],
  ['credential.helper', ''], // an empty value empties the list of helpers
  ['protocol.allow', 'never'], // no transport: nothing to fetch, so no ssh, proxy or helper
  ['commit.gpgSign', 'false'],
  ['tag.gpgSign', 'false'],
  ['log.showSignature', 'false'],
  ['gpg.program', 'gpg'],
  ['gpg.openpgp.program', 'gpg'],
  ['gpg.x509.program', 'gpgsm'],
  ['gpg.ssh.program', 'ssh-keygen'],
  ['gpg.ssh.defaultKeyCommand', ''],
  ['submodule.recurse', 'false'],
  ['gc.auto', '0'],
  ['maintenance.auto', 'false'],
];
// diff.external and textconv run only where a diff is shown: every such call passes --no-ext-diff --no-textconv.

/** Variables of the supervisor's own that say who and when, and nothing about where or what to run. */
const KEPT_GIT_VARIABLES = /^GIT_(AUTHOR|COMMITTER)_(NAME|EMAIL|DATE)$/;

/** Long enough for any honest portfolio; a repository that makes git hang does not hang permanence. */
const GIT_TIMEOUT_MS = 60_000;

function cleanEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) if (!k.startsWith('GIT_') || KEPT_GIT_VARIABLES.test(k)) env[k] = v;
  env.GIT_EDITOR = ':';
  env.GIT_SEQUENCE_EDITOR = ':';
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_PAGER = 'cat';
  env.GIT_OPTIONAL_LOCKS = '0';
  return env;
}

/** git's arguments with the safe settings (and any extra ones) before the command. */
function safeArgs(args: string[], extra: [string, string][] = []): string[] {
  const settings = [...SAFE_SETTINGS, ...extra].flatMap(([k, v]) => ['-c', `${k}=${v}`]);
  return ['--no-pager', ...settings, ...args];
}

const SPAWN = { encoding: 'utf8', windowsHide: true, timeout: GIT_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 } as const;

function spawnGit(cwd: string, args: string[], env: NodeJS.ProcessEnv): GitResult {
  const r = spawnSync('git', args, { ...SPAWN, cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) return { ok: false, stdout: '', stderr: r.error.message, ...((r.error as NodeJS.ErrnoException).code === 'ENOENT' ? { missing: true as const } : {}) };
  if (r.signal) return { ok: false, stdout: r.stdout ?? '', stderr: `git was stopped (${r.signal})` };
  return { ok: r.status === 0, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

function spawnGitAsync(cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<GitResult> {
  return new Promise((done) => {
    const child = execFile('git', args, { ...SPAWN, cwd, env }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { signal?: string | null }) | null;
      if (e?.code === 'ENOENT') done({ ok: false, stdout: '', stderr: e.message, missing: true });
      else if (e?.signal) done({ ok: false, stdout, stderr: `git was stopped (${e.signal})` });
      else done({ ok: !e, stdout, stderr: e && typeof e.code !== 'number' ? e.message : stderr });
    });
    child.stdin?.end();
  });
}

/**
 * Commands that can pass file contents through a filter named by .gitattributes
 * (show, log and cat-file give a blob as stored unless asked for --filters or --textconv).
 */
const FILTERING = new Set(['add', 'commit', 'status', 'diff', 'checkout', 'restore', 'stash', 'reset', 'switch', 'merge', 'rebase', 'cherry-pick']);

/**
 * Every filter driver the repository's settings define (filter.<name>.clean,
 * .smudge, .process), each emptied: a filter with no command is no filter,
 * whatever .gitattributes names. git 2.39 has no way to ignore the tree's
 * attributes, and the names cannot be known in advance, so they are read first.
 */
const FILTER_SETTINGS = ['config', '--null', '--get-regexp', '^filter\\.'];
function filterOverrides(r: GitResult): [string, string][] | { refused: string } {
  // Exit 1: no filter defined. Anything else (not a repository): nothing to switch off.
  if (!r.ok) return [];
  const names = new Set<string>();
  for (const item of r.stdout.split('\0')) {
    const key = item.split('\n')[0] ?? '';
    const last = key.lastIndexOf('.');
    if (!key.startsWith('filter.') || last <= 'filter.'.length) continue;
    names.add(key.slice('filter.'.length, last));
  }
  const out: [string, string][] = [];
  for (const name of names) {
    // A name git's -c could not carry exactly: refuse rather than risk running it.
    if (/[=\n\0]/.test(name)) return { refused: `the repository's settings define a filter named ${JSON.stringify(name)}, which permanence cannot switch off` };
    for (const v of ['clean', 'smudge', 'process']) out.push([`filter.${name}.${v}`, '']);
    out.push([`filter.${name}.required`, 'false']);
  }
  return out;
}

/**
 * The git commands one call runs, each handed to whoever runs them: first the
 * filters to switch off, where the command could run one, then the command.
 */
function* steps(cwd: string, args: string[]): Generator<string[], GitResult, GitResult> {
  const here = ownRepository(cwd);
  let extra: [string, string][] = [];
  if (args.some((a) => FILTERING.has(a))) {
    const filters = filterOverrides(yield [...here, ...safeArgs(FILTER_SETTINGS)]);
    if ('refused' in filters) return { ok: false, stdout: '', stderr: filters.refused };
    extra = filters;
  }
  return yield [...here, ...safeArgs(args, extra)];
}

/** Runs git in `cwd` with every program the repository could name switched off. */
export function git(cwd: string, args: string[], env?: NodeJS.ProcessEnv): GitResult {
  const clean = cleanEnv(env ?? process.env);
  const run = steps(cwd, args);
  for (let step = run.next(); ; ) {
    if (step.done) return step.value;
    step = run.next(spawnGit(cwd, step.value, clean));
  }
}

/**
 * In a portfolio with its own repository (a .git folder), the repository and
 * its work tree named on git's command line, which git weighs above
 * core.worktree: a portfolio's .git/config could otherwise make its work tree
 * any folder of the machine, and "save" would commit that folder's files into
 * the portfolio's history. Elsewhere (a portfolio inside a larger repository,
 * a folder about to be made one), git finds them itself.
 */
function ownRepository(cwd: string): string[] {
  const dotGit = join(cwd, '.git');
  try {
    if (lstatSync(dotGit).isDirectory()) return ['--git-dir', resolve(dotGit), '--work-tree', resolve(cwd)];
  } catch {
    // none here
  }
  return [];
}

/** git as above, without waiting for it: for work that can go on meanwhile. */
export async function gitAsync(cwd: string, args: string[], env?: NodeJS.ProcessEnv): Promise<GitResult> {
  const clean = cleanEnv(env ?? process.env);
  const run = steps(cwd, args);
  for (let step = run.next(); ; ) {
    if (step.done) return step.value;
    step = run.next(await spawnGitAsync(cwd, step.value, clean));
  }
}

let available: boolean | undefined;
export function gitAvailable(): boolean {
  available ??= git(process.cwd(), ['--version']).ok;
  return available;
}

/**
 * Inside a git work tree whose top is `dir` or above it. A `.git` in the
 * portfolio that is a link, or a file naming a repository outside it, would
 * have git write someone else's repository: that portfolio is not treated as one.
 */
export function isRepo(dir: string): boolean {
  if (gitDirLeadsOut(dir)) return false;
  return git(dir, ['rev-parse', '--is-inside-work-tree']).stdout.trim() === 'true';
}

export function gitDirLeadsOut(dir: string): boolean {
  const dotGit = join(dir, '.git');
  let st;
  try {
    st = lstatSync(dotGit);
  } catch {
    return false;
  }
  if (st.isDirectory()) return false;
  if (!st.isFile() || st.size > 4096) return true;
  // A git file ("gitdir: <path>", as a linked work tree has) may name a repository inside the portfolio only.
  const named = /^gitdir: (.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
  if (!named) return true;
  const rel = relative(resolve(dir), resolve(dir, named));
  return rel === '' || rel.startsWith('..') || isAbsolute(rel);
}

/**
 * Commits everything in `dir` (git add -A). When no identity is configured on the
 * machine, commits in the participant's name rather than failing.
 */
export function commitAll(dir: string, message: string, name: string, paths: string[] = ['-A'], env?: NodeJS.ProcessEnv): GitResult {
  const add = git(dir, ['add', ...(paths[0] === '-A' ? ['-A'] : ['--', ...paths])], env);
  if (!add.ok) return add;
  const identity: string[] = [];
  if (!git(dir, ['config', 'user.email']).stdout.trim()) identity.push('-c', `user.email=portfolio@permanence.invalid`);
  if (!git(dir, ['config', 'user.name']).stdout.trim()) identity.push('-c', `user.name=${name}`);
  return git(dir, [...identity, 'commit', '-q', '--no-verify', '--no-gpg-sign', '-m', message], env);
}

export function headCommit(dir: string): { sha: string; date: string } | undefined {
  const r = git(dir, ['log', '-1', '--no-show-signature', '--no-ext-diff', '--no-textconv', '--format=%H %cI']);
  if (!r.ok || !r.stdout.trim()) return undefined;
  const [sha, date] = r.stdout.trim().split(' ');
  return sha && date ? { sha, date } : undefined;
}
