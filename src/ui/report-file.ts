// --output FILE, the same on every command that prints a report: the text goes
// to a UTF-8 file, whatever the shell would make of a redirection (PowerShell
// 5.1's ">" writes UTF-16 under the report's own encoding="UTF-8" header).
import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { EXIT, ExitError } from '../errors.js';
import { SaveRefused, writeFileAtomic } from '../util/atomic.js';
import { git } from '../util/git.js';
import { CONFIG_FILE } from '../portfolio/config.js';
import { recordFiles, SIGNOFF_DIR, signedPath } from '../verify/signoff-claim.js';
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
      const root = portfolioAround(path);
      const own = root === undefined ? undefined : portfolioFile(root, path);
      if (own) throw new ExitError(EXIT.usage, `--output ${output}: is ${own}, which the report would replace. Name a new file for it (permanence-report.txt, say). Nothing was written.`);
      try {
        // The private folder is where a report in a portfolio belongs; a new portfolio has none yet.
        if (root !== undefined && dirname(path) === join(root, PRIVATE)) mkdirSync(dirname(path), { recursive: true });
        writeFileAtomic(path, chunks.join(''));
      } catch (err) {
        const why = err instanceof SaveRefused ? err.reason : ((err as NodeJS.ErrnoException).code ?? (err as Error).message);
        const kept = err instanceof SaveRefused && err.keptIn ? ` The report is kept meanwhile in ${err.keptIn}.` : '';
        throw new ExitError(EXIT.usage, `--output ${output}: the report could not be written there (${why}). Name a file in a folder that exists and you may write to.${kept}`);
      }
      const shown = shownPath(io.cwd, path);
      if (what) io.stderr.write(`Wrote ${what} to ${shown}.\n`);
      // A CI job's clone is thrown away with its report: the note would only puzzle its log.
      if (root !== undefined && !io.env.CI) {
        const elsewhere = `Write reports outside the portfolio (--output ${shownPath(io.cwd, join(dirname(root), basename(path)))}) or in its private folder (--output ${shownPath(io.cwd, join(root, PRIVATE, basename(path)))}), which a sign-off does not cover and git does not keep.`;
        if (coveredBySignoff(root, path)) {
          io.stderr.write(`Note: ${shown} is inside a signed-off portfolio, so verify counts it as a file added after the sign-off until it is moved out. ${elsewhere}\n`);
        } else if (keptByGit(root, path)) {
          // A report quotes the participant's words, and verify's names each identifying detail: committed, they stay in the history after the answer is put right.
          io.stderr.write(`Note: ${shown} is inside the portfolio, so permanence save would keep it in the portfolio's history, with everything it quotes (any identifying details it names too). ${elsewhere}\n`);
        }
      }
      return shown;
    },
  };
}

/** The portfolio's folder for what stays on this computer (its .gitignore names it; no digest covers it). */
const PRIVATE = 'private';

/** The portfolio a path is in (the nearest folder above it with the settings file), if any. */
function portfolioAround(path: string): string | undefined {
  for (let root = dirname(path); ; root = dirname(root)) {
    if (existsSync(join(root, CONFIG_FILE))) return root;
    if (dirname(root) === root) return undefined;
  }
}

/**
 * What a report may not be written over, said in words: one of a portfolio's
 * own files (its settings, an entry, a sign-off record, the submitted bundle).
 * A careless --output portfolio.yaml would otherwise lose the file it names.
 */
function portfolioFile(root: string, path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  const top = relative(root, path).split(/[\\/]/)[0];
  if (basename(path) === CONFIG_FILE && dirname(path) === root) return "the portfolio's settings";
  if (/\.md$/i.test(path)) return 'a file of the portfolio';
  if (top === SIGNOFF_DIR) return 'a sign-off record';
  if (top === 'submission') return 'part of the submitted bundle';
  return undefined;
}

/** Whether git would keep the file with the portfolio's history: in a repository, and not ignored (private/ and submission/ are). */
function keptByGit(root: string, path: string): boolean {
  // check-ignore exits 1 for a path git would take, 0 for an ignored one, 128 outside a repository or without git.
  const r = git(root, ['check-ignore', '-q', '--', relative(root, path)]);
  return !r.ok && !r.missing && r.stderr.trim() === '';
}

/**
 * A report left in a signed-off portfolio is, to verify, a file added after the
 * sign-off (which is true: the folder no longer holds only what was signed).
 * The private folder, like the records and the bundle, is outside what a sign-off covers.
 */
function coveredBySignoff(root: string, path: string): boolean {
  return signedPath(relative(root, path)) && recordFiles(root).length > 0;
}
