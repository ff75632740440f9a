// Random hostile portfolio trees (links in and out, pipes, devices, huge files,
// names with control characters, edits), from a fixed seed so a failure
// reproduces: every command finishes, prints no stack trace and nothing of a
// file outside the portfolio, and a changed portfolio is never reported as signed.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spawn, execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, demoCopy, hasTool, tmp, type Run } from '../helpers.js';
import { validators } from '../../src/programme/validators.js';

const SEED = 20261202;
const SECRET = 'OUTSIDE-SECRET-7f3a';
/** Generous: a command that hangs is killed here, and the property fails. */
const COMMAND_TIMEOUT_MS = 30_000;
const OBEYED = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const hasMkfifo = hasTool('mkfifo', 'the property tests with named pipes in a portfolio');

const ENTRIES = ['module-1/week-2.md', 'module-2/week-4.md', 'items/learning-goals.md', 'module-4/week-7.md', 'portfolio.yaml'];
const NAMES = ['x\u001b[2K\rCOMPLETE.md', 'n\nsign-off: valid.md', 'b\u202eidt.md', 'plain.md'];

/** One thing a hostile or careless portfolio does; `changes` when it changes what the sign-off covers. */
type Op =
  | { kind: 'link-out'; at: number }
  | { kind: 'link-out-folder'; at: number }
  | { kind: 'link-in'; at: number }
  | { kind: 'link-dev-zero'; at: number }
  | { kind: 'link-loop'; at: number }
  | { kind: 'folder-link'; module: number }
  | { kind: 'fifo'; at: number }
  | { kind: 'huge'; at: number }
  | { kind: 'big'; at: number }
  | { kind: 'control-name'; name: number }
  | { kind: 'edit'; at: number }
  | { kind: 'utf16'; at: number }
  | { kind: 'manifest-zero' }
  | { kind: 'names-fifo' };

const at = fc.nat({ max: ENTRIES.length - 1 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('link-out' as const), at }),
  fc.record({ kind: fc.constant('link-out-folder' as const), at }),
  fc.record({ kind: fc.constant('link-in' as const), at }),
  fc.record({ kind: fc.constant('link-dev-zero' as const), at }),
  fc.record({ kind: fc.constant('link-loop' as const), at }),
  fc.record({ kind: fc.constant('folder-link' as const), module: fc.integer({ min: 1, max: 4 }) }),
  ...(hasMkfifo ? [fc.record({ kind: fc.constant('fifo' as const), at }), fc.record({ kind: fc.constant('names-fifo' as const) })] : []),
  fc.record({ kind: fc.constant('huge' as const), at }),
  fc.record({ kind: fc.constant('big' as const), at }),
  fc.record({ kind: fc.constant('control-name' as const), name: fc.nat({ max: NAMES.length - 1 }) }),
  fc.record({ kind: fc.constant('edit' as const), at }),
  fc.record({ kind: fc.constant('utf16' as const), at }),
  fc.record({ kind: fc.constant('manifest-zero' as const) }),
);

/** Does it to the portfolio; returns whether it changed what the sign-off covers. */
function apply(dir: string, outside: string, o: Op): boolean {
  const path = (i: number) => join(dir, ENTRIES[i]!);
  const replace = (i: number, make: (p: string) => void) => {
    rmSync(path(i), { recursive: true, force: true });
    make(path(i));
  };
  switch (o.kind) {
    case 'link-out':
      replace(o.at, (p) => symlinkSync(join(outside, 'secret.md'), p));
      return true;
    case 'link-out-folder':
      replace(o.at, (p) => symlinkSync(outside, p));
      return true;
    case 'link-in': {
      // To a copy with other bytes, in private/ (not itself covered): the link is digested by them.
      const copy = join(dir, 'private', `copy-${o.at}.md`);
      try {
        writeFileSync(copy, `${readFileSync(path(o.at), 'utf8')}\nother bytes\n`);
      } catch {
        writeFileSync(copy, 'other bytes\n');
      }
      replace(o.at, (p) => symlinkSync(copy, p));
      return true;
    }
    case 'link-dev-zero':
      replace(o.at, (p) => symlinkSync('/dev/zero', p));
      return true;
    case 'link-loop':
      replace(o.at, (p) => symlinkSync(p, p));
      return true;
    case 'folder-link': {
      const folder = join(dir, `module-${o.module}`);
      mkdirSync(join(dir, 'drafts'), { recursive: true });
      rmSync(join(dir, 'drafts', `module-${o.module}`), { recursive: true, force: true });
      renameSync(folder, join(dir, 'drafts', `module-${o.module}`));
      symlinkSync(join('drafts', `module-${o.module}`), folder);
      return true;
    }
    case 'fifo':
      replace(o.at, (p) => execFileSync('mkfifo', [p]));
      return true;
    case 'huge':
      replace(o.at, (p) => {
        writeFileSync(p, '');
        truncateSync(p, 3 * 1024 ** 3);
      });
      return true;
    case 'big':
      replace(o.at, (p) => writeFileSync(p, Buffer.alloc(9 * 1024 * 1024, 0x61)));
      return true;
    case 'control-name':
      writeFileSync(join(dir, 'module-1', NAMES[o.name]!), 'added\n');
      return true;
    case 'edit':
      try {
        appendFileSync(path(o.at), '\nedited after the sign-off\n');
      } catch {
        replace(o.at, (p) => writeFileSync(p, 'edited after the sign-off\n'));
      }
      return true;
    case 'utf16':
      replace(o.at, (p) => writeFileSync(p, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('---\ntitle: t\n---\ntext\n', 'utf16le')])));
      return true;
    case 'manifest-zero':
      rmSync(join(dir, 'submission', 'manifest.json'), { force: true });
      symlinkSync('/dev/zero', join(dir, 'submission', 'manifest.json'));
      return false;
    case 'names-fifo':
      rmSync(join(dir, 'private', 'names.txt'), { force: true });
      execFileSync('mkfifo', [join(dir, 'private', 'names.txt')]);
      return false;
  }
}

/** The real binary, killed if it outlives the timeout. */
function cli(args: string[]): Promise<Run & { timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', PERMANENCE_TODAY: '2026-09-14' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, COMMAND_TIMEOUT_MS);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

function expectWellBehaved(r: Run & { timedOut: boolean }, what: string, text: boolean) {
  expect(r.timedOut, `${what} did not finish`).toBe(false);
  expect([0, 1, 2], `${what}: exit ${r.code}\n${r.stderr}`).toContain(r.code);
  const out = r.stdout + r.stderr;
  expect(out, what).not.toMatch(/\n\s+at .*:\d+:\d+/);
  expect(out, what).not.toContain('unexpected error');
  expect(out, what).not.toContain(SECRET);
  if (text) expect(out, what).not.toMatch(OBEYED);
}

describe('random hostile portfolio trees', () => {
  it(`every command finishes, prints no stack trace and nothing from outside, and a changed portfolio is never "signed" (seed ${SEED})`, async () => {
    const outside = tmp('permanence-outside-');
    writeFileSync(join(outside, 'secret.md'), `---\npermanence: week\nmodule: 1\nweek: 2\ntitle: ${SECRET}\n---\n## Task 3: x\n### a) y\n\n${SECRET} secret@example.org\n`);
    mkdirSync(join(outside, 'module-1'));
    writeFileSync(join(outside, 'module-1', 'week-2.md'), `${SECRET}\n`);
    const validate = validators().verifyReport!;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 4 }), async (ops) => {
        const dir = demoCopy('signed');
        let changed = false;
        for (const o of ops) changed = apply(dir, outside, o) || changed;
        const label = JSON.stringify(ops);

        const status = await cli(['status', '--dir', dir]);
        expectWellBehaved(status, `status ${label}`, true);
        const text = await cli(['verify', dir]);
        expectWellBehaved(text, `verify ${label}`, true);
        const json = await cli(['verify', dir, '--format', 'json']);
        expectWellBehaved(json, `verify --format json ${label}`, false);
        const report = JSON.parse(json.stdout);
        expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
        if (changed) expect(report.portfolios[0].signoff.status, label).not.toBe('valid');

        const render = await cli(['render', '--dir', dir, '--draft', '--out', join(tmp(), 'out')]);
        expectWellBehaved(render, `render ${label}`, true);
        const signoff = await cli(['signoff', '--dir', dir, '--name', 'Alex Morgan', '--role', 'Practice supervisor', '--attendance-confirmed']);
        expectWellBehaved(signoff, `signoff ${label}`, true);
        if (signoff.code === 0) {
          // What was just signed verifies as signed: sign-off and verify digest the same bytes.
          const after = JSON.parse((await cli(['verify', dir, '--format', 'json'])).stdout);
          expect(after.portfolios[0].signoff.status, label).toBe('valid');
          expect(after.portfolios[0].complete, label).toBe(true);
        } else {
          expect(signoff.code, `signoff ${label}\n${signoff.stderr}`).toBe(1);
        }
      }),
      { seed: SEED, numRuns: 10, endOnFailure: true },
    );
  }, 900_000);
});
