// One writer at a time per portfolio. The lock is a file made with O_EXCL that
// names its holder (pid, host, start time, command), so a second writer can say
// who holds it, and a lock left by a killed process is seen to be stale and taken.
import { closeSync, constants, fsyncSync, lstatSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname, uptime } from 'node:os';
import { join } from 'node:path';
import { ExitError } from '../errors.js';

/**
 * Matches the portfolio's ignore rule for temporary files (.*.tmp-*), so the lock
 * is never committed, never covered by a sign-off's digest and never an entry.
 */
export const LOCK_FILE = '.permanence.tmp-lock';
/** How long a second writer waits before saying who holds the lock. */
export const LOCK_WAIT_MS = 5000;
const POLL_MS = 100;
/** A breaker (see takeStale) older than this was left by a process killed mid-takeover. */
const BREAKER_STALE_MS = 10_000;

export interface LockHolder {
  pid: number;
  host: string;
  started: string;
  command: string;
}

export interface Lock {
  readonly path: string;
  release(): void;
}

const held = new Set<HeldLock>();

class HeldLock implements Lock {
  /** Taken again by the same process (commands called one after another in one process): released at the last release. */
  count = 1;

  constructor(
    readonly path: string,
    private readonly mine: string,
  ) {}

  release(): void {
    if (!held.has(this)) return;
    if (--this.count > 0) return;
    held.delete(this);
    try {
      // Only ever our own: a lock that was (wrongly) taken from us is not removed.
      if (readFileSync(this.path, 'utf8') === this.mine) unlinkSync(this.path);
    } catch {
      // already gone
    }
    if (held.size === 0) unhook();
  }
}

/** Releases every lock this process holds: at the end of a command, and on exit. */
export function releaseLocks(): void {
  for (const l of [...held]) {
    l.count = 1;
    l.release();
  }
}

function onSignal(signal: NodeJS.Signals): void {
  releaseLocks();
  // Then as if we had not been listening: the default action ends the process with the signal.
  unhook();
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

// A SIGINT while something else listens (an editor running in the terminal) is theirs to handle.
const sigint = () => {
  if (process.listenerCount('SIGINT') === 1) onSignal('SIGINT');
};
const others = { SIGTERM: () => onSignal('SIGTERM'), SIGHUP: () => onSignal('SIGHUP') };

function hook(): void {
  process.on('exit', releaseLocks);
  process.on('SIGINT', sigint);
  process.on('SIGTERM', others.SIGTERM);
  if (process.platform !== 'win32') process.on('SIGHUP', others.SIGHUP);
}

function unhook(): void {
  process.off('exit', releaseLocks);
  process.off('SIGINT', sigint);
  process.off('SIGTERM', others.SIGTERM);
  process.off('SIGHUP', others.SIGHUP);
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    if (typeof data.pid === 'number' && typeof data.host === 'string' && typeof data.started === 'string') {
      return { pid: data.pid, host: data.host, started: data.started, command: typeof data.command === 'string' ? data.command : 'permanence' };
    }
  } catch {
    // unreadable or half-written: decided by its age below
  }
  return undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the lock's holder is certainly gone: a process on this machine that
 * no longer runs. A holder on another machine (a synced folder) is never assumed gone.
 * A lock file that names nobody is stale once it is older than a writer needs to fill it in.
 */
function isStale(path: string, holder: LockHolder | undefined): boolean {
  if (!holder) {
    try {
      return Date.now() - lstatSync(path).mtimeMs > 2000;
    } catch {
      return false;
    }
  }
  return holder.host === hostname() && holder.pid !== process.pid && (!alive(holder.pid) || beforeBoot(holder.started));
}

/**
 * Written before this machine last started: its writer cannot still be
 * running, whatever now has its process number (Windows hands numbers out
 * again soon after a restart). A minute's margin for the clock.
 */
function beforeBoot(started: string): boolean {
  const t = Date.parse(started);
  return Number.isFinite(t) && t < Date.now() - uptime() * 1000 - 60_000;
}

/**
 * Removes a stale lock so that only one waiting writer does it: whoever makes
 * the breaker file looks again and removes the lock only if it is still the stale one.
 */
function takeStale(path: string, seen: string): void {
  const breaker = `${path}-break`;
  let fd: number;
  try {
    fd = openSync(breaker, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  } catch {
    try {
      if (Date.now() - lstatSync(breaker).mtimeMs > BREAKER_STALE_MS) unlinkSync(breaker);
    } catch {
      // someone else is at it
    }
    return;
  }
  closeSync(fd);
  try {
    if (readFileSync(path, 'utf8') === seen) unlinkSync(path);
  } catch {
    // gone already
  } finally {
    unlinkSync(breaker);
  }
}

function tryCreate(path: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    unlinkSync(path);
    throw err;
  } finally {
    try {
      closeSync(fd);
    } catch {
      // closed above
    }
  }
  return true;
}

// Synchronous, so that the places that open a portfolio for writing stay as they are.
const pause = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number) => void Atomics.wait(pause, 0, 0, ms);

export function describeHolder(h: LockHolder | undefined): string {
  if (!h) return 'another permanence command';
  return `permanence ${h.command} (process ${h.pid} on ${h.host}, since ${h.started})`;
}

/**
 * Takes the portfolio's writer lock, waiting up to `waitMs` for another writer to
 * finish. When it stays held, throws an ExitError with `busyCode` that says who holds it.
 */
export function lockPortfolio(root: string, command: string, busyCode: number, waitMs = LOCK_WAIT_MS, options: { readOnlyOk?: boolean } = {}): Lock {
  const path = join(root, LOCK_FILE);
  const mine = [...held].find((l) => l.path === path);
  if (mine) {
    mine.count++;
    return mine;
  }
  const text = `${JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString(), command } satisfies LockHolder)}\n`;
  const until = Date.now() + waitMs;
  for (;;) {
    let created: boolean;
    try {
      created = tryCreate(path, text);
    } catch (err) {
      // A portfolio this user cannot write to (a colleague's, on a read-only share): a reader that writes elsewhere needs no lock.
      const code = (err as NodeJS.ErrnoException).code;
      if (options.readOnlyOk && (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')) return { path, release: () => {} };
      throw new ExitError(busyCode, `Cannot take the portfolio's writer lock ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}. Nothing was changed.`);
    }
    if (created) {
      const lock = new HeldLock(path, text);
      if (held.size === 0) hook();
      held.add(lock);
      return lock;
    }
    let seen = '';
    try {
      seen = readFileSync(path, 'utf8');
    } catch {
      continue; // released between our attempt and the read: try again at once
    }
    const holder = readHolder(path);
    if (isStale(path, holder)) {
      takeStale(path, seen);
      continue;
    }
    if (Date.now() >= until) {
      throw new ExitError(
        busyCode,
        `This portfolio is being changed by ${describeHolder(holder)}; nothing was changed.\n` +
          `Wait for it to finish and run this again. If no permanence command is running, delete ${path}.`,
      );
    }
    sleep(POLL_MS);
  }
}
