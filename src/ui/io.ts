import nodePath, { type PlatformPath } from 'node:path';
import { isatty } from 'node:tty';
import type { ChalkInstance } from 'chalk';

export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Everything a command touches of the outside world, so tests can run it in-process. */
export interface IO {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: Output;
  stderr: Output;
  stdinIsTTY: boolean;
  /** Today as YYYY-MM-DD (PERMANENCE_TODAY overrides, for scripts and tests). */
  today(): string;
}

export function processIO(): IO {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    // isatty, not process.stdin: touching process.stdin sets up a stream this early.
    stdinIsTTY: isatty(0),
    today: () => todayFrom(process.env),
  };
}

export function todayFrom(env: NodeJS.ProcessEnv): string {
  const forced = env.PERMANENCE_TODAY;
  // Only a day the calendar has: "2026-02-31" would put every week in the wrong place.
  if (forced && isCalendarDay(forced)) return forced;
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** YYYY-MM-DD naming a day that exists (not 2026-02-31 or 2026-13-01). */
export function isCalendarDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

/**
 * Git Bash's own window (MinTTY) or another MSYS2 shell: programs outside
 * MSYS2, Node among them, get pipes there instead of a terminal unless run
 * through winpty.
 */
export function looksLikeMsys(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.MSYSTEM) || /mintty/i.test(env.TERM_PROGRAM ?? '') || /^mintty/i.test(env.TERM_PROGRAM_VERSION ?? '');
}

/** Colour is wanted on a terminal only, and never with NO_COLOR. */
export function wantsColour(out: Output, env: NodeJS.ProcessEnv): boolean {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return !noColor && Boolean(out.isTTY) && env.FORCE_COLOR !== '0';
}

/** Styles nothing: every chained style returns the text as it is. */
const plain: ChalkInstance = new Proxy((...text: unknown[]) => text.join(' '), { get: () => plain }) as unknown as ChalkInstance;
export const plainStyle = plain;

let chalkModule: typeof import('chalk') | undefined;

/**
 * Loads chalk when some output will be coloured. Called once at start-up, so
 * that piped and NO_COLOR runs never pay for it.
 */
export async function prepareColour(io: Pick<IO, 'stdout' | 'stderr' | 'env'>): Promise<void> {
  if (!chalkModule && (wantsColour(io.stdout, io.env) || wantsColour(io.stderr, io.env))) chalkModule = await import('chalk');
}

/** Colour on a terminal only, never with NO_COLOR; every state also has a word or symbol. */
export function styleFor(out: Output, env: NodeJS.ProcessEnv): ChalkInstance {
  if (!wantsColour(out, env) || !chalkModule) return plain;
  return new chalkModule.Chalk({ level: 1 });
}

/** A path as a person wants to read it: relative when it is below here, absolute otherwise. */
export function shownPath(cwd: string, path: string, p: PlatformPath = nodePath): string {
  const rel = p.relative(cwd, path);
  return rel === '' ? '.' : rel === '..' || rel.startsWith(`..${p.sep}`) || p.isAbsolute(rel) ? path : rel;
}
