import { statSync } from 'node:fs';
import { EXIT, ExitError, usageError } from '../errors.js';
import { loadProgramme } from '../programme/load.js';
import { findPortfolio } from '../portfolio/portfolio.js';
import { git, gitAvailable, headCommit, isRepo } from '../util/git.js';
import { lockPortfolio } from '../util/lock.js';
import { styleFor, type IO } from '../ui/io.js';
import { inquirerPrompter, PromptCancelled, type Prompter } from '../ui/prompts.js';
import { verifyPortfolio, type PortfolioReport } from '../verify/verify.js';
import { toText } from '../report/verify-text.js';
import { appendSignoff, SignoffWriteError } from '../verify/signoff-write.js';
import { recordedAttendance } from '../verify/attendance.js';
import type { AttendanceRecorded } from '../verify/signoff.js';
import { commitFiles } from '../guide/commit.js';
import { validDate } from '../assess/calendar.js';
import { portfolioAnswers } from '../changes/answers.js';
import { isComplete } from '../assess/assess.js';

export interface SignoffOptions {
  dir?: string;
  name?: string;
  role?: string;
  date?: string;
  note?: string;
  module?: string;
  key?: string;
  attendanceConfirmed?: boolean;
}

/** Paths a sign-off never covers (digest.ts leaves them out), so their state in git does not matter. */
const NOT_COVERED = /^(?:\.git|private|submission|signoffs|node_modules)(?:\/|$)|(?:^|\/)\..*\.tmp-[^/]*$/;

/**
 * Covered files that git does not hold as they are: changed, staged or new, and
 * those git ignores. A sign-off of them could not be restored from git.
 */
function uncommitted(root: string): { open: string[]; ignored: string[] } | { error: string } {
  const r = git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--ignored=traditional', '--no-renames']);
  if (!r.ok) return { error: r.stderr.trim().split('\n')[0] ?? 'git status failed' };
  const open = new Set<string>();
  const ignored = new Set<string>();
  for (const e of r.stdout.split('\0')) {
    if (e.length < 4) continue;
    const path = e.slice(3).replace(/\/$/, '');
    if (NOT_COVERED.test(path)) continue;
    (e.startsWith('!!') ? ignored : open).add(path);
  }
  return { open: [...open].sort(), ignored: [...ignored].sort() };
}

const listed = (paths: string[]) => paths.slice(0, 20).map((p) => `  ${p}`).join('\n') + (paths.length > 20 ? `\n  ... and ${paths.length - 20} more` : '');

function keyProblem(key: string): string | undefined {
  try {
    const st = statSync(key);
    if (!st.isFile()) return 'not a key file';
    if (st.size === 0) return 'an empty file, not a key';
    if (st.size > 64 * 1024) return 'too large to be an SSH private key';
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot be read (${(err as NodeJS.ErrnoException).code})`;
  }
  return undefined;
}

/**
 * An earlier sign-off that the portfolio has changed since, or that cannot be
 * trusted: what a new sign-off is for. Either makes the portfolio not complete
 * in verify, and neither may stop the supervisor signing off what is there now.
 */
const SUPERSEDED = new Set(['signoff-changed', 'signoff-invalid']);

/** Complete, as the new sign-off will leave it: verify's word, but for the earlier sign-off it supersedes. */
function completeNow(report: PortfolioReport): boolean {
  return isComplete(report.assessment.totals, report.problems.filter((p) => !SUPERSEDED.has(p.code)));
}

function refuseIncomplete(report: PortfolioReport, module: number | undefined, io: IO): void {
  if (module === undefined) {
    if (completeNow(report)) return;
    io.stderr.write(toText([report], styleFor(io.stderr, io.env)));
    throw new ExitError(EXIT.incomplete, 'Final sign-off refused: verify says this portfolio is not complete (the reasons are above). Nothing was recorded.');
  }
  const m = report.assessment.modules.find((x) => x.number === module)!;
  const open = m.weeks.filter((w) => w.state !== 'answered');
  const files = new Set(m.weeks.map((w) => w.file));
  const errors = report.problems.filter((p) => p.severity === 'error' && !SUPERSEDED.has(p.code) && (files.has(p.file) || p.code.startsWith('signoff')));
  if (m.complete && errors.length === 0) return;
  const reasons = [
    ...open.map((w) => `week ${w.ref} (${w.title}): ${w.answered} of ${w.total} tasks answered`),
    ...errors.map((p) => `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`),
  ];
  throw new ExitError(EXIT.incomplete, `Sign-off of module ${module} refused: it is not complete.\n${reasons.map((r) => `  - ${r}`).join('\n')}\nNothing was recorded.`);
}

/** The supervisor confirms what the participant recorded of the workshops: by flag, or asked. */
async function confirmAttendance(io: IO, recorded: AttendanceRecorded[], flag: boolean, final: boolean, ask: () => Prompter): Promise<boolean> {
  const which = recorded.length === 1 ? `the module ${recorded[0]!.module} workshop` : `the ${recorded.length} workshops`;
  const lines = recorded.map((a) => `  Module ${a.module} workshop (task ${a.task}): ${a.recorded || '(nothing recorded)'}`).join('\n');
  io.stdout.write(`The participant recorded their attendance at ${which}:\n${lines}\n`);
  if (flag) return true;
  if (!io.stdinIsTTY && !final) return false;
  if (!io.stdinIsTTY) {
    throw usageError('A final sign-off confirms the workshop attendance the participant recorded (above). Check it, then run again with --attendance-confirmed. Nothing was recorded.');
  }
  const yes = await ask().confirm({ message: `Confirm the participant attended ${which} as recorded above?`, default: false });
  if (!yes && final) throw new ExitError(EXIT.incomplete, 'Final sign-off not made: the workshop attendance was not confirmed. Nothing was recorded.');
  return yes;
}

export async function signoff(io: IO, opts: SignoffOptions, prompter?: Prompter): Promise<number> {
  const style = styleFor(io.stdout, io.env);
  const cat = loadProgramme();
  const root = findPortfolio(io.cwd, opts.dir);
  const module = opts.module === undefined ? undefined : Number(opts.module);
  if (module !== undefined && !(Number.isInteger(module) && module >= 1 && module <= cat.programme.modules.length)) {
    throw usageError(`--module ${opts.module}: give a module number from 1 to ${cat.programme.modules.length}`);
  }
  const date = opts.date ?? io.today();
  const ok = validDate(date);
  if (ok !== true) throw usageError(`--date ${date}: ${ok}`);
  const badKey = opts.key !== undefined ? keyProblem(opts.key) : undefined;
  if (badKey) throw usageError(`--key ${opts.key}: ${badKey} (give the private SSH key to sign with, e.g. ~/.ssh/id_ed25519)`);

  const lock = lockPortfolio(root, 'signoff', EXIT.incomplete);
  try {
    const report = verifyPortfolio(root, cat, { today: io.today() });
    refuseIncomplete(report, module, io);
    const inGit = gitAvailable() && isRepo(root);
    let commit: string | null = null;
    if (inGit) {
      const state = uncommitted(root);
      if ('error' in state) throw new ExitError(EXIT.incomplete, `Sign-off refused: git could not say what is committed (${state.error}). Nothing was recorded.`);
      if (state.open.length > 0) {
        throw new ExitError(
          EXIT.incomplete,
          `Sign-off refused: ${state.open.length} file(s) the sign-off covers are not committed to git, so the signed version could not be restored from git:\n${listed(state.open)}\n` +
            'Ask the participant to commit them (git add -A && git commit -m "Ready for sign-off"), then sign off. Nothing was recorded.',
        );
      }
      if (state.ignored.length > 0) {
        throw new ExitError(
          EXIT.incomplete,
          `Sign-off refused: ${state.ignored.length} file(s) in the portfolio are ignored by git, so a sign-off of them could not be restored from git:\n${listed(state.ignored)}\n` +
            'Move them out of the portfolio folder (or into private/), or stop git ignoring them and commit them. Nothing was recorded.',
        );
      }
      commit = headCommit(root)?.sha ?? null;
    }

    let name = opts.name?.trim();
    let role = opts.role?.trim();
    let asker: Prompter | undefined = prompter;
    const ask = () => (asker ??= inquirerPrompter());
    let attendance_confirmed: boolean;
    const attendance = recordedAttendance(cat, report.portfolio!, module);
    try {
      if (!name || !role) {
        if (!prompter && !io.stdinIsTTY) throw usageError('permanence signoff needs --name and --role (there is no terminal to ask in).');
        name ||= (await ask().input({ message: 'Your name (the supervisor signing off):', validate: (v) => (v.trim() ? true : 'Please give your name') })).trim();
        role ||= (await ask().input({ message: 'Your role (e.g. practice supervisor, team manager):', validate: (v) => (v.trim() ? true : 'Please give your role') })).trim();
      }
      attendance_confirmed = await confirmAttendance({ ...io, stdinIsTTY: io.stdinIsTTY || prompter !== undefined }, attendance, opts.attendanceConfirmed === true, module === undefined, ask);
    } catch (err) {
      if (err instanceof PromptCancelled) {
        io.stderr.write('\nStopped: nothing was recorded.\n');
        return EXIT.interrupted;
      }
      throw err;
    }

    let written;
    try {
      written = appendSignoff(
        root,
        {
          kind: module === undefined ? 'final' : 'module',
          ...(module !== undefined ? { module } : {}),
          name,
          role,
          date,
          ...(opts.note ? { note: opts.note } : {}),
          attendance_confirmed,
          attendance,
          programme: cat.programme.id,
          content_version: cat.programme.version,
          complete: completeNow(report),
          git_commit: commit,
          answers: portfolioAnswers(cat, report.portfolio!),
        },
        opts.key,
      );
    } catch (err) {
      if (err instanceof SignoffWriteError) {
        if (err.interrupted) {
          io.stderr.write(`\n${err.message}\n`);
          return EXIT.interrupted;
        }
        throw new ExitError(EXIT.usage, err.message);
      }
      throw err;
    }
    let gitLine = '';
    if (inGit) {
      const what = module === undefined ? 'final sign-off' : `sign-off of module ${module}`;
      const c = commitFiles(root, [written.file, ...(written.sigFile ? [written.sigFile] : [])], `Supervisor's ${what}: ${name}, ${role}, ${date}`, name);
      const recordCommit = c.ok ? headCommit(root)?.sha : undefined;
      gitLine = c.ok
        ? ` and committed it to git${recordCommit ? ` (commit ${recordCommit.slice(0, 10)})` : ''}.\n  It signs the content of commit ${commit?.slice(0, 10) ?? '(none)'}: restore exactly that with git checkout ${commit?.slice(0, 10) ?? 'HEAD'} -- .`
        : ` (git could not commit it: ${c.detail.split('\n')[0]}; commit ${written.file} yourself).\n  It signs the content of commit ${commit?.slice(0, 10) ?? '(none)'}`;
    }
    io.stdout.write(
      `${style.green('✓')} Recorded the ${module === undefined ? 'final sign-off' : `interim sign-off of module ${module}`} in ${written.file}${written.sigFile ? ', signed with your SSH key' : ''}${gitLine}${inGit ? '' : '.'}\n` +
        `  Workshop attendance ${attendance_confirmed ? 'confirmed' : 'not confirmed'}.${written.sigFile ? '' : ' Not signed: without --key, anyone with these files could have written this record.'}\n` +
        `  From now on, permanence verify reports any change to the portfolio since this sign-off.\n`,
    );
    return EXIT.ok;
  } finally {
    lock.release();
  }
}
