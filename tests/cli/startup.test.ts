// bin/permanence.js: the runtime check, --version without loading the
// program, Node's compile cache (where Node has it) never changing what a
// command does, and a plain message when the program is not built.
import { describe, expect, it, beforeAll } from 'vitest';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { cli, ROOT, tmp } from '../helpers.js';

let portfolio: string;

beforeAll(async () => {
  portfolio = join(tmp(), 'p');
  expect((await cli(['init', portfolio, '--yes', '--no-git', '--name', 'Sam Example'])).code).toBe(0);
});

describe('start-up', () => {
  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await cli(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('a command gives the same output with the compile cache, without it, and when its folder cannot be made', async () => {
    const home = tmp();
    const first = await cli(['status', '--dir', portfolio, '--json'], { env: { XDG_CACHE_HOME: home } });
    expect(first.code).toBe(0);
    const second = await cli(['status', '--dir', portfolio, '--json'], { env: { XDG_CACHE_HOME: home } });
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toBe('');
    const none = await cli(['status', '--dir', portfolio, '--json'], { env: { PERMANENCE_NO_CACHE: '1' } });
    expect(none.stdout).toBe(first.stdout);
    // A file where the folder would go: refused even to root, unlike permissions.
    const notAFolder = join(tmp(), 'file');
    writeFileSync(notAFolder, 'x');
    const blocked = await cli(['status', '--dir', portfolio, '--json'], { env: { XDG_CACHE_HOME: notAFolder } });
    expect(blocked.stdout).toBe(first.stdout);
    expect(blocked.stderr).toBe('');
    expect(readFileSync(notAFolder, 'utf8')).toBe('x');
  });

  it('says how to build when the program is not built', () => {
    const copy = tmp();
    mkdirSync(join(copy, 'bin'));
    cpSync(join(ROOT, 'bin', 'permanence.js'), join(copy, 'bin', 'permanence.js'));
    cpSync(join(ROOT, 'package.json'), join(copy, 'package.json'));
    const r = spawnSync(process.execPath, [join(copy, 'bin', 'permanence.js'), 'status'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("permanence is not built yet: run 'npm install' in its folder (that builds it) and try again.\n");
  });
});
