// permanence open as a participant runs it: the address printed, no browser
// without a terminal, the first page served, and Ctrl-C stopping it cleanly.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, fixtureCopy, tmp } from '../helpers.js';
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
