// permanence save: every change to the portfolio into its history, in one
// commit whose message says what changed in the programme's words. Works at
// any time: after a session stopped with Ctrl-C, after editing in an editor.
import { EXIT } from '../errors.js';
import { commitFiles, describeChanges, history, noHistoryText } from '../guide/commit.js';
import { loadProgramme } from '../programme/load.js';
import { readConfig } from '../portfolio/config.js';
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
  return EXIT.ok;
}
