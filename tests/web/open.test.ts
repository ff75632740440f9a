// permanence open as a participant runs it: the address printed, no browser
// without a terminal, the first page served, and Ctrl-C stopping it cleanly.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, fixtureCopy, hasTool, tmp } from '../helpers.js';
import { run } from '../run.js';
import { raw } from './web.js';

function start(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [BIN, 'open', ...args], { env: { ...process.env, NO_COLOR: '1', PERMANENCE_TODAY: '2026-05-11', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const address = new Promise<URL>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out);
      if (m) {
        clearInterval(timer);
        resolve(new URL(m[1]!));
      }
    }, 50);
    child.on('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`exited ${code}: ${out}${err}`));
    });
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, address, exit, output: () => out + err };
}

describe('permanence open', () => {
  it('prints its address, serves the first page, and stops on Ctrl-C with nothing lost', async () => {
    // PATH without xdg-open's folder would not prove much; no terminal is what keeps the browser closed.
    const p = start(['--dir', fixtureCopy('fresh'), '--no-browser']);
    const url = await p.address;
    expect(url.searchParams.get('token')).toMatch(/^[0-9a-f]{64}$/);
    expect(p.output()).toMatch(/Press Ctrl-C to stop/);
    expect(p.output()).toMatch(/nothing leaves it/);
    const port = Number(url.port);
    const signIn = await raw(port, `${url.pathname}${url.search}`);
    expect(signIn.status).toBe(303);
    const home = await raw(port, '/', { headers: { Cookie: String(signIn.headers['set-cookie']).split(';')[0]! } });
    expect(home.status).toBe(200);
    expect(home.body).toContain('<h1>');
    p.child.kill('SIGINT');
    expect(await p.exit).toBe(0);
    expect(p.output()).toMatch(/Stopped/);
  });

  it('--supervisor starts on the supervisor tab', async () => {
    const p = start(['--dir', fixtureCopy('fresh'), '--supervisor']);
    const url = await p.address;
    expect(url.pathname).toBe('/supervisor');
    p.child.kill('SIGTERM');
    expect(await p.exit).toBe(0);
  });

  it('--port takes a port, and says so when it is taken', async () => {
    const first = start(['--dir', fixtureCopy('fresh'), '--no-browser']);
    const port = (await first.address).port;
    const r = await run(['open', '--dir', fixtureCopy('fresh'), '--no-browser', '--port', port]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`--port ${port}: that port is in use`));
    first.child.kill('SIGINT');
    await first.exit;
  });

  it('refuses a port that is not one, and a folder that is not a portfolio', async () => {
    for (const port of ['abc', '70000', '-1']) {
      const r = await run(['open', '--dir', fixtureCopy('fresh'), '--port', port]);
      expect(r.code, port).toBe(2);
      expect(r.stderr).toMatch(/--port .*: give a port number/);
    }
    const r = await run(['open', '--dir', tmp()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not a portfolio/);
  });
});

/** A stand-in for the desktop's xdg-open that only notes the address it was given. */
function fakeOpener(): { path: string; opened: string } {
  const bin = tmp();
  const opened = join(bin, 'opened.txt');
  writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$1" >> '${opened}'\n`);
  chmodSync(join(bin, 'xdg-open'), 0o755);
  return { path: `${bin}:${process.env.PATH ?? ''}`, opened };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the browser', () => {
  it('is not opened without a terminal, even without --no-browser', async () => {
    const fake = fakeOpener();
    const p = start(['--dir', fixtureCopy('fresh')], { PATH: fake.path, CI: '' });
    await p.address;
    await sleep(500);
    p.child.kill('SIGINT');
    await p.exit;
    expect(existsSync(fake.opened)).toBe(false);
  });

  const linux = process.platform === 'linux';
  const hasTmux = linux && hasTool('tmux', 'the real-terminal test of permanence open');
  const socket = `permanence-open-${process.pid}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  afterAll(() => {
    if (hasTmux) spawnSync('tmux', ['-L', socket, 'kill-server']);
  });
  const quote = (x: string) => `'${x.replace(/'/g, `'\\''`)}'`;

  async function inTerminal(name: string, args: string[], env: Record<string, string>) {
    const exitFile = join(tmp(), 'exit');
    // The environment on the command line itself: a shell's profile may set PATH again over tmux's -e.
    // The shell outlives Ctrl-C (a trap, reset for the command it runs) to write the exit code.
    const command = `trap : INT; ${['env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), process.execPath, BIN, 'open', ...args].map(quote).join(' ')}; echo EXIT=$? > ${quote(exitFile)}; sleep 60`;
    tmux('new-session', '-d', '-s', name, '-x', '160', '-y', '20', `sh -c ${quote(command)}`);
    const until = Date.now() + 15_000;
    while (!tmux('capture-pane', '-p', '-t', name).includes('Press Ctrl-C to stop')) {
      if (Date.now() > until) throw new Error(`permanence open did not start: ${tmux('capture-pane', '-p', '-t', name)}`);
      await sleep(50);
    }
    return exitFile;
  }

  it.skipIf(!hasTmux)('is opened at the printed address on a terminal, and Ctrl-C there stops the server', async () => {
    const fake = fakeOpener();
    const exitFile = await inTerminal('opens', ['--dir', fixtureCopy('fresh')], { PATH: fake.path, CI: '', NO_COLOR: '1' });
    const until = Date.now() + 10_000;
    while (!existsSync(fake.opened) && Date.now() < until) await sleep(50);
    const url = readFileSync(fake.opened, 'utf8').trim();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/);
    expect(tmux('capture-pane', '-p', '-J', '-t', 'opens')).toContain(url);
    tmux('send-keys', '-t', 'opens', 'C-c');
    const stop = Date.now() + 10_000;
    while (!existsSync(exitFile) && Date.now() < stop) await sleep(50);
    expect(readFileSync(exitFile, 'utf8').trim()).toBe('EXIT=0');
  });

  it.skipIf(!hasTmux)('is not opened on a terminal with --no-browser, nor in CI', async () => {
    const fake = fakeOpener();
    await inTerminal('no-browser', ['--dir', fixtureCopy('fresh'), '--no-browser'], { PATH: fake.path, CI: '', NO_COLOR: '1' });
    await inTerminal('ci', ['--dir', fixtureCopy('fresh')], { PATH: fake.path, CI: 'true', NO_COLOR: '1' });
    await sleep(500);
    expect(existsSync(fake.opened)).toBe(false);
    tmux('send-keys', '-t', 'no-browser', 'C-c');
    tmux('send-keys', '-t', 'ci', 'C-c');
  });
});
