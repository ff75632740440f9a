import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { EXIT, usageError } from '../errors.js';
import { loadProgramme } from '../programme/load.js';
import { applyAnswers, readAnswers } from '../portfolio/answers.js';
import { entrySpecs } from '../portfolio/layout.js';
import { verifyPortfolio } from '../verify/verify.js';
import { toText } from '../report/verify-text.js';
import { appendSignoff } from '../verify/signoff-write.js';
import { portfolioAnswers } from '../changes/answers.js';
import { recordedAttendance } from '../verify/attendance.js';
import { render } from '../render/submission.js';
import { writeScaffold } from '../portfolio/scaffold.js';
import { commitAll, git, gitAvailable, headCommit } from '../util/git.js';
import { shownPath, styleFor, type IO } from '../ui/io.js';
import { renderStatus } from '../report/status.js';

/** Marks a folder as made by the demo, so running the demo again may replace it. */
const MARKER = '.permanence-demo';
export const DEMO_ANSWERS = fileURLToPath(new URL('../../content/demo/answers.yaml', import.meta.url));

export const DEMO_PARTICIPANT = {
  participant: 'Sam Rivers (fictional example)',
  cohort: 'Demonstration cohort',
  supervisor: 'Alex Morgan (fictional)',
  start_date: '2026-03-02',
};

export async function demo(io: IO, opts: { dir: string }): Promise<number> {
  const style = styleFor(io.stdout, io.env);
  const cat = loadProgramme();
  const root = resolve(io.cwd, opts.dir);
  const shown = shownPath(io.cwd, root);
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
  // The demo's own calendar: the day after its last answer, at the end of the 28 weeks.
  const today = '2026-09-14';
  const demoIO: IO = { ...io, today: () => today, env: { ...io.env, ...(inGit ? {} : { SOURCE_DATE_EPOCH: String(Date.parse(`${today}T18:00:00Z`) / 1000) }) } };
  const report = verifyPortfolio(root, cat, { today }, shown);
  io.stdout.write(`${style.bold('permanence demo')}: an example portfolio with fictional answers, made in ${shown}${inGit ? ' (a git repository)' : ''}.\n\n`);
  io.stdout.write(`${style.bold('1. permanence status')}: where the participant stands\n\n`);
  io.stdout.write(renderStatus(report.assessment, style));
  io.stdout.write(`\n${style.bold('2. permanence verify')}: what the supervisor sees\n\n`);
  io.stdout.write(toText([report], style));
  if (!report.complete) return EXIT.incomplete;

  io.stdout.write(`\n${style.bold('3. permanence signoff')}: the supervisor records it\n\n`);
  const record = appendSignoff(root, {
    kind: 'final',
    name: 'Alex Morgan (fictional)',
    role: 'Practice supervisor',
    date: today,
    note: 'Fictional sign-off of the example portfolio.',
    attendance_confirmed: true,
    attendance: recordedAttendance(cat, report.portfolio!),
    git_commit: inGit ? (headCommit(root)?.sha ?? null) : null,
    programme: cat.programme.id,
    content_version: cat.programme.version,
    complete: true,
    answers: portfolioAnswers(cat, report.portfolio!),
  });
  if (inGit) commitAll(root, "Supervisor's final sign-off (fictional example)", 'Alex Morgan (fictional)', [record.file], fixedDate);
  io.stdout.write(`${style.green('✓')} ${record.file}: final sign-off by Alex Morgan (fictional), Practice supervisor, ${today}\n`);

  io.stdout.write(`\n${style.bold('4. permanence render')}: the submission bundle\n\n`);
  const rendered = await render(demoIO, { dir: root });
  io.stdout.write(`\nThe portfolio: ${root}\nThe PDF:       ${join(root, 'submission', 'portfolio.pdf')}\n`);
  io.stdout.write(`Look inside the portfolio (plain markdown files), or try: permanence week 1.2 --dir "${shown}"\n`);
  return rendered;
}
