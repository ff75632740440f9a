// Paths as people type them. A shell expands "~" before permanence sees it,
// but cmd and PowerShell 5.1 do not, and no shell does in "--key=~/.ssh/id".
import { homedir } from 'node:os';
import nodePath, { type PlatformPath } from 'node:path';

/**
 * "~" or "~/..." (or "~\..."): the same path under the home folder. Anything
 * else as it is. `p` is the platform's path functions (path.win32 in tests).
 */
export function expandHome(path: string, env: NodeJS.ProcessEnv, p: PlatformPath = nodePath): string {
  if (path !== '~' && !path.startsWith('~/') && !path.startsWith('~\\')) return path;
  const home = env.HOME || env.USERPROFILE || homedir();
  return path === '~' ? home : p.join(home, path.slice(2));
}

/**
 * A relative path as reports write it, with "/" between folders on every
 * platform: a cohort's "cohort/alice" is the same in a report from Windows.
 */
export function portable(relativePath: string, p: PlatformPath = nodePath): string {
  return p.sep === '/' ? relativePath : relativePath.split(p.sep).join('/');
}

/** The options of every command that name a file or folder. */
export const PATH_OPTIONS = ['dir', 'key', 'out', 'allowedSigners', 'bundle', 'answers', 'output'] as const;
