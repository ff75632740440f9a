// The CLI in-process, through main(argv, io): what a spawned run would print
// and return, without starting Node. Spawn the real binary (helpers.ts cli())
// only for what only a process shows: signals, the terminal, start-up.
import { main } from '../src/cli.js';
import type { IO } from '../src/ui/io.js';
import { todayFrom } from '../src/ui/io.js';
import { ROOT, type Run } from './helpers.js';

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** A terminal on stdout (colour, unless NO_COLOR). */
  tty?: boolean;
}

export async function run(args: string[], options: RunOptions = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', PERMANENCE_TODAY: '2026-05-11', ...options.env };
  const io: IO = {
    cwd: options.cwd ?? ROOT,
    env,
    stdout: { write: (t: string) => (stdout += t), isTTY: options.tty ?? false },
    stderr: { write: (t: string) => (stderr += t), isTTY: false },
    stdinIsTTY: false,
    today: () => todayFrom(env),
  };
  const code = await main(args, io);
  return { code, signal: null, stdout, stderr };
}
