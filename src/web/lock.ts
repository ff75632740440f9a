// The one way the web workspace writes to a portfolio. Every write the server
// makes (an answer, a review mark, a sign-off, a render, a commit) goes through
// here, so that holding the portfolio's writer lock is one line in one place.

/**
 * Runs `fn` as the portfolio's only writer. Today that is this process's own
 * turn (requests are handled one at a time, and each write is atomic); the
 * portfolio lock shared with the command line belongs here when it lands.
 */
export async function withWriteLock<T>(root: string, fn: () => T | Promise<T>): Promise<T> {
  const previous = queues.get(root) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((r) => (release = r));
  const tail = previous.then(() => mine);
  queues.set(root, tail);
  await previous;
  try {
    return await fn();
  } finally {
    release();
    if (queues.get(root) === tail) queues.delete(root);
  }
}

const queues = new Map<string, Promise<void>>();
