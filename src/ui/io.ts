import { Chalk, type ChalkInstance } from 'chalk';

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
    stdinIsTTY: Boolean(process.stdin.isTTY),
    today: () => todayFrom(process.env),
  };
}

export function todayFrom(env: NodeJS.ProcessEnv): string {
  const forced = env.PERMANENCE_TODAY;
  if (forced && /^\d{4}-\d{2}-\d{2}$/.test(forced)) return forced;
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Colour on a terminal only, never with NO_COLOR; every state also has a word or symbol. */
export function styleFor(out: Output, env: NodeJS.ProcessEnv): ChalkInstance {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  const level = !noColor && out.isTTY ? (env.FORCE_COLOR === '0' ? 0 : 1) : 0;
  return new Chalk({ level });
}
