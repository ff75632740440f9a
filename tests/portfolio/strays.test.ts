// Markdown files that are not part of the layout: named, with the entry they
// resemble, never passed over in silence.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProgramme } from '../../src/programme/load.js';
import { findStrays, strayProblems } from '../../src/portfolio/strays.js';
import { fixtureCopy } from '../helpers.js';

const cat = loadProgramme();

describe('files that are not part of the layout', () => {
  it.each([
    ['module-1/week-2-LAPTOP-7H3K2.md', 'module-1/week-2.md', 'OneDrive'],
    ['module-1/week-2-DESKTOP-Q1W2E3R.md', 'module-1/week-2.md', 'OneDrive'],
    ["module-1/week-2 (Jane's conflicted copy 2026-11-30).md", 'module-1/week-2.md', 'Dropbox'],
    ['module-2/week-5 (conflicted copy).md', 'module-2/week-5.md', 'Dropbox'],
    ['items/case-review (Case Conflict).md', 'items/case-review.md', 'Dropbox'],
    ['module-3/Copy of week-1.md', 'module-3/week-1.md', 'a copy'],
    ['module-3/week-1 - Copy.md', 'module-3/week-1.md', 'a copy'],
    ['module-3/week-1 (1).md', 'module-3/week-1.md', 'a copy'],
    ['items/learning-goals (2).md', 'items/learning-goals.md', 'a copy'],
  ])('%s: a copy of %s (%s)', (file, resembles, by) => {
    const dir = fixtureCopy('fresh');
    writeFileSync(join(dir, file), '# answers written on the other device\n');
    expect(findStrays(dir, cat)).toEqual([{ file, resembles, by }]);
    const [p] = strayProblems(findStrays(dir, cat));
    expect(p).toMatchObject({ file, severity: 'warning', code: 'stray-file' });
    expect(p!.message).toContain(`looks like a copy of ${resembles}`);
    expect(p!.fix).toContain(`copy into ${resembles} anything you want to keep, then delete ${file}`);
  });

  it('a note of the participant’s own, and one beside a week: named too, with what to do', () => {
    const dir = fixtureCopy('fresh');
    writeFileSync(join(dir, 'notes.md'), 'ideas\n');
    writeFileSync(join(dir, 'module-1', 'week-2 notes.md'), 'ideas\n');
    const strays = findStrays(dir, cat);
    expect(strays).toEqual([{ file: 'module-1/week-2 notes.md', resembles: 'module-1/week-2.md' }, { file: 'notes.md' }]);
    expect(strayProblems(strays)[1]!.fix).toContain('keep notes of your own in private/');
  });

  it('nothing where there is nothing: the layout, README.md, private/, submission/ and signoffs/ are not strays', () => {
    const dir = fixtureCopy('fresh');
    for (const d of ['private', 'submission', 'signoffs', '.git']) mkdirSync(join(dir, d), { recursive: true });
    writeFileSync(join(dir, 'private', 'week-2 draft.md'), 'draft\n');
    writeFileSync(join(dir, 'submission', 'notes.md'), 'x\n');
    expect(findStrays(dir, cat)).toEqual([]);
  });
});

describe('status and verify name them', () => {
  it("a Dropbox copy of a week: a warning in both, with the entry it resembles and what to do", async () => {
    const { run } = await import('../run.js');
    const dir = fixtureCopy('fresh');
    writeFileSync(join(dir, 'module-1', "week-2 (Jane's conflicted copy 2026-11-30).md"), 'Answers written on the laptop.\n');
    const status = await run(['status', '--dir', dir]);
    expect(status.stdout).toContain("module-1/week-2 (Jane's conflicted copy 2026-11-30).md: looks like a copy of module-1/week-2.md made by Dropbox");
    const verify = JSON.parse((await run(['verify', dir, '--format', 'json'])).stdout);
    expect(verify.portfolios[0].problems).toContainEqual(expect.objectContaining({ code: 'stray-file', severity: 'warning', file: "module-1/week-2 (Jane's conflicted copy 2026-11-30).md" }));
  });
});
