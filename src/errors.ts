/** Exit codes of the command contract. */
export const EXIT = {
  ok: 0,
  /** Incomplete, invalid, or refused (verify, signoff, render). */
  incomplete: 1,
  /** Usage errors, bad input, a path that is not a portfolio. */
  usage: 2,
  /** Interrupted with Ctrl-C; everything answered so far is kept. */
  interrupted: 130,
} as const;

/**
 * Thrown by commands to end with an exit code after saying why. The message is
 * for a person: what is wrong, and what to do about it. Only cli.ts turns it
 * into process.exitCode.
 */
export class ExitError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'ExitError';
  }
}

export const usageError = (message: string) => new ExitError(EXIT.usage, message);
