import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { entrySpecs, fieldKey, weekFile } from '../portfolio/layout.js';
import { saveAnswer } from '../guide/store.js';
import { EXIT, usageError } from '../errors.js';
import { readDate } from '../assess/calendar.js';
import { loadProgramme } from '../programme/load.js';
import { CONFIG_FILE, readConfig } from '../portfolio/config.js';
import { findPortfolio } from '../portfolio/portfolio.js';
import { writeScaffold, type NewPortfolio } from '../portfolio/scaffold.js';
import { commitAll, git, gitAvailable, isRepo } from '../util/git.js';
import { writeWorkflow, type Host } from '../ci/workflows.js';
import { shownPath, styleFor, type IO } from '../ui/io.js';
import { inquirerPrompter, PromptCancelled, type Prompter } from '../ui/prompts.js';

export interface InitOptions {
  dir?: string;
  name?: string;
  cohort?: string;
  supervisor?: string;
  start?: string;
  specialistArea?: string;
  yes?: boolean;
  git?: boolean;
  repair?: boolean;
  /** A workflow that verifies the portfolio on every push, for this git host. */
  ci?: string;
}

/** The start date as a participant writes it: year-month-day, or day first (05/10/2026), confirmed. */
const validStart = (v: string): true | string => {
  const r = readDate(v);
  return r.ok ? true : r.message[0]!.toUpperCase() + r.message.slice(1);
};

/** The portfolio a folder would sit inside: a portfolio.yaml in it or any folder above. */
function enclosingPortfolio(dir: string): string | undefined {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, CONFIG_FILE))) return at;
    if (dirname(at) === at) return undefined;
  }
}

/** What a directory holds that would stop init, ignoring an empty git repository. */
function blockingContents(dir: string): string[] {
  if (!existsSync(dir)) return [];
  if (!statSync(dir).isDirectory()) return [dir];
  const names = readdirSync(dir);
  return names.filter((n) => !(n === '.git' && !git(dir, ['rev-parse', '--verify', '-q', 'HEAD']).ok));
}

export async function init(io: IO, opts: InitOptions, prompter?: Prompter): Promise<number> {
  if (opts.ci !== undefined && opts.ci !== 'github' && opts.ci !== 'gitlab') throw usageError(`--ci ${opts.ci}: use github (GitHub Actions) or gitlab (GitLab CI)`);
  const style = styleFor(io.stdout, io.env);
  const cat = loadProgramme();
  const root = resolve(io.cwd, opts.dir ?? '.');
  const shown = shownPath(io.cwd, root);

  if (opts.repair) {
    const found = findPortfolio(io.cwd, opts.dir ?? '.');
    const { config, problems } = readConfig(found, cat);
    if (!config) throw usageError(`Cannot repair ${shown}: ${problems.map((p) => `${p.file}:${p.line} ${p.message}`).join('; ')}`);
    const written = writeScaffold(found, cat, { participant: config.participant, cohort: config.cohort ?? '', supervisor: config.supervisor ?? '', start_date: config.start_date }, { onlyMissing: true });
    io.stdout.write(written.length === 0 ? `Nothing to repair: every file of ${shown} is there.\n` : `Wrote ${written.length} missing file(s) (nothing existing was touched):\n${written.map((f) => `  ${f}\n`).join('')}`);
    return EXIT.ok;
  }

  const around = enclosingPortfolio(root);
  if (around && around !== root) {
    const where = shownPath(io.cwd, around);
    throw usageError(
      `${shown === '.' ? 'This folder' : shown} is inside the portfolio in ${where === '.' ? 'this folder' : where}, and a portfolio cannot hold another. Nothing was changed.\n` +
        `To work on that portfolio: permanence status${where === '.' ? '' : ` --dir "${where}"`}\n` +
        `To make a new one, choose a folder outside it, e.g. ${resolve(dirname(around), 'my-portfolio')}`,
    );
  }

  const blocking = blockingContents(root);
  if (blocking.length > 0) {
    const already = existsSync(resolve(root, CONFIG_FILE));
    throw usageError(
      already
        ? `${shown} is already a portfolio (it has ${CONFIG_FILE}). Nothing was changed.\nTo see where it stands: permanence status --dir "${shown}"`
        : `${shown} already has files in it (${blocking.slice(0, 3).join(', ')}${blocking.length > 3 ? ', ...' : ''}), and init never overwrites anything.\n` +
            `Choose a new folder instead, e.g.: permanence init my-portfolio`,
    );
  }

  const today = io.today();
  const given = {
    participant: opts.name?.trim(),
    cohort: opts.cohort?.trim(),
    supervisor: opts.supervisor?.trim(),
    start_date: opts.start?.trim(),
    specialist_area: opts.specialistArea?.trim(),
  };
  if (given.start_date !== undefined) {
    const r = readDate(given.start_date);
    if (!r.ok) throw usageError(`--start ${given.start_date}: ${r.message}`);
    if (r.read) io.stdout.write(`Start date: ${r.read}.\n`);
    given.start_date = r.iso;
  }
  if (given.participant === '') throw usageError('--name is empty: give your name or a pseudonym');

  const missing = (['participant', 'cohort', 'supervisor', 'start_date'] as const).filter((k) => given[k] === undefined);
  let answers: NewPortfolio;
  if (opts.yes || missing.length === 0) {
    answers = {
      participant: given.participant ?? 'Participant',
      cohort: given.cohort ?? '',
      supervisor: given.supervisor ?? '',
      start_date: given.start_date ?? today,
    };
  } else {
    if (!prompter && !io.stdinIsTTY) {
      const flags = { participant: '--name', cohort: '--cohort', supervisor: '--supervisor', start_date: '--start' };
      throw usageError(
        `permanence init asks questions, but there is no terminal to ask them in.\n` +
          `Give the answers as flags (${missing.map((k) => flags[k]).join(', ')}), or --yes to take the defaults.`,
      );
    }
    const ask = prompter ?? inquirerPrompter();
    try {
      io.stdout.write(`${style.bold('A new Achieving Permanence portfolio')} in ${shown}\nPress Enter to keep the suggestion in brackets.\n\n`);
      const participant =
        given.participant ??
        (await ask.input({ message: 'Your name, or a pseudonym:', validate: (v) => (v.trim() ? true : 'Please give a name or pseudonym') })).trim();
      const cohort = given.cohort ?? (await ask.input({ message: 'Your cohort (e.g. "North 2026"):' })).trim();
      const supervisor = given.supervisor ?? (await ask.input({ message: 'Your supervisor or line manager:' })).trim();
      let start_date = given.start_date;
      if (start_date === undefined) {
        const r = readDate(await ask.input({ message: 'Programme start date (year-month-day, e.g. 2026-09-07):', default: today, validate: validStart }));
        start_date = r.ok ? r.iso : today;
        if (r.ok && r.read) io.stdout.write(`  ${r.read}.\n`);
      }
      // The specialist area is asked once, in week 1.1 (task 8), where the workbook asks it.
      answers = { participant, cohort, supervisor, start_date };
    } catch (err) {
      if (err instanceof PromptCancelled) {
        io.stderr.write('\nStopped: nothing was written.\n');
        return EXIT.interrupted;
      }
      throw err;
    }
  }

  mkdirSync(root, { recursive: true });
  const written = writeScaffold(root, cat, answers);
  // In the first commit with the rest, so the first push is verified.
  if (opts.ci !== undefined) written.push(writeWorkflow(root, opts.ci as Host));
  // Given as a flag, it is the answer to week 1.1, task 8 b), where the workbook asks it.
  if (given.specialist_area) {
    const spec = entrySpecs(cat).find((x) => x.file === weekFile(1, 1));
    if (spec) saveAnswer(root, cat, spec, fieldKey(8, 'b'), given.specialist_area);
  }

  let gitLine: string;
  if (opts.git === false) {
    gitLine = 'No git repository (--no-git).';
  } else if (!gitAvailable()) {
    gitLine = `${style.yellow('warning:')} git is not installed, so the portfolio has no history. It works without git; install git to keep every version of your work.`;
  } else {
    if (!isRepo(root) || !existsSync(resolve(root, '.git'))) git(root, ['init', '-q']);
    const commit = commitAll(root, 'Start Achieving Permanence portfolio', answers.participant);
    gitLine = commit.ok ? 'A git repository, with a first commit.' : `${style.yellow('warning:')} git could not make the first commit: ${commit.stderr.trim()}`;
  }

  io.stdout.write(
    `${style.green('✓')} Created your portfolio in ${shown}: ${written.length} files.\n` +
      `  ${gitLine}\n\n` +
      `Next:\n` +
      (shown === '.' ? '' : `  cd "${shown}"\n`) +
      `  permanence selfassess --stage baseline   rate your confidence against the KSS-AP\n` +
      `  permanence week 1.1                      start module 1, week 1\n` +
      `  permanence status                        where you stand at any time\n`,
  );
  return EXIT.ok;
}
