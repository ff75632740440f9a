// `week --answers` killed with SIGKILL at random moments never leaves a damaged
// file, and never loses an answer it had said was saved.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { BIN, cli, tmp } from '../helpers.js';
import { loadProgramme } from '../../src/programme/load.js';
import { entrySpecs, fieldKey } from '../../src/portfolio/layout.js';
import { parseEntry } from '../../src/portfolio/entry.js';
import { formatAnswer, type AnswerValue } from '../../src/portfolio/answers.js';

const cat = loadProgramme();
const RUNS = 30;

/** An answer for every field of week 1.1 (every kind but entry), each one recognisable. */
function answersFor11(): { yaml: Record<number, Record<string, AnswerValue>>; expected: Map<string, string> } {
  const week = cat.week(1, 1)!;
  const yaml: Record<number, Record<string, AnswerValue>> = {};
  const expected = new Map<string, string>();
  for (const t of week.tasks) {
    for (const f of t.fields) {
      if (f.kind === 'entry') continue;
      const key = fieldKey(t.number, f.id);
      const value: AnswerValue =
        f.kind === 'check' ? true : f.kind === 'areas' ? { [f.options![0]!]: `note for ${key}` } : f.kind === 'list' ? [`item for ${key}`, 'second'] : `Answer for ${key}. ${'Words to make it longer. '.repeat(20)}`;
      (yaml[t.number] ??= {})[f.id] = value;
      expected.set(key, formatAnswer(f, value));
    }
  }
  return { yaml, expected };
}

/**
 * Runs `week --answers` and kills it `afterMs` after its first "Saved" line (so
 * the kill lands among the writes however slow start-up is on this machine).
 * Resolves with the output and how long the writes took when it was not killed.
 */
function runKilled(dir: string, answers: string, afterMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'week', '1.1', '--dir', dir, '--answers', answers], {
      env: { ...process.env, NO_COLOR: '1', PERMANENCE_TODAY: '2026-05-11' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!timer && out.includes('Saved')) timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    });
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
  });
}

describe('killed at random moments', () => {
  it(`never leaves a damaged file and never loses a saved answer (${RUNS} runs)`, async () => {
    const base = join(tmp(), 'base');
    expect((await cli(['init', base, '--yes', '--no-git'])).code).toBe(0);
    const { yaml, expected } = answersFor11();
    const answers = join(tmp(), 'answers.yaml');
    writeFileSync(answers, stringify(yaml));
    const spec = entrySpecs(cat).find((s) => s.file === 'module-1/week-1.md')!;

    // How long a whole run takes here, so the kills land before, during and after the writes.
    const whole = join(tmp(), 'whole');
    cpSync(base, whole, { recursive: true });
    const t0 = Date.now();
    const full = await runKilled(whole, answers, 60_000);
    // An upper bound on the writes' duration (from the first save to the end).
    const duration = Math.max(20, Date.now() - t0);
    expect(full).toContain('Module 1, week 1: 7 of 9 tasks answered');

    let killedMidway = 0;
    for (let batch = 0; batch < RUNS; batch += 5) {
      await Promise.all(
        Array.from({ length: 5 }, async () => {
          const dir = join(tmp(), 'p');
          cpSync(base, dir, { recursive: true });
          const out = await runKilled(dir, answers, Math.floor(Math.random() * duration * 1.1));
          const text = readFileSync(join(dir, spec.file), 'utf8');
          const entry = parseEntry(text, spec, cat);
          expect(entry.problems, `damaged after a kill:\n${text}`).toEqual([]);
          const said = [...out.matchAll(/✓ Saved task (\d+) ([a-z])\)/g)].map((m) => `${m[1]}${m[2]}`);
          if (said.length > 0 && said.length < expected.size) killedMidway++;
          for (const key of said) expect(entry.slots.get(key)?.raw.trim(), `answer ${key} was said to be saved`).toBe(expected.get(key));
          // every answer slot is either as the template left it or fully written
          for (const [key, value] of expected) {
            const raw = entry.slots.get(key)?.raw.trim() ?? '';
            if (raw === value) continue;
            expect(raw.includes('Answer for') || raw.includes('note for') || raw.includes('item for'), `${key} half-written: ${raw}`).toBe(false);
          }
          // no temporary files left where a reader would see them as entries
          expect(readdirSync(join(dir, 'module-1')).filter((f) => f.endsWith('.md'))).toHaveLength(7);
        }),
      );
    }
    // The kills must have landed in the middle of the writes at least sometimes, or the test proves little.
    expect(killedMidway).toBeGreaterThan(0);
  }, 120_000);
});
