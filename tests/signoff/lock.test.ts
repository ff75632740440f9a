// One writer at a time per portfolio: two `week --answers` at once never lose an
// answer either says it saved; a lock held by a live process is named and waited
// for; a lock left by a killed process never blocks the next run.
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, uptime } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { BIN, cli, tmp, type Run } from '../helpers.js';
import { loadProgramme } from '../../src/programme/load.js';
import { entrySpecs, fieldKey } from '../../src/portfolio/layout.js';
import { parseEntry } from '../../src/portfolio/entry.js';
import { LOCK_FILE, lockPortfolio } from '../../src/util/lock.js';
import { ExitError } from '../../src/errors.js';
import { formatAnswer, type AnswerValue } from '../../src/portfolio/answers.js';

const cat = loadProgramme();
const ROUNDS = 20;
const env = { ...process.env, NO_COLOR: '1', PERMANENCE_TODAY: '2026-05-11' };

/** `week 1.1 --answers` as its own process, with one recognisable answer per text field of the tasks given. */
function answersFile(tasks: number[], tag: string): { path: string; expected: Map<string, string> } {
  const week = cat.week(1, 1)!;
  const yaml: Record<string, Record<number, Record<string, AnswerValue>>> = { '1.1': {} };
  const expected = new Map<string, string>();
  for (const t of week.tasks.filter((x) => tasks.includes(x.number))) {
    for (const f of t.fields.filter((x) => x.kind !== 'entry')) {
      const key = fieldKey(t.number, f.id);
      const value: AnswerValue =
        f.kind === 'check' ? true : f.kind === 'areas' ? { [f.options![0]!]: `note ${tag} for ${key}` } : f.kind === 'list' ? [`item ${tag} for ${key}`] : `Answer ${tag} for ${key}, written by its own process.`;
      (yaml['1.1']![t.number] ??= {})[f.id] = value;
      expected.set(key, formatAnswer(f, value));
    }
  }
  const path = join(tmp(), `${tag}.yaml`);
  writeFileSync(path, stringify(yaml));
  return { path, expected };
}

const saidSaved = (out: string) => [...out.matchAll(/✓ Saved task (\d+) ([a-z])\)/g)].map((m) => `${m[1]}${m[2]}`);

/** A pid that is certainly not running: a process that has ended. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  return Number(r.stdout.trim());
}

describe('one writer at a time', () => {
  it(`two week --answers at once on one file: every answer said to be saved is in the file (${ROUNDS} rounds)`, async () => {
    const base = join(tmp(), 'base');
    expect((await cli(['init', base, '--yes', '--no-git'])).code).toBe(0);
    const a = answersFile([1, 2, 3, 4], 'A');
    const b = answersFile([5, 6, 7, 8, 9], 'B');
    expect(a.expected.size).toBeGreaterThan(2);
    expect(b.expected.size).toBeGreaterThan(2);
    const spec = entrySpecs(cat).find((s) => s.file === 'module-1/week-1.md')!;
    let bothSaved = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const dir = join(tmp(), `p${round}`);
      cpSync(base, dir, { recursive: true });
      const [ra, rb] = await Promise.all([cli(['week', '1.1', '--dir', dir, '--answers', a.path]), cli(['week', '1.1', '--dir', dir, '--answers', b.path])]);
      const entry = parseEntry(readFileSync(join(dir, spec.file), 'utf8'), spec, cat);
      expect(entry.problems).toEqual([]);
      for (const [r, s] of [
        [ra, a],
        [rb, b],
      ] as const) {
        if (r.code !== 0) {
          // The one that could not wait long enough says who was writing, and saved nothing.
          expect(r.stderr).toMatch(/This portfolio is being changed by permanence week or selfassess \(process \d+ on .*, since \d{4}-\d\d-\d\dT/);
          expect(saidSaved(r.stdout)).toEqual([]);
          continue;
        }
        const said = saidSaved(r.stdout);
        expect(said.length).toBe(s.expected.size);
        for (const key of said) expect(entry.slots.get(key)?.raw.trim(), `round ${round}: ${key} was said to be saved`).toBe(s.expected.get(key));
      }
      if (ra.code === 0 && rb.code === 0) bothSaved++;
      expect(existsSync(join(dir, LOCK_FILE)), 'the lock is released at the end').toBe(false);
    }
    // Waiting is the usual outcome: most rounds have both runs finish, one after the other.
    expect(bothSaved).toBeGreaterThan(ROUNDS / 2);
  }, 300_000);

  it('a lock held by a live process: the second writer waits, then names the holder and since when (exit 1), and changes nothing', async () => {
    const dir = join(tmp(), 'p');
    expect((await cli(['init', dir, '--yes', '--no-git'])).code).toBe(0);
    const before = readFileSync(join(dir, 'module-1/week-1.md'), 'utf8');
    // This test's own process is alive, and took the lock since the machine started: a lock in its name is held.
    const since = new Date().toISOString();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: process.pid, host: hostname(), started: since, command: 'signoff' }));
    const a = answersFile([1], 'held');
    // Each waits its five seconds for the holder: side by side, as three people might start them.
    const [r, ...others] = await Promise.all([
      cli(['week', '1.1', '--dir', dir, '--answers', a.path]),
      cli(['signoff', '--dir', dir, '--name', 'A', '--role', 'B', '--module', '1']),
      cli(['render', '--dir', dir, '--draft']),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`This portfolio is being changed by permanence signoff (process ${process.pid} on ${hostname()}, since ${since}); nothing was changed.`);
    expect(r.stderr).toContain(`If no permanence command is running, delete ${join(dir, LOCK_FILE)}`);
    expect(r.stderr).not.toMatch(/this is a bug|\n\s+at /);
    expect(readFileSync(join(dir, 'module-1/week-1.md'), 'utf8')).toBe(before);
    for (const o of others) {
      expect(o.code, o.stderr).toBe(1);
      expect(o.stderr).toContain('This portfolio is being changed by permanence signoff');
    }
    expect(existsSync(join(dir, 'signoffs'))).toBe(false);
    expect(existsSync(join(dir, 'submission'))).toBe(false);
  }, 120_000);

  it('a lock left by a process that is gone (or half-written and old) is taken, and the run goes on', async () => {
    const dir = join(tmp(), 'p');
    expect((await cli(['init', dir, '--yes', '--no-git'])).code).toBe(0);
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid(), host: hostname(), started: '2026-05-11T09:00:00.000Z', command: 'week or selfassess' }));
    const a = answersFile([1], 'stale');
    const r = await cli(['week', '1.1', '--dir', dir, '--answers', a.path]);
    expect(r.code, r.stderr).toBe(0);
    expect(saidSaved(r.stdout).length).toBe(a.expected.size);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    // Unreadable, and older than a writer needs to fill it in.
    writeFileSync(join(dir, LOCK_FILE), '{"pid": 12');
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(dir, LOCK_FILE), old, old);
    const again = await cli(['week', '1.1', '--dir', dir, '--answers', a.path]);
    expect(again.code, again.stderr).toBe(0);
  });

  it('a lock written before the machine last started is taken, even when its process number is in use again', async () => {
    const dir = join(tmp(), 'p');
    expect((await cli(['init', dir, '--yes', '--no-git'])).code).toBe(0);
    // A live process (this one) named by a lock from before the restart: the number was handed out again.
    const beforeBoot = new Date(Date.now() - uptime() * 1000 - 3_600_000).toISOString();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: process.pid, host: hostname(), started: beforeBoot, command: 'week or selfassess' }));
    const a = answersFile([1], 'reboot');
    const r = await cli(['week', '1.1', '--dir', dir, '--answers', a.path]);
    expect(r.code, r.stderr).toBe(0);
    expect(saidSaved(r.stdout).length).toBe(a.expected.size);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('a holder on another machine (a synced folder) is never assumed gone', () => {
    const dir = tmp();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid(), host: 'another-laptop', started: '2026-05-11T09:00:00.000Z', command: 'render' }));
    let err: unknown;
    try {
      lockPortfolio(dir, 'week', 1, 300);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ExitError);
    expect((err as ExitError).message).toContain('permanence render (process');
    expect((err as ExitError).message).toContain('on another-laptop, since 2026-05-11T09:00:00.000Z');
  });

  it.skipIf(process.platform !== 'linux')('a folder this user cannot write to: refused with its reason, unless the command writes elsewhere (render --out)', () => {
    // /sys refuses new files even to root, as a read-only share would.
    expect(() => lockPortfolio('/sys', 'week', 1)).toThrow("Cannot take the portfolio's writer lock /sys/.permanence.tmp-lock: EACCES. Nothing was changed.");
    const none = lockPortfolio('/sys', 'render', 1, 100, { readOnlyOk: true });
    expect(() => none.release()).not.toThrow();
  });

  it('released on release(), never removing a lock that is not its own', () => {
    const dir = tmp();
    const lock = lockPortfolio(dir, 'render', 1);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, host: hostname(), command: 'render' });
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 1, host: 'elsewhere', started: 'x', command: 'week' }));
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
  });
});

/** Runs a command and kills it with `signal` once `afterMs` have passed since it printed `marker` (or started). */
function runKilled(args: string[], signal: NodeJS.Signals, afterMs: number, marker?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const arm = () => (timer ??= setTimeout(() => child.kill(signal), afterMs));
    if (!marker) arm();
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (marker && stdout.includes(marker)) arm();
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, sig) => {
      clearTimeout(timer);
      resolve({ code, signal: sig, stdout, stderr });
    });
  });
}

describe('a killed writer never leaves the portfolio locked', () => {
  it('week killed with SIGKILL while holding the lock: the next run is not blocked', async () => {
    const dir = join(tmp(), 'p');
    expect((await cli(['init', dir, '--yes', '--no-git'])).code).toBe(0);
    const a = answersFile([1, 2, 3, 4, 5, 6, 7, 8, 9], 'K');
    const killed = await runKilled(['week', '1.1', '--dir', dir, '--answers', a.path], 'SIGKILL', 0, 'Saved');
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(join(dir, LOCK_FILE)), 'SIGKILL leaves the lock file behind').toBe(true);
    const next = await cli(['week', '1.1', '--dir', dir, '--answers', a.path]);
    expect(next.code, next.stderr).toBe(0);
    // Taken at once, not after the wait for a live holder (which would be LOCK_WAIT_MS).
    expect(next.stderr).toBe('');
  });

  it.each(['SIGTERM', 'SIGHUP', 'SIGINT'] as const)('%s: the lock is released on the way out', async (signal) => {
    const dir = join(tmp(), 'p');
    expect((await cli(['init', dir, '--yes', '--no-git'])).code).toBe(0);
    const a = answersFile([1, 2, 3, 4, 5, 6, 7, 8, 9], 'S');
    const killed = await runKilled(['week', '1.1', '--dir', dir, '--answers', a.path], signal, 0, 'Saved');
    if (killed.code === 0) return; // it finished before the signal arrived: nothing to see
    expect(killed.signal).toBe(signal);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });
});
