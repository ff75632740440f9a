// --output FILE, the same on every command that prints a report: the text goes
// to a UTF-8 file, whatever the shell would make of a redirection (PowerShell
// 5.1's ">" writes UTF-16 under the report's own encoding="UTF-8" header).
import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { EXIT, ExitError } from '../errors.js';
import { SaveRefused, writeFileAtomic } from '../util/atomic.js';
import { CONFIG_FILE } from '../portfolio/config.js';
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
      const own = portfolioFile(path);
      if (own) throw new ExitError(EXIT.usage, `--output ${output}: is ${own}, which the report would replace. Name a new file for it (permanence-report.txt, say). Nothing was written.`);
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

/**
 * What a report may not be written over, said in words: one of a portfolio's
 * own files (its settings, an entry, a sign-off record, the submitted bundle).
 * A careless --output portfolio.yaml would otherwise lose the file it names.
 */
function portfolioFile(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  for (let root = dirname(path); ; root = dirname(root)) {
    if (existsSync(join(root, CONFIG_FILE))) {
      const top = relative(root, path).split(/[\\/]/)[0];
      if (basename(path) === CONFIG_FILE && dirname(path) === root) return "the portfolio's settings";
      if (/\.md$/i.test(path)) return 'a file of the portfolio';
      if (top === 'signoffs') return 'a sign-off record';
      if (top === 'submission') return 'part of the submitted bundle';
      return undefined;
    }
    if (dirname(root) === root) return undefined;
  }
}
