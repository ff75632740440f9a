// permanence save: every change to the portfolio into its history, in one
// commit whose message says what changed in the programme's words. Works at
// any time: after a session stopped with Ctrl-C, after editing in an editor.
import { EXIT } from '../errors.js';
import { commitFiles, describeChanges, history, noHistoryText } from '../guide/commit.js';
import { loadProgramme } from '../programme/load.js';
import { CONFIG_FILE, readConfig } from '../portfolio/config.js';
import { entrySpecs } from '../portfolio/layout.js';
import { visible } from '../util/visible.js';
import { SIGNOFF_DIR } from '../verify/signoff-claim.js';
import { findPortfolio } from '../portfolio/portfolio.js';
import { styleFor, type IO } from '../ui/io.js';

export async function save(io: IO, opts: { dir?: string; message?: string }): Promise<number> {
  const cat = loadProgramme();
  const root = findPortfolio(io.cwd, opts.dir);
  const s = styleFor(io.stdout, io.env);
  const h = history(root);
  if (h.kind !== 'repo') {
    io.stdout.write(`Nothing to save to: ${noHistoryText(h)}.\n`);
    return EXIT.ok;
  }
  if (h.changed.length === 0) {
    io.stdout.write(`${s.green('✓')} Nothing to save: your portfolio's history has all of your work.\n`);
    return EXIT.ok;
  }
  const given = opts.message?.trim();
  const message = given || describeChanges(root, cat, h.changed);
  const name = readConfig(root, cat).config?.participant ?? 'Participant';
  // Everything in the portfolio (and nothing outside it, when it sits in a larger repository): changed, new or removed, as status counted it.
  const r = commitFiles(root, ['.'], message, name);
  if (!r.ok) {
    io.stdout.write(`${s.yellow('⚠')} git could not save to the history (${r.detail.split('\n')[0]}). Your work is still in the files.\n`);
    return EXIT.ok;
  }
  const n = h.changed.length;
  io.stdout.write(`${s.green('✓')} Saved ${n} ${n === 1 ? 'file' : 'files'} to your portfolio's history: ${message}\n`);
  // A file of the participant's own is kept too, and history keeps it after it is deleted: each is named, so a report or a note saved by accident is seen.
  const entries = new Set([CONFIG_FILE, ...entrySpecs(cat).map((e) => e.file)]);
  // The scaffold's own files (README.md, the dotfiles, a CI workflow) and sign-off records are the portfolio's, not the participant's.
  const ours = (f: string) => entries.has(f) || f === 'README.md' || f.startsWith('.') || f.startsWith(`${SIGNOFF_DIR}/`);
  const own = h.changed.filter((c) => !c.removed && !ours(c.file)).map((c) => visible(c.file));
  if (own.length > 0) {
    const shown = own.length > 8 ? `${own.slice(0, 8).join(', ')} and ${own.length - 8} more` : own.join(', ');
    io.stdout.write(`  Also saved, not one of the programme's entries: ${shown}. Keep what is for this computer only in private/, which git does not keep.\n`);
  }
  return EXIT.ok;
}
