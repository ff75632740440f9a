// A cohort names every folder it passed over, and why, in each format: a
// supervisor told "197 portfolios" for 200 learns which three and what to do.
import { describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, renameSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureCopy, tmp } from '../helpers.js';
import { run } from '../run.js';
import { validators } from '../../src/programme/validators.js';

function cohort(): string {
  const dir = tmp();
  const fresh = fixtureCopy('fresh');
  for (const name of ['p1', 'p2', 'yml', '.hidden', 'elsewhere']) cpSync(fresh, join(dir, name), { recursive: true });
  renameSync(join(dir, 'yml', 'portfolio.yaml'), join(dir, 'yml', 'portfolio.yml'));
  renameSync(join(dir, 'elsewhere'), join(tmp(), 'moved'));
  symlinkSync(join(fresh), join(dir, 'linked'));
  mkdirSync(join(dir, 'notes'));
  return dir;
}

const EXPECTED = [
  { path: '.hidden', reason: expect.stringContaining('starts with a dot') },
  { path: 'linked', reason: expect.stringContaining('symbolic link') },
  { path: 'notes', reason: expect.stringContaining('has no portfolio.yaml') },
  { path: 'yml', reason: expect.stringContaining('portfolio.yml, not portfolio.yaml') },
];

describe('a cohort names every folder it passed over', () => {
  it('in the text report, the JSON (valid against its schema) and JUnit', async () => {
    const dir = cohort();
    const text = await run(['verify', '.'], { cwd: dir });
    expect(text.stdout).toContain('Cohort: 2 portfolios, 0 complete, 2 not complete; 4 folders passed over (listed below)');
    for (const line of ['! .hidden: its name starts with a dot', '! linked: it is a symbolic link', '! notes: it has no portfolio.yaml', '! yml: it has portfolio.yml, not portfolio.yaml']) {
      expect(text.stdout).toContain(line);
    }

    const json = await run(['verify', '.', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(json.stdout);
    const validate = validators().verifyReport!;
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.summary.portfolios).toBe(2);
    expect(report.passed_over).toEqual(EXPECTED);

    const junit = await run(['verify', '.', '--format', 'junit'], { cwd: dir });
    expect(junit.stdout).toContain('<testsuite name="folders passed over" tests="4" failures="0" errors="0" skipped="4">');
    expect(junit.stdout).toContain('<testcase name="yml" classname="passed-over">');
  });

  it('a single portfolio named passes nothing over; a folder of none says what it passed over', async () => {
    const json = await run(['verify', fixtureCopy('fresh'), '--format', 'json']);
    expect(JSON.parse(json.stdout).passed_over).toEqual([]);
    const empty = tmp();
    mkdirSync(join(empty, 'yml'));
    cpSync(fixtureCopy('fresh'), join(empty, 'yml'), { recursive: true });
    renameSync(join(empty, 'yml', 'portfolio.yaml'), join(empty, 'yml', 'portfolio.yml'));
    const r = await run(['verify', empty]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('yml: it has portfolio.yml, not portfolio.yaml');
  });
});
