// The real terminal: `permanence week` driven in tmux through a tick, a long
// answer in the terminal entry, a short answer, and Ctrl-C; and the warning on
// a private name typed in an answer.
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
const cat = loadProgramme();

afterAll(() => {
  if (hasTmux) spawnSync('tmux', ['-L', socket, 'kill-server']);
});

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Starts the command in a 200x50 terminal; its exit code lands in a file. */
function start(name: string, args: string[], exitFile: string, env: Record<string, string> = {}): void {
  const command = `${[process.execPath, BIN, ...args].map(quote).join(' ')}; echo EXIT=$? > ${quote(exitFile)}; sleep 60`;
  const vars = Object.entries({ NO_COLOR: '1', PERMANENCE_TODAY: '2026-05-11', EDITOR: '', VISUAL: '', ...env }).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  tmux('new-session', '-d', '-s', name, '-x', '200', '-y', '50', ...vars, `sh -c ${quote(command)}`);
}

const screen = (name: string) => tmux('capture-pane', '-p', '-t', name, '-S', '-200');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits (bounded) until the screen shows the text. */
async function waitFor(name: string, text: string | RegExp, timeout = 10_000): Promise<string> {
  const until = Date.now() + timeout;
  for (;;) {
    const s = screen(name);
    if (typeof text === 'string' ? s.includes(text) : text.test(s)) return s;
    if (Date.now() > until) throw new Error(`waited ${timeout} ms for ${String(text)}; the screen shows:\n${s}`);
    await sleep(50);
  }
}

/** The screen (with what scrolled off) down to the line the cursor is on, read in one tmux command so the two agree. */
function upToCursor(name: string): { text: string; line: string } {
  const out = tmux('capture-pane', '-p', '-t', name, '-S', '-200', ';', 'display-message', '-p', '-t', name, '#{cursor_y} #{pane_height}');
  const lines = out.replace(/\n$/, '').split('\n');
  const [y, height] = lines.pop()!.split(' ').map(Number);
  const at = lines.length - height! + y!;
  return { text: lines.slice(0, at + 1).join('\n').replace(/[ \t]+$/, ''), line: lines[at] ?? '' };
}

/** The line a prompt waits on: a question ("? ..."), the terminal entry's "›", or a menu's key hint below its choices. */
const INPUT_LINE = /^\s*(\? |›|↑↓ navigate)/;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A menu drawn in full: its question, its choices, and the key hint the cursor waits on. */
const menu = (question: string) => new RegExp(`\\? ${escape(question)}\\n(?:.*\\n)*.*↑↓ navigate`);

/**
 * Waits (bounded) until a prompt is drawn and waiting for a key: the cursor is on its input line
 * and the screen down to the cursor ends with `shown` (a regex may span lines), then the rest of
 * the cursor's line. A heading printed before the prompt is not enough: keys typed then are
 * echoed above the prompt and never reach it.
 */
async function atPrompt(name: string, shown: string | RegExp, timeout = 10_000): Promise<void> {
  const ends = new RegExp(`(?:${typeof shown === 'string' ? escape(shown) : shown.source})[^\\n]*$`);
  const until = Date.now() + timeout;
  for (;;) {
    const { text, line } = upToCursor(name);
    if (INPUT_LINE.test(line) && ends.test(text)) return;
    if (Date.now() > until) throw new Error(`waited ${timeout} ms for the prompt ${String(shown)}; the screen down to the cursor shows:\n${text}`);
    await sleep(50);
  }
}

/** Keys as a person types them, once the prompt is drawn: one press at a time, not one burst (which would read as a paste). */
async function press(name: string, prompt: string | RegExp, ...keys: string[]): Promise<void> {
  await atPrompt(name, prompt);
  for (const k of keys) {
    tmux('send-keys', '-t', name, k);
    await sleep(80);
  }
}

/** Text typed at the prompt once it is drawn; returns once the terminal shows it on the cursor's line. */
async function type(name: string, prompt: string | RegExp, text: string): Promise<void> {
  await atPrompt(name, prompt);
  tmux('send-keys', '-t', name, '-l', text);
  await atPrompt(name, text);
}

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
    await press('w12', menu('What would you like to do?'), 'Enter'); // carry on with the unfinished tasks
    // task 1's tick ("I have read the six vignettes") waits until task 2 has shown them
    await press('w12', menu('Task 2?'), 'Enter');
    await type('w12', /Jamal is six months old[\s\S]*press Enter on two empty lines.*\n\s*›/, 'Fear for Jamal, and for her mother.');
    await press('w12', '› Fear for Jamal, and for her mother.', 'Enter');
    await type('w12', /› Fear for Jamal, and for her mother\.\n\s*›/, 'Anger that nobody could be named.');
    await press('w12', '› Anger that nobody could be named.', 'Enter');
    await press('w12', /› Anger that nobody could be named\.\n\s*›/, 'Enter');
    await press('w12', /› Anger that nobody could be named\.\n\s*›\n\s*›/, 'Enter');
    await waitFor('w12', 'Saved in module-1/week-2.md (13 words)');
    await type('w12', /Jamie is fourteen years old[\s\S]*\n\s*›/, 'Half a thought about Jamie');
    await sleep(100);
    await press('w12', '› Half a thought about Jamie', 'C-c');
    expect(await exitCode(exit1)).toBe('EXIT=130');
    const shown = screen('w12');
    expect(shown).toContain('Stopped. Your answers so far are saved in module-1/week-2.md.');
    expect(slot(dir, 'module-1/week-2.md', '1a')).toBe('- [ ] I have read the six vignettes.');
    expect(slot(dir, 'module-1/week-2.md', '2a')).toBe('Fear for Jamal, and for her mother.\nAnger that nobody could be named.');
    expect(slot(dir, 'module-1/week-2.md', '2b')).toBe('Half a thought about Jamie');

    const exit2 = join(tmp(), 'exit');
    start('w16', ['week', '1.6', '--task', '1', '--dir', dir], exit2);
    await type('w16', '? Choose five words to describe your childhood', 'busy loud warm crowded happy');
    await press('w16', 'busy loud warm crowded happy', 'Enter');
    await waitFor('w16', /Saved in module-1\/week-6.md[\s\S]*b\) What three words/);
    await press('w16', '? What three words', 'C-c');
    expect(await exitCode(exit2)).toBe('EXIT=130');
    expect(slot(dir, 'module-1/week-6.md', '1a')).toBe('busy loud warm crowded happy');
    expect(slot(dir, 'module-1/week-6.md', '1b')).toBe('');
  }, 30_000);
  it('a private name typed in an answer: the warning on screen at once, and "keep it, mark it reviewed" marks the line', async () => {
    const { writeFileSync } = await import('node:fs');
    const dir = join(tmp(), 'my portfolio');
    expect((await cli(['init', dir, '--yes', '--no-git'])).code).toBe(0);
    writeFileSync(join(dir, 'private', 'names.txt'), 'Kayden\n');
    const exit = join(tmp(), 'exit');
    start('wn', ['week', '1.6', '--task', '1', '--dir', dir], exit);
    await type('wn', '? Choose five words to describe your childhood', 'Kayden taught me patience');
    await press('wn', 'Kayden taught me patience', 'Enter');
    const shown = await waitFor('wn', /This answer mentions a name on your private list: Kayden \(line \d+\)[\s\S]*It is in module-1\/week-6\.md/);
    expect(shown.indexOf('Saved in module-1/week-6.md')).toBeLessThan(shown.indexOf('This answer mentions'));
    await press('wn', menu('Rewrite it, or keep it?'), 'Down', 'Enter');
    await waitFor('wn', /Marked reviewed in module-1\/week-6\.md \(1 line: \d+\)/);
    await press('wn', '? What three words', 'C-c');
    expect(await exitCode(exit)).toBe('EXIT=130');
    expect(slot(dir, 'module-1/week-6.md', '1a')).toBe('Kayden taught me patience <!-- reviewed -->');
  }, 30_000);
  it('week 9 in programme week 9: opens module 2, week 2 and says so; the week status prints opens the same', async () => {
    const dir = join(tmp(), 'my portfolio');
    // 2026-03-16 to 2026-05-11 (the terminal's today) is eight weeks: programme week 9
    expect((await cli(['init', dir, '--yes', '--no-git', '--start', '2026-03-16'])).code).toBe(0);
    const printed = /permanence week (\d+\.\d+)/.exec((await cli(['status', '--dir', dir])).stdout)?.[1];
    expect(printed).toBe('2.2');
    for (const [name, ref] of [['wk9', '9'], ['wkp', printed!]] as const) {
      const exit = join(tmp(), 'exit');
      start(name, ['week', ref, '--dir', dir], exit);
      const shown = await waitFor(name, /Module 2, week 2 \(programme week 9\):[\s\S]*What would you like to do\?/);
      if (ref === '9') expect(shown).toContain('"9" is programme week 9 (of 28): module 2, week 2.');
      expect(shown).not.toMatch(/no week 2\.9|There is no/);
      await press(name, menu('What would you like to do?'), 'C-c');
      expect(await exitCode(exit)).toBe('EXIT=130');
    }
  }, 30_000);

  it('the terminal closed while typing a long answer: the lines typed are on disk, and the next run offers them to carry on', async () => {
    const dir = join(tmp(), 'my portfolio');
    expect((await cli(['init', dir, '--yes', '--no-git'])).code).toBe(0);
    const draft = join(dir, 'private', 'drafts', 'module-1-week-2-3a.md');
    start('gone', ['week', '1.2', '--task', '3', '--dir', dir], join(tmp(), 'exit'));
    await type('gone', /press Enter on two empty lines.*\n\s*›/, 'First line typed.');
    await press('gone', '› First line typed.', 'Enter');
    await type('gone', /› First line typed\.\n\s*›/, 'And a second, half');
    // The window closed: no Ctrl-C, no Enter.
    tmux('kill-session', '-t', 'gone');
    const until = Date.now() + 10_000;
    while (!(existsSync(draft) && readFileSync(draft, 'utf8').includes('And a second, half'))) {
      if (Date.now() > until) throw new Error(`the draft was not written: ${existsSync(draft) ? readFileSync(draft, 'utf8') : 'no file'}`);
      await sleep(50);
    }
    expect(readFileSync(draft, 'utf8')).toMatch(/\n\nFirst line typed\.\nAnd a second, half\n$/);
    expect(slot(dir, 'module-1/week-2.md', '3a')).toBe('');

    const exit = join(tmp(), 'exit');
    start('back', ['week', '1.2', '--task', '3', '--dir', dir], exit);
    const shown = await waitFor('back', 'Take it up where you left off?');
    expect(shown).toContain('You were typing this answer when permanence last stopped');
    expect(shown).toMatch(/│ First line typed\.\n\s*│ And a second, half/);
    await press('back', menu('Take it up where you left off?'), 'Enter');
    await type('back', /press Enter on two empty lines.*\n\s*›/, 'and finished now.');
    await press('back', '› and finished now.', 'Enter');
    await press('back', /› and finished now\.\n\s*›/, 'Enter');
    await press('back', /› and finished now\.\n\s*›\n\s*›/, 'Enter');
    await waitFor('back', 'Saved in module-1/week-2.md');
    expect(await exitCode(exit)).toBe('EXIT=0');
    expect(slot(dir, 'module-1/week-2.md', '3a')).toBe('First line typed.\nAnd a second, half\nand finished now.');
    expect(existsSync(draft)).toBe(false);
  }, 40_000);

  it('SIGTERM while typing (a shutdown): the line being typed is on disk too, and the process ends as SIGTERM ends it (143)', async () => {
    const dir = join(tmp(), 'my portfolio');
    expect((await cli(['init', dir, '--yes', '--no-git'])).code).toBe(0);
    const exit = join(tmp(), 'exit');
    start('term', ['week', '1.2', '--task', '3', '--dir', dir], exit);
    await type('term', /press Enter on two empty lines.*\n\s*›/, 'Before the shutdown.');
    await press('term', '› Before the shutdown.', 'Enter');
    await type('term', /› Before the shutdown\.\n\s*›/, 'half a line');
    const shell = tmux('display-message', '-p', '-t', 'term', '#{pane_pid}').trim();
    const node = execFileSync('pgrep', ['-P', shell], { encoding: 'utf8' }).trim().split('\n')[0]!;
    process.kill(Number(node), 'SIGTERM');
    expect(await exitCode(exit)).toBe('EXIT=143');
    expect(readFileSync(join(dir, 'private', 'drafts', 'module-1-week-2-3a.md'), 'utf8')).toMatch(/\n\nBefore the shutdown\.\nhalf a line\n$/);
  }, 30_000);

  it('an editor that returns at once and saves two seconds later (as code without --wait does): permanence waits, and the answer is kept', async () => {
    const { chmodSync, mkdirSync, writeFileSync } = await import('node:fs');
    const dir = join(tmp(), 'my portfolio');
    expect((await cli(['init', dir, '--yes', '--no-git'])).code).toBe(0);
    const bin = join(tmp(), 'bin');
    mkdirSync(bin);
    // Stands in for "code": hands the file to a window and returns; the window saves it two seconds later.
    writeFileSync(join(bin, 'code'), `#!/bin/sh\n( sleep 2; printf '%s\\n' 'Written in the editor, two seconds late.' >> "$1" ) </dev/null >/dev/null 2>&1 &\nexit 0\n`);
    chmodSync(join(bin, 'code'), 0o755);
    const exit = join(tmp(), 'exit');
    start('late', ['week', '1.2', '--task', '3', '--dir', dir], exit, { EDITOR: join(bin, 'code') });
    const shown = await waitFor('late', 'Press Enter once you have saved and closed the file');
    expect(shown).toContain('Your editor came back at once, and the file is as it was: your editor may still be open.');
    expect(shown).toMatch(/code needs --wait to wait until you close the file\. In portfolio\.yaml:\n\s+editor: '\S*\/code --wait'\n/);
    // Enter too soon: the file is still as it was, and permanence offers to wait again.
    await press('late', '? Press Enter once you have saved and closed the file', 'Enter');
    await press('late', '? The file is still as it was. Wait for your editor again? (Y/n)', 'Enter');
    await sleep(2500);
    await press('late', /\? Press Enter once you have saved and closed the file\s*$/, 'Enter');
    await waitFor('late', 'Saved in module-1/week-2.md');
    expect(await exitCode(exit)).toBe('EXIT=0');
    expect(slot(dir, 'module-1/week-2.md', '3a')).toBe('Written in the editor, two seconds late.');
  }, 40_000);
});
