import { spawn } from 'node:child_process';
import { accessSync, constants, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, inject } from 'vitest';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'permanence.js');

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The real CLI, spawned as a participant or supervisor would run it, with no terminal. */
export function cli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: '1', PERMANENCE_TODAY: '2026-05-11', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

const made: string[] = [];
afterAll(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test file. */
export function tmp(prefix = 'permanence-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}

export function copyDir(from: string): string {
  const to = tmp();
  cpSync(from, to, { recursive: true });
  return to;
}

/** Output as a person reads it, without colour codes or this run's temporary paths. */
export function clean(text: string, ...paths: string[]): string {
  let out = text.replace(/\x1b\[[0-9;]*m/g, '');
  for (const p of paths) out = out.split(p).join('<dir>');
  return out;
}

/**
 * Whether a system tool is on PATH, without running it. When it is not, the tests that need it are
 * skipped and the run says so, naming the tool and what goes unchecked. CI installs every tool and
 * sets PERMANENCE_TEST_TOOLS=required, so there a missing tool fails the run instead of skipping.
 */
export function hasTool(command: string, needed: string): boolean {
  const found = (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir || '.', command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (found) return true;
  if (process.env.PERMANENCE_TEST_TOOLS === 'required') throw new Error(`${command} is not on PATH, and PERMANENCE_TEST_TOOLS=required: install it to run ${needed}`);
  console.log(`skipped: ${needed}, because ${command} is not on PATH`);
  return false;
}

/** A copy of the demo made once for the run (tests/setup.ts), for a test to change: signed off and rendered, or from before either. */
export function demoCopy(stage: 'signed' | 'unsigned' = 'unsigned'): string {
  return copyDir(inject(stage === 'signed' ? 'demo' : 'demoUnsigned'));
}

/** A copy of a fixture portfolio (tests/fixtures/portfolios/<name>), built once for the run, for a test to change. */
export function fixtureCopy(name: string): string {
  const built = inject('fixtures')[name];
  if (!built) throw new Error(`no fixture portfolio '${name}' (tests/fixtures/portfolios/)`);
  return copyDir(built);
}
