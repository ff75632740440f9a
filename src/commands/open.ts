// permanence open: the portfolio in a browser, served from this computer only,
// until Ctrl-C.
import { spawn } from 'node:child_process';
import { EXIT, usageError } from '../errors.js';
import { loadProgramme } from '../programme/load.js';
import { findPortfolio } from '../portfolio/portfolio.js';
import { styleFor, type IO } from '../ui/io.js';
import { startServer, type Running } from '../web/server.js';

export interface OpenOptions {
  dir?: string;
  port?: string;
  browser?: boolean;
  supervisor?: boolean;
}

/** The default browser, where the machine has one and someone is there to see it. */
function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true, windowsHide: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser to open: the address is printed.
  }
}

export async function open(io: IO, opts: OpenOptions): Promise<number> {
  const s = styleFor(io.stdout, io.env);
  let port = 0;
  if (opts.port !== undefined) {
    port = Number(opts.port);
    if (!/^\d{1,5}$/.test(String(opts.port).trim()) || port > 65535) throw usageError(`--port ${opts.port}: give a port number from 1024 to 65535, or leave it out for a free one`);
  }
  const cat = loadProgramme();
  const root = findPortfolio(io.cwd, opts.dir);
  let running: Running;
  try {
    running = await startServer({ root, cat, today: () => io.today(), port, supervisor: Boolean(opts.supervisor), env: io.env });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw usageError(`--port ${port}: that port is in use. Choose another, or leave --port out for a free one.`);
    if (code === 'EACCES') throw usageError(`--port ${port}: not allowed to listen there. Choose a port from 1024 up.`);
    throw err;
  }
  // Listening for Ctrl-C before the address is printed: whoever reads it may stop it at once.
  const stopped = new Promise<void>((resolve) => {
      const done = () => {
        process.off('SIGINT', done);
        process.off('SIGTERM', done);
        resolve();
      };
      process.on('SIGINT', done);
      process.on('SIGTERM', done);
    });
  io.stdout.write(
    `${s.bold('Your portfolio is open at')} ${running.url}\n` +
      `${s.dim(`Served from this computer only (${running.hosts.join(' and ')}); nothing leaves it. The address carries the key: keep it to yourself.`)}\n` +
      `Press Ctrl-C to stop.\n`,
  );
  const wantsBrowser = opts.browser !== false && Boolean(io.stdout.isTTY) && !io.env.CI;
  if (wantsBrowser) openBrowser(running.url);
  await stopped;
  await running.close();
  io.stdout.write('\nStopped. Everything you saved is in your portfolio\'s files.\n');
  return EXIT.ok;
}
