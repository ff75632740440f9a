import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, tmp } from '../helpers.js';

const SIZE = 4 * 1024 * 1024;

describe('atomic writes', () => {
  it('a process killed with SIGKILL mid-write never leaves a truncated or empty file', async () => {
    const dir = tmp();
    const target = join(dir, 'entry.md');
    writeFileSync(target, 'a'.repeat(SIZE));
    const atomic = pathToFileURL(join(ROOT, 'dist', 'util', 'atomic.js')).href;
    // The child rewrites the file as fast as it can, alternating two full contents.
    const script = `
      import { writeFileAtomic } from ${JSON.stringify(atomic)};
      const a = 'a'.repeat(${SIZE}), b = 'b'.repeat(${SIZE});
      process.stdout.write('ready\\n');
      for (let i = 0; ; i++) writeFileAtomic(${JSON.stringify(target)}, i % 2 ? a : b);
    `;
    let kills = 0;
    for (let round = 0; round < 25; round++) {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((r) => setTimeout(r, 5 + Math.floor(Math.random() * 60)));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('close', r));
      kills++;
      const text = readFileSync(target, 'utf8');
      expect(text.length).toBe(SIZE);
      expect(text === 'a'.repeat(SIZE) || text === 'b'.repeat(SIZE)).toBe(true);
    }
    expect(kills).toBe(25);
    // Only the target and, at most, temporary files a kill left behind (never the target itself damaged).
    for (const f of readdirSync(dir)) expect(f === 'entry.md' || /^\.entry\.md\.tmp-/.test(f)).toBe(true);
  });
});
