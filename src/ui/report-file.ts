// --output FILE, the same on every command that prints a report: the text goes
// to a UTF-8 file, whatever the shell would make of a redirection (PowerShell
// 5.1's ">" writes UTF-16 under the report's own encoding="UTF-8" header).
import { resolve } from 'node:path';
import { EXIT, ExitError } from '../errors.js';
import { SaveRefused, writeFileAtomic } from '../util/atomic.js';
import { shownPath, type IO, type Output } from './io.js';

export interface ReportSink {
  /** Where the report's text goes: the screen, or the file's contents so far. */
  out: Output;
  /**
   * Writes the file (nothing happens without --output) and returns the path as
   * the person will read it, saying on stderr "Wrote `what` to it" when given
   * what it holds. A file that cannot be written is a usage error naming it and
   * the fix; a refused save says where the text is kept.
   */
  finish(what?: string): string | undefined;
}

export function reportSink(io: IO, output: string | undefined): ReportSink {
  if (!output) return { out: io.stdout, finish: () => undefined };
  const chunks: string[] = [];
  // Not a terminal, so a report written to a file is never coloured.
  const out: Output = { write: (t: string) => chunks.push(t), isTTY: false };
  return {
    out,
    finish(what) {
      const path = resolve(io.cwd, output);
      try {
        writeFileAtomic(path, chunks.join(''));
      } catch (err) {
        const why = err instanceof SaveRefused ? err.reason : ((err as NodeJS.ErrnoException).code ?? (err as Error).message);
        const kept = err instanceof SaveRefused && err.keptIn ? ` The report is kept meanwhile in ${err.keptIn}.` : '';
        throw new ExitError(EXIT.usage, `--output ${output}: the report could not be written there (${why}). Name a file in a folder that exists and you may write to.${kept}`);
      }
      const shown = shownPath(io.cwd, path);
      if (what) io.stderr.write(`Wrote ${what} to ${shown}.\n`);
      return shown;
    },
  };
}
