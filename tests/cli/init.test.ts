import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { parse } from 'yaml';
import { cli, tmp } from '../helpers.js';
import { run } from '../run.js';
import { loadProgramme } from '../../src/programme/load.js';
import { entrySpecs } from '../../src/portfolio/layout.js';

const flags = ['--name', 'A. Practitioner', '--cohort', 'North 2026', '--supervisor', 'J. Manager', '--start', '2026-03-02'];
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });

describe('permanence init', () => {
  it('scaffolds a portfolio from flags, with a first git commit', async () => {
    const dir = join(tmp(), 'my portfolio');
    const r = await run(['init', dir, ...flags, '--specialist-area', 'Kinship care']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Created your portfolio');
    const config = parse(readFileSync(join(dir, 'portfolio.yaml'), 'utf8'));
    expect(config).toMatchObject({
      permanence: 1,
      programme: 'achieving-permanence',
      participant: 'A. Practitioner',
      cohort: 'North 2026',
      supervisor: 'J. Manager',
      start_date: '2026-03-02',
    });
    // Asked once, where the workbook asks it: week 1.1, task 8 b).
    expect(config.specialist_area).toBeUndefined();
    expect(readFileSync(join(dir, 'module-1', 'week-1.md'), 'utf8')).toMatch(/^### b\) Specialist area[^\n]*\n[\s\S]*?\nKinship care\n/m);
    expect(config.content_version).toBe(loadProgramme().programme.version);
    for (const spec of entrySpecs(loadProgramme())) expect(existsSync(join(dir, spec.file)), spec.file).toBe(true);
    expect(readdirSync(join(dir, 'module-4'))).toHaveLength(7);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toMatch(/^private\/$/m);
    expect(existsSync(join(dir, 'README.md'))).toBe(true);
    expect(git(dir, 'log', '--oneline')).toMatch(/Start Achieving Permanence portfolio/);
    expect(git(dir, 'status', '--porcelain')).toBe('');
    // private/ exists for the names list but is never committed
    expect(existsSync(join(dir, 'private', 'names.txt'))).toBe(true);
    expect(git(dir, 'ls-files')).not.toContain('private/');
  });

  it('refuses a folder that already has files, and changes nothing', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'notes.md'), 'my notes\n');
    const r = await run(['init', dir, ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('already has files in it (notes.md)');
    expect(r.stderr).toContain('never overwrites');
    expect(readdirSync(dir)).toEqual(['notes.md']);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('refuses an existing portfolio and says how to see it', async () => {
    const dir = join(tmp(), 'p');
    expect((await run(['init', dir, ...flags])).code).toBe(0);
    const before = readFileSync(join(dir, 'portfolio.yaml'), 'utf8');
    const r = await run(['init', dir, ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('already a portfolio');
    expect(readFileSync(join(dir, 'portfolio.yaml'), 'utf8')).toBe(before);
  });

  it('accepts an empty git repository', async () => {
    const dir = tmp();
    git(dir, 'init', '-q');
    const r = await run(['init', dir, ...flags]);
    expect(r.code).toBe(0);
    expect(git(dir, 'log', '--oneline').trim().split('\n')).toHaveLength(1);
  });

  it('works without git installed, with a warning', async () => {
    const dir = join(tmp(), 'p');
    const r = await cli(['init', dir, ...flags], { env: { PATH: '/nonexistent' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('git is not installed');
    expect(existsSync(join(dir, '.git'))).toBe(false);
    expect(existsSync(join(dir, 'module-1', 'week-1.md'))).toBe(true);
  });

  it('--no-git skips git', async () => {
    const dir = join(tmp(), 'p');
    const r = await run(['init', dir, ...flags, '--no-git']);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, '.git'))).toBe(false);
  });

  it('--yes asks nothing and takes the defaults', async () => {
    const dir = join(tmp(), 'p');
    const r = await run(['init', dir, '--yes']);
    expect(r.code).toBe(0);
    const config = parse(readFileSync(join(dir, 'portfolio.yaml'), 'utf8'));
    expect(config.participant).toBe('Participant');
    expect(config.start_date).toBe('2026-05-11');
  });

  it('without a terminal and without --yes, says so and exits 2 instead of waiting', async () => {
    const dir = join(tmp(), 'p');
    const r = await run(['init', dir, '--name', 'A']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no terminal');
    expect(r.stderr).toContain('--cohort, --supervisor, --start');
    expect(existsSync(dir)).toBe(false);
  });

  it('rejects a start date the calendar does not have, or cannot read, saying why in words', async () => {
    for (const [start, says] of [
      ['2026-02-30', '2026-02-30 is not in the calendar: February 2026 has 28 days'],
      ['2026-02-31', 'February 2026 has 28 days'],
      ['2028-02-30', 'February 2028 has 29 days'],
      ['31/04/2026', 'April 2026 has 30 days'],
      ['2026-13-01', 'has no month 13'],
      ['next monday', 'write it as year-month-day, e.g. 2026-09-07'],
    ]) {
      const dir = join(tmp(), 'p');
      const r = await run(['init', dir, ...flags.slice(0, 6), '--start', start!]);
      expect(r.code, start).toBe(2);
      expect(r.stderr).toContain(says);
      expect(r.stderr).not.toMatch(/regex|pattern|\^\[0-9\]/i);
      expect(existsSync(dir)).toBe(false);
    }
  });

  it('takes a UK date (day first) and says how it read it', async () => {
    const dir = join(tmp(), 'p');
    const r = await run(['init', dir, ...flags.slice(0, 6), '--start', '05/10/2026', '--no-git']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('05/10/2026 is taken as 5 October 2026 (2026-10-05)');
    expect(readFileSync(join(dir, 'portfolio.yaml'), 'utf8')).toMatch(/^start_date: 2026-10-05/m);
  });

  it('inside a portfolio: refuses (exit 2), says where the portfolio is, and makes nothing', async () => {
    const outer = join(tmp(), 'my portfolio');
    expect((await run(['init', outer, ...flags, '--no-git'])).code).toBe(0);
    const inner = join(outer, 'module-1', 'another');
    const r = await run(['init', 'another', '--yes'], { cwd: join(outer, 'module-1') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`is inside the portfolio in ${outer}`);
    expect(r.stderr).toContain(`permanence status --dir "${outer}"`);
    expect(existsSync(inner)).toBe(false);
    // named with a path from outside it, the same
    const again = await run(['init', join(outer, 'sub'), '--yes']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('a portfolio cannot hold another');
    expect(existsSync(join(outer, 'sub'))).toBe(false);
  });

  it('--repair writes only the missing files', async () => {
    const dir = join(tmp(), 'p');
    await run(['init', dir, ...flags]);
    const week = join(dir, 'module-1', 'week-2.md');
    writeFileSync(join(dir, 'module-1', 'week-1.md'), readFileSync(join(dir, 'module-1', 'week-1.md'), 'utf8') + '\nMy own note.\n');
    const kept = readFileSync(join(dir, 'module-1', 'week-1.md'), 'utf8');
    rmSync(week);
    mkdirSync(join(dir, 'extra'));
    const r = await run(['init', '--repair', '--dir', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('module-1/week-2.md');
    expect(existsSync(week)).toBe(true);
    expect(readFileSync(join(dir, 'module-1', 'week-1.md'), 'utf8')).toBe(kept);
  });
});
