// On Windows a directory listing calls every reparse point a link, OneDrive's
// files-on-demand included, while lstat knows them for the files and folders
// they are. Here the listing is made to say so, as Windows' would.
import { describe, expect, it, vi } from 'vitest';
import { cpSync, readFileSync, writeFileSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { fixtureCopy, tmp } from '../helpers.js';

const { reparse } = vi.hoisted(() => ({ reparse: new Set<string>() }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const readdirSync = ((path: string, options?: { withFileTypes?: boolean }) => {
    const list = fs.readdirSync(path, options as never) as unknown as Dirent[];
    if (!options?.withFileTypes) return list;
    return list.map((d) =>
      reparse.has(d.name) ? Object.assign(Object.create(Object.getPrototypeOf(d) as object), d, { isSymbolicLink: () => true, isFile: () => false, isDirectory: () => false }) : d,
    );
  }) as typeof fs.readdirSync;
  return { ...fs, readdirSync, default: { ...fs, readdirSync } };
});

const { coverPortfolio, sha256 } = await import('../../src/verify/digest.js');
const { expandPaths } = await import('../../src/verify/verify.js');

describe('a reparse point that is no link (the stand-in for OneDrive files-on-demand)', () => {
  it('a file is digested by its bytes and a later edit is seen; a folder is walked, not refused as a folder link', () => {
    const dir = fixtureCopy('fresh');
    reparse.add('week-2.md');
    reparse.add('module-2');
    try {
      const file = join(dir, 'module-1', 'week-2.md');
      const before = coverPortfolio(dir).files.find((f) => f.path === 'module-1/week-2.md')!;
      expect(before.sha256).toBe(sha256(readFileSync(file)));
      writeFileSync(file, `${readFileSync(file, 'utf8')}\nedited\n`);
      expect(coverPortfolio(dir).files.find((f) => f.path === 'module-1/week-2.md')!.sha256).not.toBe(before.sha256);
      const now = coverPortfolio(dir);
      expect(now.problems).toEqual([]);
      expect(now.files.map((f) => f.path)).toContain('module-2/week-1.md');
    } finally {
      reparse.clear();
    }
  });

  it('a synced portfolio folder in a cohort is a portfolio, not a link passed over', () => {
    const cohort = tmp();
    cpSync(fixtureCopy('fresh'), join(cohort, 'synced'), { recursive: true });
    reparse.add('synced');
    try {
      const { targets, passedOver } = expandPaths(cohort, ['.']);
      expect(targets.map((t) => t.shown)).toEqual(['synced']);
      expect(passedOver).toEqual([]);
    } finally {
      reparse.clear();
    }
  });
});
