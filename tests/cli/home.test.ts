// "~" in a path given to permanence means the home folder, as a shell would
// have it: cmd and PowerShell 5.1 leave it as it is, and no shell expands it in "--dir=~/x".
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureCopy, tmp } from '../helpers.js';
import { run } from '../run.js';
import { expandHome } from '../../src/util/paths.js';

describe('~ in paths', () => {
  it.each([
    ['~', '/home/sam'],
    ['~/portfolio', '/home/sam/portfolio'],
    ['~\\portfolio', '/home/sam/portfolio'],
    ['~sam/portfolio', '~sam/portfolio'],
    ['a/~/b', 'a/~/b'],
    ['1.2', '1.2'],
  ])('%s -> %s', (given, expected) => {
    expect(expandHome(given, { HOME: '/home/sam' })).toBe(expected);
  });

  it('as an option (--dir=~/x) and as an argument (verify ~/x, init ~/y), for every command', async () => {
    const home = tmp();
    cpSync(fixtureCopy('fresh'), join(home, 'portfolio'), { recursive: true });
    const env = { HOME: home, USERPROFILE: home };
    const status = await run(['status', '--dir=~/portfolio'], { env });
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain('A. Practitioner');
    const verify = await run(['verify', '~/portfolio', '--format', 'json'], { env });
    expect(verify.code).toBe(1);
    expect(JSON.parse(verify.stdout).portfolios[0].participant).toBe('A. Practitioner');
    const init = await run(['init', '~/second', '--name', 'Sam', '--start', '2026-10-05', '--yes', '--no-git'], { env });
    expect(init.code, init.stderr).toBe(0);
    expect(existsSync(join(home, 'second', 'portfolio.yaml'))).toBe(true);
  });
});
