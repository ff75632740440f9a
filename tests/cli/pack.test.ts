// The package a participant installs: `npm pack` gives a tarball with
// everything permanence needs and nothing of the source or the tests, and
// `npm install -g ./permanence-<version>.tgz` runs `permanence demo` from any
// folder, on a machine without the source.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tmp } from '../helpers.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string>; files: string[]; scripts: Record<string, string> };
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const env = { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

describe('the installable package', () => {
  const dest = tmp();
  // The suite has built dist/ already (pretest); building again here would rewrite it under the other tests' feet.
  const packed = spawnSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', dest], { cwd: ROOT, encoding: 'utf8', env, shell: process.platform === 'win32' });
  const tarball = join(dest, `permanence-${pkg.version}.tgz`);

  it('holds the built program, the content, templates and schemas, and nothing of the source or the tests', () => {
    expect(packed.status, packed.stderr).toBe(0);
    expect(existsSync(tarball)).toBe(true);
    const files = (JSON.parse(packed.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    for (const f of ['bin/permanence.js', 'dist/cli.js', 'dist/commands/save.js', 'dist/programme.json', 'content/programme.yaml', 'content/demo/answers.yaml', 'templates/week.md', 'schemas/portfolio.schema.json', 'README.md', 'package.json']) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => /^(src|tests)\//.test(f) || f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(pkg.bin.permanence).toBe('bin/permanence.js');
    // npm pack builds dist/ first, so a tarball never carries a stale or missing build
    expect(pkg.scripts.prepare ?? pkg.scripts.prepack).toMatch(/npm run build/);
  });

  it('installs globally from the tarball and runs permanence demo from another folder', (ctx) => {
    const prefix = tmp();
    // Offline: only what npm's cache holds. Where it lacks the dependencies' records, say so and skip.
    const install = spawnSync(npm, ['install', '-g', '--prefix', prefix, '--offline', tarball], { cwd: tmp(), encoding: 'utf8', env, shell: process.platform === 'win32' });
    if (install.status !== 0 && /ENOTCACHED|only-if-cached/.test(install.stderr)) {
      console.log(`skipped: installing the packed permanence offline, because npm's cache lacks its dependencies' records (${install.stderr.split('\n').find((l) => /request to/.test(l))?.trim() ?? 'ENOTCACHED'}); an install with the network, or a cache filled by one, runs this`);
      ctx.skip();
      return;
    }
    expect(install.status, install.stderr).toBe(0);
    const bin = process.platform === 'win32' ? join(prefix, 'permanence.cmd') : join(prefix, 'bin', 'permanence');
    expect(existsSync(bin)).toBe(true);
    const elsewhere = tmp();
    const demo = spawnSync(bin, ['demo'], { cwd: elsewhere, encoding: 'utf8', env: { ...env, NO_COLOR: '1', PERMANENCE_TODAY: '2026-05-11' }, shell: process.platform === 'win32', timeout: 120_000 });
    expect(demo.status, demo.stderr).toBe(0);
    expect(demo.stdout).toContain('The PDF:');
    expect(existsSync(join(elsewhere, 'permanence-demo', 'submission', 'portfolio.pdf'))).toBe(true);
    const version = spawnSync(bin, ['--version'], { cwd: elsewhere, encoding: 'utf8', shell: process.platform === 'win32' });
    expect(version.stdout.trim()).toBe(pkg.version);
  });
});
