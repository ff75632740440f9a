// Paths as people type them. A shell expands "~" before permanence sees it,
// but cmd and PowerShell 5.1 do not, and no shell does in "--key=~/.ssh/id".
import { homedir } from 'node:os';
import { join } from 'node:path';

/** "~" or "~/..." (or "~\..."): the same path under the home folder. Anything else as it is. */
export function expandHome(path: string, env: NodeJS.ProcessEnv): string {
  if (path !== '~' && !path.startsWith('~/') && !path.startsWith('~\\')) return path;
  const home = env.HOME || env.USERPROFILE || homedir();
  return path === '~' ? home : join(home, path.slice(2));
}

/** The options of every command that name a file or folder. */
export const PATH_OPTIONS = ['dir', 'key', 'out', 'allowedSigners', 'bundle', 'answers', 'output'] as const;
