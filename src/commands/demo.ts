import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative, resolve } from 'node:path';
import { EXIT, usageError } from '../errors.js';
import { loadProgramme } from '../programme/load.js';
import { applyAnswers, readAnswers } from '../portfolio/answers.js';
import { entrySpecs } from '../portfolio/layout.js';
import { verifyPortfolio } from '../verify/verify.js';
import { toText } from '../verify/format.js';
import { writeScaffold } from '../portfolio/scaffold.js';
import { commitAll, git, gitAvailable } from '../util/git.js';
import { styleFor, type IO } from '../ui/io.js';
import { renderStatus } from './status.js';

/** Marks a folder as made by the demo, so running the demo again may replace it. */
const MARKER = '.permanence-demo';
export const DEMO_ANSWERS = fileURLToPath(new URL('../../content/demo/answers.yaml', import.meta.url));

export const DEMO_PARTICIPANT = {
  participant: 'Sam Rivers (fictional example)',
  cohort: 'Demonstration cohort',
  supervisor: 'Alex Morgan (fictional)',
  start_date: '2026-03-02',
  specialist_area: 'Sustaining sibling relationships in permanence planning',
};

export async function demo(io: IO, opts: { dir: string }): Promise<number> {
  const style = styleFor(io.stdout, io.env);
  const cat = loadProgramme();
  const root = resolve(io.cwd, opts.dir);
  const rel = relative(io.cwd, root);
  const shown = rel === '' ? '.' : rel.startsWith('..') ? root : rel;
  if (existsSync(root) && readdirSync(root).length > 0) {
    if (!existsSync(join(root, MARKER))) {
      throw usageError(`${shown} already has files in it, and they are not a demo made by permanence; nothing was changed.\nName another folder: permanence demo /tmp/permanence-demo`);
    }
    rmSync(root, { recursive: true, force: true });
  }
  writeScaffold(root, cat, DEMO_PARTICIPANT);
  writeFileSync(join(root, MARKER), 'Made by permanence demo: running the demo again replaces this folder.\n');
  const targets = readAnswers(DEMO_ANSWERS, cat, entrySpecs(cat));
  applyAnswers(root, cat, targets);
  // A fixed date, so the demo's commit (and everything dated from it) is the same on every run.
  const fixedDate = { ...process.env, GIT_AUTHOR_DATE: '2026-09-14T18:00:00Z', GIT_COMMITTER_DATE: '2026-09-14T18:00:00Z' };
  let inGit = false;
  if (gitAvailable()) {
    git(root, ['init', '-q']);
    git(root, ['config', 'user.name', 'Sam Rivers (fictional example)']);
    git(root, ['config', 'user.email', 'demo@permanence.invalid']);
    inGit = commitAll(root, 'Example portfolio, filled in with fictional answers', DEMO_PARTICIPANT.participant, ['-A'], fixedDate).ok;
  }
  // The demo's own calendar: the day after its last answer, in programme week 29.
  const today = '2026-09-14';
  const report = verifyPortfolio(root, cat, { today }, shown);
  io.stdout.write(`${style.bold('permanence demo')}: an example portfolio with fictional answers, made in ${shown}${inGit ? ' (a git repository)' : ''}.\n\n`);
  io.stdout.write(`${style.bold('1. permanence status')}: where the participant stands\n\n`);
  io.stdout.write(renderStatus(report.assessment, style));
  io.stdout.write(`\n${style.bold('2. permanence verify')}: what the supervisor sees\n\n`);
  io.stdout.write(toText({ portfolios: [report] }, style));
  io.stdout.write(`\nThe portfolio: ${root}\nLook inside it (plain markdown files), or try: permanence week 1.2 --dir "${shown}"\n`);
  return report.complete ? EXIT.ok : EXIT.incomplete;
}
