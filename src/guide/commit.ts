// The end of a guided session: commit what it wrote, and only that.
import { git, gitAvailable, isRepo } from '../util/git.js';
import type { Guide } from './context.js';

/**
 * Commits exactly `files` (relative to the portfolio): anything else the
 * participant has staged stays staged and out of this commit.
 */
export function commitFiles(root: string, files: string[], message: string, name: string): { ok: boolean; detail: string } {
  const add = git(root, ['add', '--', ...files]);
  if (!add.ok) return { ok: false, detail: add.stderr.trim() };
  const identity: string[] = [];
  if (!git(root, ['config', 'user.email']).stdout.trim()) identity.push('-c', 'user.email=portfolio@permanence.invalid');
  if (!git(root, ['config', 'user.name']).stdout.trim()) identity.push('-c', `user.name=${name}`);
  const r = git(root, [...identity, 'commit', '-q', '--no-verify', '-m', message, '--', ...files]);
  return { ok: r.ok, detail: (r.stderr || r.stdout).trim() };
}

/**
 * --commit: commit; --no-commit: do not; neither: ask, when there is someone to
 * ask. Says what happened either way.
 */
export async function offerCommit(g: Guide, message: string, commit: boolean | undefined, canAsk: boolean): Promise<void> {
  const files = [...g.touched].sort();
  if (files.length === 0 || commit === false) return;
  if (!gitAvailable() || !isRepo(g.root)) {
    if (commit === true) g.say(g.style.yellow(`  ⚠ Not committed: ${gitAvailable() ? 'this portfolio is not a git repository' : 'git is not installed'}. Your answers are saved in the files.`));
    return;
  }
  let go = commit === true;
  if (commit === undefined) {
    if (!canAsk) return;
    go = await g.ask.confirm({ message: `Save this to your portfolio's history (git commit "${message}")?`, default: true });
  }
  if (!go) return;
  const r = commitFiles(g.root, files, message, g.config?.participant ?? 'Participant');
  g.say(r.ok ? g.style.green(`✓ Committed: ${message}`) : g.style.yellow(`⚠ git could not commit (${r.detail.split('\n')[0]}). Your answers are saved in the files.`));
}
