// A long answer typed straight into the terminal, for when no editor is set.
// It must be finishable without knowing a key chord: a line with just "." or
// two empty lines in a row ends it, and the hint on screen says so. Never an
// editor the participant did not ask for (no vi fallback).
import { createInterface } from 'node:readline';
import { PromptCancelled } from './prompter.js';

/** Lines closer together than this arrived in one paste, not from Enter pressed twice. */
const PASTE_GAP_MS = 15;

export const MULTILINE_HINT =
  'Type your answer; Enter starts a new line.\nTo finish, press Enter on two empty lines (or type a full stop . alone on a line).';
/** The reminder once the full hint has been seen. */
export const MULTILINE_HINT_SHORT = '(to finish: Enter on two empty lines, or . alone on a line)';

/**
 * Collects typed lines and decides when the answer is finished. Pure, so the
 * rules are tested without a terminal: "." alone ends it; so does a second
 * empty line in a row, unless it came in the same burst as the line before it
 * (a pasted text with blank lines in it).
 */
export function lineCollector() {
  const lines: string[] = [];
  let emptyRun = 0;
  let last = -Infinity;
  return {
    /** Adds a line; true when the answer is finished. */
    push(line: string, at: number = Date.now()): boolean {
      const pasted = at - last < PASTE_GAP_MS;
      last = at;
      if (line.trim() === '.') return true;
      if (line.trim() === '') {
        emptyRun++;
        if (emptyRun >= 2 && !pasted) return true;
      } else {
        emptyRun = 0;
      }
      lines.push(line.replace(/\s+$/, ''));
      return false;
    },
    text(): string {
      return lines.join('\n').replace(/^\n+|\s+$/g, '');
    },
  };
}

/** Ctrl-C with an answer half typed: the text travels with it, so it can be kept. */
export class CancelledWhileTyping extends PromptCancelled {
  constructor(readonly text: string) {
    super();
  }
}

export interface Streams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  terminal?: boolean;
}

/** A closed terminal window, or a shutdown: the process ends, but what was typed must be on disk first. */
const ENDING: NodeJS.Signals[] = ['SIGHUP', 'SIGTERM'];

/**
 * The terminal went away while an answer was being typed (its window closed,
 * the connection dropped). Not kept as Ctrl-C keeps it: what was typed is in
 * the draft `onChange` was given, to be offered back the next time.
 */
export class TerminalClosed extends PromptCancelled {
  constructor(readonly text: string) {
    super();
    this.name = 'TerminalClosed';
  }
}

/**
 * Reads lines until the participant finishes. Ctrl-C rejects with PromptCancelled
 * (CancelledWhileTyping when something was typed); Ctrl-D finishes. `onChange`
 * gets the text so far after every line (once per burst, so a paste is not
 * slowed into separate lines), and at once, with the line being typed, when the
 * terminal closes (its input ends, or SIGHUP) or the process is told to end
 * (SIGTERM); a signal is then let through, and a closed terminal rejects with TerminalClosed.
 */
export function readMultiline(
  q: { message: string; hint: string; onChange?: (text: string) => void },
  streams: Streams = { input: process.stdin, output: process.stdout, terminal: Boolean(process.stdin.isTTY) },
): Promise<string> {
  return new Promise((resolve, reject) => {
    streams.output.write(`${q.message ? `${q.message}\n` : ''}${q.hint}\n`);
    const terminal = streams.terminal ?? false;
    // Before readline's own: in a terminal, the input ends only when the terminal is gone (Ctrl-D does not end it).
    const gone = () => {
      if (settled) return;
      keepTyping();
      finish(new TerminalClosed(collected.text()));
    };
    if (terminal) streams.input.on('end', gone);
    const rl = createInterface({ input: streams.input, output: streams.output, terminal, prompt: '  › ' });
    // A terminal that is gone refuses to leave raw mode (EIO): it is gone, not an error in the answer.
    rl.on('error', gone);
    const collected = lineCollector();
    let settled = false;
    let pending: NodeJS.Immediate | undefined;
    const report = () => {
      pending = undefined;
      try {
        q.onChange?.(collected.text());
      } catch {
        // a draft that cannot be written must not stop the typing
      }
    };
    /** The line being typed is kept with the rest, at once. */
    const keepTyping = () => {
      const typing = rl.line;
      if (typing.trim()) collected.push(typing, Date.now());
      if (pending) clearImmediate(pending);
      report();
    };
    const ending = (signal: NodeJS.Signals) => {
      keepTyping();
      // Someone else ends the process on this signal: the answer stops here, its text in the draft.
      if (process.listenerCount(signal) > 1) return finish(new TerminalClosed(collected.text()));
      unlisten();
      // Nobody else: the terminal back in its usual mode, then end as the signal would have ended us.
      settled = true;
      try {
        rl.close();
      } catch {
        // a terminal already gone
      }
      process.kill(process.pid, signal);
    };
    const unlisten = () => {
      for (const sig of ENDING) process.off(sig, ending);
      streams.input.off('end', gone);
    };
    if (q.onChange) for (const sig of ENDING) process.on(sig, ending);
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      unlisten();
      if (pending) clearImmediate(pending);
      rl.close();
      if (err) reject(err);
      else resolve(collected.text());
    };
    rl.on('line', (line) => {
      if (settled) return;
      if (collected.push(line)) finish();
      else {
        if (q.onChange && !pending) pending = setImmediate(report);
        rl.prompt();
      }
    });
    rl.on('SIGINT', () => {
      streams.output.write('\n');
      const typing = rl.line;
      if (typing.trim()) collected.push(typing, Date.now());
      const text = collected.text();
      finish(text ? new CancelledWhileTyping(text) : new PromptCancelled());
    });
    // Ctrl-D, or the end of piped input: what was typed is the answer.
    rl.on('close', () => finish());
    rl.prompt();
  });
}
