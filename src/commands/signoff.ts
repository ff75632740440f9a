import { existsSync } from 'node:fs';
import { EXIT, ExitError, usageError } from '../errors.js';
import { loadProgramme } from '../programme/load.js';
import { findPortfolio } from '../portfolio/portfolio.js';
import { commitAll, gitAvailable, isRepo } from '../util/git.js';
import { styleFor, type IO } from '../ui/io.js';
import { inquirerPrompter, PromptCancelled, type Prompter } from '../ui/prompts.js';
import { verifyPortfolio } from '../verify/verify.js';
import { toText } from '../report/verify-text.js';
import { appendSignoff } from '../verify/signoff.js';
import { validDate } from './init.js';

export interface SignoffOptions {
  dir?: string;
  name?: string;
  role?: string;
  date?: string;
  note?: string;
  module?: string;
  key?: string;
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
  if (opts.key !== undefined && !existsSync(opts.key)) throw usageError(`--key ${opts.key}: no such file (give the private SSH key to sign with)`);

  const report = verifyPortfolio(root, cat, { today: io.today() });
  const a = report.assessment;
  if (module === undefined && !report.complete) {
    io.stderr.write(toText([report], styleFor(io.stderr, io.env)));
    throw new ExitError(EXIT.incomplete, 'Final sign-off refused: verify says this portfolio is not complete (the reasons are above). Nothing was recorded.');
  }
  if (module !== undefined) {
    const m = a.modules.find((x) => x.number === module)!;
    const open = m.weeks.filter((w) => w.state !== 'answered');
    const files = new Set(m.weeks.map((w) => w.file));
    const errors = report.problems.filter((p) => p.severity === 'error' && (files.has(p.file) || p.code.startsWith('signoff')));
    if (!m.complete || errors.length > 0) {
      const reasons = [
        ...open.map((w) => `week ${w.ref} (${w.title}): ${w.answered} of ${w.total} tasks answered`),
        ...errors.map((p) => `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`),
      ];
      throw new ExitError(EXIT.incomplete, `Sign-off of module ${module} refused: it is not complete.\n${reasons.map((r) => `  - ${r}`).join('\n')}\nNothing was recorded.`);
    }
  }

  let name = opts.name?.trim();
  let role = opts.role?.trim();
  if (!name || !role) {
    if (!prompter && !io.stdinIsTTY) throw usageError('permanence signoff needs --name and --role (there is no terminal to ask in).');
    const ask = prompter ?? inquirerPrompter();
    try {
      name ||= (await ask.input({ message: 'Your name (the supervisor signing off):', validate: (v) => (v.trim() ? true : 'Please give your name') })).trim();
      role ||= (await ask.input({ message: 'Your role (e.g. practice supervisor, team manager):', validate: (v) => (v.trim() ? true : 'Please give your role') })).trim();
    } catch (err) {
      if (err instanceof PromptCancelled) {
        io.stderr.write('\nStopped: nothing was recorded.\n');
        return EXIT.interrupted;
      }
      throw err;
    }
  }

  const written = appendSignoff(
    root,
    {
      kind: module === undefined ? 'final' : 'module',
      ...(module !== undefined ? { module } : {}),
      name,
      role,
      date,
      ...(opts.note ? { note: opts.note } : {}),
      programme: cat.programme.id,
      content_version: cat.programme.version,
      complete: report.complete,
    },
    opts.key,
  );
  let gitLine = '';
  if (gitAvailable() && isRepo(root)) {
    const what = module === undefined ? 'final sign-off' : `sign-off of module ${module}`;
    const c = commitAll(root, `Supervisor's ${what}: ${name}, ${role}, ${date}`, name, [written.file, ...(written.sigFile ? [written.sigFile] : [])]);
    gitLine = c.ok ? ' and committed it to git' : ` (git could not commit it: ${c.stderr.trim()})`;
  }
  io.stdout.write(
    `${style.green('✓')} Recorded the ${module === undefined ? 'final sign-off' : `interim sign-off of module ${module}`} in ${written.file}${written.sigFile ? ', signed with your SSH key' : ''}${gitLine}.\n` +
      `  From now on, permanence verify reports any change to the portfolio since this sign-off.\n`,
  );
  return EXIT.ok;
}
