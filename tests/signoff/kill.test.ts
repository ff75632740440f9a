// signoff and render killed with SIGKILL at random moments, under the writer
// lock: never a half-written record or bundle file, never a record without the
// signature it was given, and never a lock that stops the next run.
import { describe, expect, it } from 'vitest';
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, cli, demoCopy, hasTool, tmp } from '../helpers.js';

const RUNS = 15;
// A render of the demo takes a second or two, and each run renders twice: fewer runs, still spread over its whole length.
const RENDER_RUNS = 10;
const env = { ...process.env, NO_COLOR: '1', PERMANENCE_TODAY: '2026-09-15' };

/** Runs the command and kills it with SIGKILL after `afterMs`; resolves with how long it ran. */
function runKilled(args: string[], afterMs: number): Promise<{ ms: number; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      resolve({ ms: Date.now() - t0, killed: signal === 'SIGKILL' });
    });
  });
}

/** Kills at spread-out moments over a whole run's length, in batches of 5. */
async function killRounds(base: string, args: (dir: string) => string[], check: (dir: string) => Promise<void>, runs = RUNS): Promise<number> {
  const whole = join(tmp(), 'whole');
  cpSync(base, whole, { recursive: true });
  const { ms } = await runKilled(args(whole), 120_000);
  let midway = 0;
  for (let batch = 0; batch < runs; batch += 5) {
    await Promise.all(
      Array.from({ length: 5 }, async (_, i) => {
        const dir = join(tmp(), 'p');
        cpSync(base, dir, { recursive: true });
        const r = await runKilled(args(dir), Math.floor(((batch + i + 0.5) / runs) * ms * 1.1));
        if (r.killed) midway++;
        await check(dir);
      }),
    );
  }
  return midway;
}

const records = (dir: string) => (existsSync(join(dir, 'signoffs')) ? readdirSync(join(dir, 'signoffs')).filter((f) => !f.startsWith('.')) : []);

describe('killed under the lock', () => {
  it.skipIf(!hasTool('ssh-keygen', 'signed sign-offs killed midway'))(`signoff --key: a record stands whole and signed, or not at all; the next one is not blocked (${RUNS} runs)`, async () => {
    const base = demoCopy('unsigned');
    const keys = tmp();
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(keys, 'id')]);
    const args = (dir: string) => ['signoff', '--dir', dir, '--name', 'Alex Morgan', '--role', 'Practice supervisor', '--attendance-confirmed', '--key', join(keys, 'id')];
    const midway = await killRounds(base, args, async (dir) => {
      const left = records(dir);
      const json = left.filter((f) => f.endsWith('.json'));
      for (const f of json) {
        const r = JSON.parse(readFileSync(join(dir, 'signoffs', f), 'utf8'));
        expect(r.record).toBe(2);
        expect(left, `${f} stands without its signature`).toContain(`${f}.sig`);
      }
      const next = await cli(args(dir), { env: { PERMANENCE_TODAY: '2026-09-15' } });
      expect(next.code, next.stderr).toBe(0);
      const v = await cli(['verify', dir, '--format', 'json'], { env: { PERMANENCE_TODAY: '2026-09-15' } });
      expect(JSON.parse(v.stdout).portfolios[0].signoff.status).toBe('valid');
    });
    expect(midway).toBeGreaterThan(0);
  }, 300_000);

  it(`render: each bundle file is the old one or the new one, whole; the next render is not blocked (${RENDER_RUNS} runs)`, async () => {
    const base = demoCopy('signed');
    const args = (dir: string) => ['render', '--dir', dir];
    const midway = await killRounds(base, args, async (dir) => {
      const files = readdirSync(join(dir, 'submission')).filter((f) => !f.startsWith('.'));
      expect(files.sort()).toEqual(['manifest.json', 'portfolio.pdf']);
      JSON.parse(readFileSync(join(dir, 'submission/manifest.json'), 'utf8'));
      const pdf = readFileSync(join(dir, 'submission/portfolio.pdf'));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.subarray(-6).toString()).toMatch(/%%EOF\s*$/);
      const next = await cli(args(dir), { env: { PERMANENCE_TODAY: '2026-09-15' } });
      expect(next.code, next.stderr).toBe(0);
      const v = await cli(['verify', dir, '--bundle', join(dir, 'submission')], { env: { PERMANENCE_TODAY: '2026-09-15' } });
      expect(v.code, v.stdout).toBe(0);
    }, RENDER_RUNS);
    expect(midway).toBeGreaterThan(0);
  }, 300_000);
});
