// Running a command's own code from a page (render, signoff), so that the
// page does exactly what the command line does and says what it says.
import { ExitError } from '../errors.js';
import { todayFrom, type IO } from '../ui/io.js';
import type { Site } from './site.js';

export interface Ran {
  code: number;
  out: string;
}

export async function runCommand(site: Site, fn: (io: IO) => Promise<number>): Promise<Ran> {
  let out = '';
  const env = { ...site.env, NO_COLOR: '1' };
  const io: IO = {
    cwd: site.root,
    env,
    stdout: { write: (t: string) => (out += t), isTTY: false },
    stderr: { write: (t: string) => (out += t), isTTY: false },
    stdinIsTTY: false,
    today: () => site.today() ?? todayFrom(env),
  };
  try {
    return { code: await fn(io), out };
  } catch (err) {
    if (err instanceof ExitError) return { code: err.code, out: `${out}${err.message}\n` };
    throw err;
  }
}

/** What a command printed, as a block on a page. */
export const ranBlock = (r: Ran, ok: string, refused: string, esc: (s: string) => string) =>
  `<div class="notice ${r.code === 0 ? 'ok' : 'error'}" role="${r.code === 0 ? 'status' : 'alert'}"><p><strong>${r.code === 0 ? ok : refused}</strong></p><pre>${esc(r.out.trim())}</pre></div>`;
