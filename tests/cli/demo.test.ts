import { describe, expect, it, inject } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { clean, tmp } from '../helpers.js';
import { run } from '../run.js';

describe('permanence demo', () => {
  it('makes a complete example portfolio, shows its status and verify, and says where it is', async () => {
    const dir = join(tmp(), 'demo');
    const r = await run(['demo', dir]);
    expect(r.code, r.stderr).toBe(0);
    const out = clean(r.stdout);
    expect(out).toContain('1. permanence status');
    expect(out).toContain('Requirements 25 of 25 met');
    expect(out).toContain('KSS-AP 36 of 36 statements have evidence');
    expect(out).toContain('2. permanence verify');
    expect(out).toMatch(/Sam Rivers \(fictional example\) .* COMPLETE/);
    expect(out).toContain(`The portfolio: ${dir}`);
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: dir, encoding: 'utf8' })).toBe('');
  });

  it('running it again replaces its own example, and never a folder it did not make', async () => {
    const base = tmp();
    const dir = join(base, 'demo');
    // A demo made before (the run's own, tests/setup.ts), made again in its place.
    cpSync(inject('demo'), dir, { recursive: true });
    expect((await run(['demo', dir])).code).toBe(0);
    const other = join(base, 'mine');
    mkdirSync(other);
    writeFileSync(join(other, 'notes.md'), 'mine\n');
    const r = await run(['demo', other]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a demo made by permanence');
    expect(readdirSync(other)).toEqual(['notes.md']);
  });
});
