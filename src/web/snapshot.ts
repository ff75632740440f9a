// The portfolio as it is on disk at this request: read again every time, so
// what an editor, the command line or git changed is what the page shows.
import { assess, type Assessment, type NextStep } from '../assess/assess.js';
import { readPortfolio, type Portfolio } from '../portfolio/portfolio.js';
import { gitAvailable, git, isRepo } from '../util/git.js';
import type { Catalogue } from '../programme/load.js';
import type { Site } from './site.js';

export function snapshot(site: Site): { portfolio: Portfolio; a: Assessment } {
  const portfolio = readPortfolio(site.root, site.cat);
  return { portfolio, a: assess(site.cat, portfolio, { today: site.today(), words: 'limits' }) };
}

/** Files changed since the last commit, or why that cannot be known. */
export function uncommitted(root: string): { files: string[] } | { why: string } {
  if (!gitAvailable()) return { why: 'git is not installed, so the portfolio has no history to save to' };
  if (!isRepo(root)) return { why: 'this portfolio is not a git repository' };
  const r = git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', '.']);
  if (!r.ok) return { why: `git could not say (${r.stderr.trim().split('\n')[0]})` };
  const files: string[] = [];
  const parts = r.stdout.split('\0');
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.length < 4) continue;
    files.push(p.slice(3));
    if (p[0] === 'R' || p[0] === 'C') i++;
  }
  return { files };
}

/** Where the next step is taken on these pages. */
export function nextHref(n: NextStep, cat: Catalogue): string {
  switch (n.kind) {
    case 'week':
      return `/week/${n.ref}${n.task !== undefined ? `#task-${n.task}` : ''}`;
    case 'up-to-date':
      return `/week/${n.ref}`;
    case 'selfassess': {
      const item = cat.programme.items.find((i) => i.kind === 'selfassessment' && i.stage === n.stage);
      return item ? `/item/${item.id}` : '/selfassessment';
    }
    case 'fix':
      return '/problems';
    case 'requirement':
    case 'statement':
      return '/coverage';
    case 'done':
      return '/submission';
  }
}
