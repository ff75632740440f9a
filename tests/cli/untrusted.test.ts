// verify runs on someone else's files: each hostile or broken input gets a clear
// problem naming the file, an exit code from the contract, and no stack trace.
import { describe, expect, it, beforeAll } from 'vitest';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { copyDir, tmp } from '../helpers.js';
import { run } from '../run.js';

let base: string;
const WEEK = 'module-1/week-2.md';

beforeAll(async () => {
  base = join(tmp(), 'p');
  const r = await run(['init', base, '--yes', '--no-git']);
  expect(r.code).toBe(0);
});

async function verifyBroken(mutate: (dir: string) => void) {
  const dir = copyDir(base);
  mutate(dir);
  const started = Date.now();
  const r = await run(['verify', dir, '--format', 'json']);
  const ms = Date.now() - started;
  expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
  expect([1, 2]).toContain(r.code);
  const report = r.code === 1 ? JSON.parse(r.stdout).portfolios[0] : undefined;
  return { r, report, dir, ms };
}

const problemFor = (report: { problems: { file: string; code: string; message: string; line: number }[] }, file: string) =>
  report.problems.find((p) => p.file === file);

describe('verify on untrusted input', () => {
  it('never runs JavaScript front matter', async () => {
    const marker = join(tmp(), 'pwned');
    const { report } = await verifyBroken((dir) =>
      writeFileSync(join(dir, WEEK), `---js\n{ title: require('fs').writeFileSync(${JSON.stringify(marker)}, 'x') }\n---\nbody\n`),
    );
    expect(existsSync(marker)).toBe(false);
    expect(problemFor(report, WEEK)!.message).toContain('never runs code');
  });

  it('bounds a YAML alias bomb', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)].join('\n');
    const { report } = await verifyBroken((dir) => writeFileSync(join(dir, WEEK), `---\n${bomb}\n---\nbody\n`));
    expect(problemFor(report, WEEK)!.code).toBe('front-matter');
  });

  it('refuses front matter of several megabytes', async () => {
    const { report } = await verifyBroken((dir) => writeFileSync(join(dir, WEEK), `---\ntitle: "${'x'.repeat(1_500_000)}"\n---\nbody\n`));
    expect(problemFor(report, WEEK)!.message).toMatch(/header at the top is \d+ KB/);
  });

  it('survives very deep nesting', async () => {
    const { report } = await verifyBroken((dir) => writeFileSync(join(dir, WEEK), `---\ntitle: ${'['.repeat(20000)}${']'.repeat(20000)}\n---\nbody\n`));
    expect(problemFor(report, WEEK)!).toMatchObject({ code: 'front-matter', message: 'the header at the top is nested too deeply to read' });
  });

  it('reports duplicate keys with their line', async () => {
    const { report } = await verifyBroken((dir) => {
      const text = readFileSync(join(dir, WEEK), 'utf8');
      writeFileSync(join(dir, WEEK), text.replace('week: 2\n', 'week: 2\nweek: 3\n'));
    });
    const p = problemFor(report, WEEK)!;
    expect(p.message).toMatch(/unique|duplicate/i);
    expect(p.line).toBe(5);
  });

  it('names bytes that are not UTF-8, with their line', async () => {
    const { report } = await verifyBroken((dir) => {
      const text = readFileSync(join(dir, WEEK));
      writeFileSync(join(dir, WEEK), Buffer.concat([text.subarray(0, 200), Buffer.from([0xff, 0xfe, 0x41]), text.subarray(200)]));
    });
    const p = problemFor(report, WEEK)!;
    expect(p.code).toBe('encoding');
    expect(p.line).toBeGreaterThan(1);
  });

  it('refuses a binary file named .md', async () => {
    const { report } = await verifyBroken((dir) => writeFileSync(join(dir, WEEK), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48])));
    expect(problemFor(report, WEEK)!.code).toBe('binary');
  });

  it('does not follow a symlink to a file outside the portfolio', async () => {
    const secret = join(tmp(), 'secret.md');
    writeFileSync(secret, '---\npermanence: week\nmodule: 1\nweek: 2\ntitle: t\n---\n## Task 3: x\n### a) y\n\nSECRET ANSWER\n');
    const { report, r } = await verifyBroken((dir) => {
      rmSync(join(dir, WEEK));
      symlinkSync(secret, join(dir, WEEK));
    });
    expect(problemFor(report, WEEK)!.message).toContain('outside the portfolio');
    expect(r.stdout).not.toContain('SECRET');
  });

  it('does not follow a folder that is a symlink to outside the portfolio', async () => {
    const outside = tmp();
    mkdirSync(join(outside, 'module-1'));
    writeFileSync(join(outside, 'module-1', 'week-2.md'), '---\npermanence: week\nmodule: 1\nweek: 2\ntitle: t\n---\n## Task 3: x\n### a) y\n\nSECRET ANSWER secret@example.org\n');
    const { report, r } = await verifyBroken((dir) => {
      rmSync(join(dir, 'module-1'), { recursive: true });
      symlinkSync(join(outside, 'module-1'), join(dir, 'module-1'));
    });
    expect(problemFor(report, WEEK)!).toMatchObject({ code: 'symlink' });
    expect(problemFor(report, WEEK)!.message).toContain('module-1, a symbolic link to a folder outside the portfolio');
    expect(r.stdout).not.toMatch(/SECRET|secret@/);
  });

  it('reports a symlink loop', async () => {
    const { report } = await verifyBroken((dir) => {
      rmSync(join(dir, WEEK));
      symlinkSync(join(dir, WEEK), join(dir, WEEK));
    });
    expect(problemFor(report, WEEK)!.message).toContain('loops');
  });

  it.skipIf(process.getuid?.() === 0)('reports an unreadable file (not testable as root, who can read anything)', async () => {
    const { chmodSync } = await import('node:fs');
    const { report } = await verifyBroken((dir) => chmodSync(join(dir, WEEK), 0o000));
    expect(problemFor(report, WEEK)!.code).toBe('unreadable');
  });

  it('reports a folder where a file should be', async () => {
    const { report } = await verifyBroken((dir) => {
      rmSync(join(dir, WEEK));
      mkdirSync(join(dir, WEEK));
    });
    expect(problemFor(report, WEEK)!.message).toContain('folder where a file should be');
  });

  it('reports a named pipe where a file should be, without waiting on it', async () => {
    // Opened for reading without O_NONBLOCK, a pipe would hang verify (the test would time out).
    const { report } = await verifyBroken((dir) => {
      rmSync(join(dir, WEEK));
      execFileSync('mkfifo', [join(dir, WEEK)]);
    });
    expect(problemFor(report, WEEK)!.message).toContain('not a regular file');
  });

  it('reports an unknown programme and an unknown content version', async () => {
    const { report } = await verifyBroken((dir) => {
      const text = readFileSync(join(dir, 'portfolio.yaml'), 'utf8');
      writeFileSync(join(dir, 'portfolio.yaml'), text.replace(/^programme: .*$/m, 'programme: something-else').replace(/^content_version: .*$/m, 'content_version: 9.0.0'));
    });
    const codes = report.problems.filter((p: { file: string }) => p.file === 'portfolio.yaml').map((p: { code: string }) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['unknown-programme', 'unknown-content-version']));
  });

  it('a path that is not a portfolio is a usage error (exit 2)', async () => {
    const r = await run(['verify', tmp()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a portfolio');
  });
});
