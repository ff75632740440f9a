import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cli, clean, tmp } from '../helpers.js';

describe('permanence demo', () => {
  it('makes a complete example portfolio, shows its status and verify, and says where it is', async () => {
    const dir = join(tmp(), 'demo');
    const r = await cli(['demo', dir]);
    expect(r.code, r.stderr).toBe(0);
    const out = clean(r.stdout);
    expect(out).toContain('1. permanence status');
    expect(out).toContain('Requirements  23 of 23 met');
    expect(out).toContain('KSS-AP coverage  36 of 36 statements have evidence');
    expect(out).toContain('2. permanence verify');
    expect(out).toMatch(/Sam Rivers \(fictional example\) .* COMPLETE/);
    expect(out).toContain(`The portfolio: ${dir}`);
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: dir, encoding: 'utf8' })).toBe('');
  });

  it('running it again replaces its own example, and never a folder it did not make', async () => {
    const base = tmp();
    const dir = join(base, 'demo');
    expect((await cli(['demo', dir])).code).toBe(0);
    expect((await cli(['demo', dir])).code).toBe(0);
    const other = join(base, 'mine');
    execFileSync('mkdir', [other]);
    writeFileSync(join(other, 'notes.md'), 'mine\n');
    const r = await cli(['demo', other]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a demo made by permanence');
    expect(readdirSync(other)).toEqual(['notes.md']);
  });
});
