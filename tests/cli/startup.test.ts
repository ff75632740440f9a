// bin/permanence.js runs the bundle with V8's compiled code kept in the user's
// cache folder: a speed-up that must never change what a command does, nor
// fail it when the cache is missing, damaged or cannot be written. (The
// bundle's import() of ES-module packages is exercised by render (pdfkit), a
// cohort (worker threads) and the terminal test (the prompts, chalk).)
import { describe, expect, it, beforeAll } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, ROOT, tmp } from '../helpers.js';

let portfolio: string;

beforeAll(async () => {
  portfolio = join(tmp(), 'p');
  expect((await cli(['init', portfolio, '--yes', '--no-git', '--name', 'Sam Example'])).code).toBe(0);
});

const cacheFiles = (home: string) => {
  const dir = join(home, 'permanence');
  return existsSync(dir) ? readdirSync(dir).map((n) => join(dir, n)) : [];
};

describe('start-up with the code cache', () => {
  it('the build made one bundle, named by its contents', () => {
    expect(existsSync(join(ROOT, 'dist', 'cli.cjs'))).toBe(true);
    expect(readFileSync(join(ROOT, 'dist', 'cli.cjs.id'), 'utf8').trim()).toMatch(/^[0-9a-f]{16}$/);
  });

  it('keeps one cache per command, and a command gives the same output with it as without', async () => {
    const home = tmp();
    const env = { XDG_CACHE_HOME: home };
    const first = await cli(['status', '--dir', portfolio, '--json'], { env });
    expect(first.code).toBe(0);
    const files = cacheFiles(home);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/cli-[0-9a-f]{16}-v\d+\.\d+\.\d+-\w+-status\.v8$/);
    // The user's alone: cached code is run as the program itself.
    expect(statSync(files[0]!).mode & 0o077).toBe(0);
    expect(statSync(join(home, 'permanence')).mode & 0o077).toBe(0);
    const second = await cli(['status', '--dir', portfolio, '--json'], { env });
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toBe('');
    const elsewhere = tmp();
    const none = await cli(['status', '--dir', portfolio, '--json'], { env: { PERMANENCE_NO_CACHE: '1', XDG_CACHE_HOME: elsewhere } });
    expect(none.stdout).toBe(first.stdout);
    expect(cacheFiles(elsewhere)).toEqual([]);
    await cli(['verify', portfolio, '--format', 'json'], { env });
    expect(cacheFiles(home).map((f) => f.replace(/.*-/, ''))).toEqual(['status.v8', 'verify.v8']);
  });

  it('a damaged cache is ignored and written again', async () => {
    const home = tmp();
    const env = { XDG_CACHE_HOME: home };
    const good = await cli(['status', '--dir', portfolio], { env });
    const [file] = cacheFiles(home);
    writeFileSync(file!, 'not compiled code at all');
    const again = await cli(['status', '--dir', portfolio], { env });
    expect(again.code).toBe(good.code);
    expect(again.stdout).toBe(good.stdout);
    expect(again.stderr).toBe('');
    expect(statSync(file!).size).toBeGreaterThan(1000);
  });

  it('a cache folder that cannot be made changes nothing', async () => {
    // A file where the folder would go: refused even to root, unlike permissions.
    const notAFolder = join(tmp(), 'file');
    writeFileSync(notAFolder, 'x');
    const r = await cli(['status', '--dir', portfolio], { env: { XDG_CACHE_HOME: notAFolder } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(readFileSync(notAFolder, 'utf8')).toBe('x');
  });
});
