// The one way the web workspace writes to a portfolio. Every write the server
// makes (an answer, a review mark, a sign-off, a render, a commit) goes through
// here, so that holding the portfolio's writer lock is one line in one place.
import { EXIT } from '../errors.js';
import { lockPortfolio, type Lock } from '../util/lock.js';

/**
 * Runs `fn` as the portfolio's only writer: this server's requests one at a
 * time, and the portfolio's writer lock, shared with the command line, held
 * meanwhile (a `permanence week` in a terminal waits for it, and this waits
 * for the terminal).
 */
export async function withWriteLock<T>(root: string, fn: () => T | Promise<T>): Promise<T> {
  const previous = queues.get(root) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((r) => (release = r));
  const tail = previous.then(() => mine);
  queues.set(root, tail);
  await previous;
  let lock: Lock | undefined;
  try {
    lock = lockPortfolio(root, 'open (the browser workspace)', EXIT.incomplete);
    return await fn();
  } finally {
    lock?.release();
    release();
    if (queues.get(root) === tail) queues.delete(root);
  }
}

const queues = new Map<string, Promise<void>>();
