// The passphrase prompt in a real terminal (tmux): Ctrl-C there leaves no record
// and no signature, and the portfolio unlocked; a passphrase typed signs and commits.
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, demoCopy, hasTool, tmp } from '../helpers.js';

const ready = hasTool('tmux', 'Ctrl-C at the SSH passphrase prompt of permanence signoff') && hasTool('ssh-keygen', 'Ctrl-C at the SSH passphrase prompt') && hasTool('bash', 'Ctrl-C at the SSH passphrase prompt');
const socket = `permanence-signoff-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterAll(() => {
  if (ready) spawnSync('tmux', ['-L', socket, 'kill-server']);
});

function start(name: string, args: string[], exitFile: string): void {
  // Job control (set -m): the command is the terminal's foreground group alone, so Ctrl-C
  // (a signal at a passphrase prompt, not a key) reaches it and not the shell that waits for it.
  const command = `set -m; ${[process.execPath, BIN, ...args].map(quote).join(' ')}; echo EXIT=$? > ${quote(exitFile)}; sleep 60`;
  tmux('new-session', '-d', '-s', name, '-x', '160', '-y', '40', '-e', 'NO_COLOR=1', '-e', 'PERMANENCE_TODAY=2026-09-15', `bash -c ${quote(command)}`);
}

async function waitFor(what: () => boolean, describe: () => string, timeout = 20_000): Promise<void> {
  const until = Date.now() + timeout;
  while (!what()) {
    if (Date.now() > until) throw new Error(`waited ${timeout} ms: ${describe()}`);
    await sleep(50);
  }
}

const screen = (name: string) => tmux('capture-pane', '-p', '-t', name, '-S', '-100');

describe.skipIf(!ready)('signing in a real terminal', () => {
  const key = () => {
    const k = join(tmp(), 'id');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'a passphrase', '-C', 'supervisor', '-f', k]);
    return k;
  };
  const args = (dir: string, k: string) => ['signoff', '--dir', dir, '--name', 'Alex Morgan', '--role', 'Practice supervisor', '--attendance-confirmed', '--key', k];

  it('Ctrl-C at the passphrase prompt: exit 130, no record, no signature, nothing to commit, no lock', async () => {
    const dir = demoCopy('unsigned');
    const exit = join(tmp(), 'exit');
    start('cancel', args(dir, key()), exit);
    await waitFor(() => /Enter passphrase/i.test(screen('cancel')), () => screen('cancel'));
    tmux('send-keys', '-t', 'cancel', 'C-c');
    await waitFor(() => existsSync(exit), () => screen('cancel'));
    expect(readFileSync(exit, 'utf8').trim()).toBe('EXIT=130');
    expect(existsSync(join(dir, 'signoffs')) ? readdirSync(join(dir, 'signoffs')) : []).toEqual([]);
    expect(existsSync(join(dir, '.permanence.tmp-lock'))).toBe(false);
    expect(screen('cancel')).not.toMatch(/this is a bug|Recorded/);
    const log = execFileSync('git', ['log', '--oneline'], { cwd: dir, encoding: 'utf8' });
    expect(log).not.toContain("Supervisor's final sign-off: Alex Morgan");
  });

  it('the passphrase typed: the record and its signature are in place and committed', async () => {
    const dir = demoCopy('unsigned');
    const exit = join(tmp(), 'exit');
    start('sign', args(dir, key()), exit);
    await waitFor(() => /Enter passphrase/i.test(screen('sign')), () => screen('sign'));
    tmux('send-keys', '-t', 'sign', '-l', 'a passphrase');
    tmux('send-keys', '-t', 'sign', 'Enter');
    await waitFor(() => existsSync(exit), () => screen('sign'));
    expect(readFileSync(exit, 'utf8').trim(), screen('sign')).toBe('EXIT=0');
    expect(readdirSync(join(dir, 'signoffs')).sort()).toEqual(['0001-final.json', '0001-final.json.sig']);
    expect(execFileSync('git', ['status', '--porcelain', '--', 'signoffs'], { cwd: dir, encoding: 'utf8' })).toBe('');
    expect(screen('sign')).toContain('signed with your SSH key and committed it to git');
  });
});
