// The real terminal, once: `permanence week` driven in tmux through a tick, a
// long answer in the terminal entry, a short answer, and Ctrl-C.
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, cli, hasTool, tmp } from '../helpers.js';
import { loadProgramme } from '../../src/programme/load.js';
import { entrySpecs } from '../../src/portfolio/layout.js';
import { parseEntry } from '../../src/portfolio/entry.js';

const hasTmux = hasTool('tmux', 'the real-terminal test of permanence week');
const socket = `permanence-test-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cat = loadProgramme();

afterAll(() => {
  if (hasTmux) spawnSync('tmux', ['-L', socket, 'kill-server']);
});

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Starts the command in a 200x50 terminal; its exit code lands in a file. */
function start(name: string, args: string[], exitFile: string): void {
  const command = `${[process.execPath, BIN, ...args].map(quote).join(' ')}; echo EXIT=$? > ${quote(exitFile)}; sleep 60`;
  tmux('new-session', '-d', '-s', name, '-x', '200', '-y', '50', '-e', 'NO_COLOR=1', '-e', 'PERMANENCE_TODAY=2026-05-11', '-e', 'EDITOR=', '-e', 'VISUAL=', `sh -c ${quote(command)}`);
}

const screen = (name: string) => tmux('capture-pane', '-p', '-t', name, '-S', '-200');

async function waitFor(name: string, text: string | RegExp, timeout = 8000): Promise<string> {
  const until = Date.now() + timeout;
  for (;;) {
    const s = screen(name);
    if (typeof text === 'string' ? s.includes(text) : text.test(s)) return s;
    if (Date.now() > until) throw new Error(`waited ${timeout} ms for ${String(text)}; the screen shows:\n${s}`);
    await sleep(50);
  }
}

/** Keys as a person types them: one press at a time, not one burst (which would read as a paste). */
async function press(name: string, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    tmux('send-keys', '-t', name, k);
    await sleep(80);
  }
}
const type = (name: string, text: string) => tmux('send-keys', '-t', name, '-l', text);

async function exitCode(file: string, timeout = 8000): Promise<string> {
  const until = Date.now() + timeout;
  while (!existsSync(file) || !readFileSync(file, 'utf8').includes('\n')) {
    if (Date.now() > until) throw new Error('the command did not exit');
    await sleep(50);
  }
  return readFileSync(file, 'utf8').trim();
}

function slot(dir: string, file: string, key: string): string {
  const spec = entrySpecs(cat).find((s) => s.file === file)!;
  const entry = parseEntry(readFileSync(join(dir, file), 'utf8'), spec, cat);
  expect(entry.problems).toEqual([]);
  return entry.slots.get(key)?.raw.trim() ?? '';
}

describe.skipIf(!hasTmux)('permanence week in a real terminal (tmux)', () => {
  it('a tick, a long answer typed in the terminal, a short answer, and Ctrl-C: exit 130, answers on disk', async () => {
    const dir = join(tmp(), 'my portfolio');
    expect((await cli(['init', dir, '--yes', '--no-git'])).code).toBe(0);

    const exit1 = join(tmp(), 'exit');
    start('w12', ['week', '1.2', '--dir', dir], exit1);
    await waitFor('w12', 'What would you like to do?');
    await press('w12', 'Enter'); // carry on with the unfinished tasks
    await waitFor('w12', 'Tick it?');
    await press('w12', 'y', 'Enter');
    await waitFor('w12', 'Saved in module-1/week-2.md: ticked');
    await waitFor('w12', 'Task 2?');
    await press('w12', 'Enter');
    await waitFor('w12', /Jamal is six months old[\s\S]*press Enter on two empty lines/);
    type('w12', 'Fear for Jamal, and for her mother.');
    await press('w12', 'Enter');
    type('w12', 'Anger that nobody could be named.');
    await press('w12', 'Enter', 'Enter', 'Enter');
    await waitFor('w12', 'Saved in module-1/week-2.md (13 words)');
    await waitFor('w12', 'Jamie is fourteen years old');
    type('w12', 'Half a thought about Jamie');
    await sleep(100);
    await press('w12', 'C-c');
    expect(await exitCode(exit1)).toBe('EXIT=130');
    const shown = screen('w12');
    expect(shown).toContain('Stopped. Your answers so far are saved in module-1/week-2.md.');
    expect(slot(dir, 'module-1/week-2.md', '1a')).toBe('- [x] I have read the six vignettes.');
    expect(slot(dir, 'module-1/week-2.md', '2a')).toBe('Fear for Jamal, and for her mother.\nAnger that nobody could be named.');
    expect(slot(dir, 'module-1/week-2.md', '2b')).toBe('Half a thought about Jamie');

    const exit2 = join(tmp(), 'exit');
    start('w16', ['week', '1.6', '--task', '1', '--dir', dir], exit2);
    await waitFor('w16', 'Choose five words to describe your childhood');
    type('w16', 'busy loud warm crowded happy');
    await press('w16', 'Enter');
    await waitFor('w16', /Saved in module-1\/week-6.md[\s\S]*b\) What three words/);
    await press('w16', 'C-c');
    expect(await exitCode(exit2)).toBe('EXIT=130');
    expect(slot(dir, 'module-1/week-6.md', '1a')).toBe('busy loud warm crowded happy');
    expect(slot(dir, 'module-1/week-6.md', '1b')).toBe('');
  }, 30_000);
});
