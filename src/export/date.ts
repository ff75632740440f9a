// The date an export carries, found as render finds it: SOURCE_DATE_EPOCH,
// else the last commit's date, else the newest covered file's time, never the
// clock, so the same portfolio always exports to the same bytes.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { gitAvailable, headCommit, isRepo } from '../util/git.js';
import { coveredFiles } from '../verify/digest.js';

export function exportDate(root: string, env: NodeJS.ProcessEnv): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  const commit = gitAvailable() && isRepo(root) ? headCommit(root) : undefined;
  if (commit) return new Date(commit.date);
  const times = coveredFiles(root).map((f) => {
    try {
      return Math.floor(statSync(join(root, f.path)).mtimeMs / 1000) * 1000;
    } catch {
      return 0; // gone since it was listed
    }
  });
  return new Date(Math.max(0, ...times));
}
