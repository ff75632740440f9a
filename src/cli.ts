// Declares every command; each action normalises its options, then loads its
// implementation lazily so a command pays only for the modules it uses.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { EXIT, ExitError } from './errors.js';
import { prepareColour, processIO, type IO } from './ui/io.js';
import { expandHome, PATH_OPTIONS } from './util/paths.js';
import { releaseLocks } from './util/lock.js';
import { visibleLines } from './util/visible.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export async function main(argv: string[], io: IO): Promise<number> {
  await prepareColour(io);
  let code: number = EXIT.ok;
  const run = (fn: () => Promise<number | void>) => async () => {
    code = (await fn()) ?? EXIT.ok;
  };
  const program = new Command('permanence')
    .description('Your Achieving Permanence portfolio: plain files in a folder, tracked in git.')
    .version(pkg.version, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .showHelpAfterError('(run permanence --help for the commands and an example of each)')
    // Every path given, as an option or an argument, with "~" expanded where the shell did not.
    .hook('preAction', (_, command) => {
      for (const key of PATH_OPTIONS) {
        const value: unknown = command.getOptionValue(key);
        if (typeof value === 'string') command.setOptionValue(key, expandHome(value, io.env));
      }
      command.processedArgs = command.processedArgs.map((a: unknown) =>
        typeof a === 'string' ? expandHome(a, io.env) : Array.isArray(a) ? a.map((x: unknown) => (typeof x === 'string' ? expandHome(x, io.env) : x)) : a,
      );
    })
    .addHelpText(
      'after',
      '\nStart here:\n  permanence init my-portfolio     create your portfolio\n  permanence status                where you stand, and the next step\n  permanence week                  this week\'s tasks, by the calendar\n  permanence save                  keep your work in the portfolio\'s history\n  permanence demo                  see a finished example',
    );

  program
    .command('init')
    .description('create a new portfolio folder (asks for your name, cohort, supervisor and start date)')
    .argument('[dir]', 'folder to create (default: this folder, if empty)')
    .option('--name <name>', 'your name, or a pseudonym')
    .option('--cohort <cohort>', 'your cohort')
    .option('--supervisor <name>', 'your supervisor or line manager')
    .option('--start <YYYY-MM-DD>', 'programme start date, year-month-day (one written day first, 07/09/2026, is taken as 7 September 2026)')
    .option('--specialist-area <text>', 'your specialist area of interest, written as your answer to week 1.1, task 8 b) (optional)')
    .option('-y, --yes', 'ask nothing: take the defaults for anything not given')
    .option('--no-git', 'do not create a git repository')
    .option('--repair', 'in an existing portfolio, write any entry file that is missing (never overwrites)')
    .option('--ci <host>', 'also write the workflow that verifies the portfolio on every push: github or gitlab')
    .option('--dir <dir>', 'the folder (the same as giving [dir])')
    .addHelpText('after', '\nExample:\n  permanence init my-portfolio --name "A. Practitioner" --cohort "North 2026" --supervisor "J. Manager" --start 2026-09-07')
    .action(
      (dir: string | undefined, opts: Record<string, unknown>) =>
        run(async () => (await import('./commands/init.js')).init(io, { ...opts, dir: dir ?? (opts.dir as string | undefined) }))(),
    );

  program
    .command('status')
    .description('where your portfolio stands: the calendar week, the next step, work not yet saved to the history, weeks done, requirements and KSS-AP coverage')
    .option('--dir <dir>', 'the portfolio folder (default: the nearest portfolio.yaml upwards)')
    .option('--json', 'print the assessment as JSON (schemas/assessment.schema.json)')
    .option('--all', 'list every requirement and KSS-AP section, not only the counts')
    .option('--output <file>', 'write the status (or the JSON) to a file (UTF-8), not to the screen')
    .addHelpText('after', '\nExamples:\n  permanence status --dir my-portfolio\n  permanence status --json --output status.json')
    .action((opts: { dir?: string; json?: boolean; all?: boolean; output?: string }) => run(async () => (await import('./commands/status.js')).status(io, opts))());

  program
    .command('save')
    .description("keep every change in your portfolio's history (a git commit), with a message saying what changed")
    .option('--dir <dir>', 'the portfolio folder (default: the nearest portfolio.yaml upwards)')
    .option('-m, --message <text>', 'your own message instead of the one worked out from the changes')
    .addHelpText('after', '\nExample:\n  permanence save                  e.g. "Module 1 week 2: tasks 3-5; learning goals"')
    .action((opts: { dir?: string; message?: string }) => run(async () => (await import('./commands/save.js')).save(io, opts))());

  program
    .command('week')
    .description("work through one week's tasks; answers are saved as you give them")
    .argument('[ref]', 'which week: none for this week by the calendar; 8 to 28 for a programme week; 1 to 7 for a week of the current module; 1.2 for module 1, week 2')
    .option('--dir <dir>', 'the portfolio folder (default: the nearest portfolio.yaml upwards)')
    .option('--module <n>', 'the module a bare week number refers to (default: by the calendar, or current_module in portfolio.yaml)')
    .option('--task <n>', 'go straight to one task')
    .option('--answers <file.yaml>', 'fill tasks from a YAML file without asking (for scripts)')
    .option('--commit', "save the week to your portfolio's history (git) at the end without asking")
    .option('--no-commit', 'do not save it to the history at the end, and do not ask')
    .addHelpText('after', '\nExamples:\n  permanence week              this week, by the calendar\n  permanence week 9            programme week 9 (module 2, week 2)\n  permanence week 1.2          module 1, week 2\n  permanence week 2 --task 5   week 2 of the current module, task 5\n  permanence week 1.2 --answers answers.yaml --commit')
    .action((ref: string | undefined, opts: Record<string, unknown>) => run(async () => (await import('./commands/week.js')).week(io, ref, opts))());

  program
    .command('selfassess')
    .description('rate your confidence (1-5) against every KSS-AP statement, section by section')
    .requiredOption('--stage <stage>', 'baseline (at the start) or followup (at the end)')
    .option('--dir <dir>', 'the portfolio folder (default: the nearest portfolio.yaml upwards)')
    .option('--answers <file.yaml>', 'take the ratings from a YAML file without asking (for scripts)')
    .option('--commit', 'commit to git at the end without asking')
    .option('--no-commit', 'do not commit at the end, and do not ask')
    .addHelpText('after', '\nExample:\n  permanence selfassess --stage baseline')
    .action((opts: Record<string, unknown>) => run(async () => (await import('./commands/selfassess.js')).selfassess(io, opts))());

  program
    .command('verify')
    .description('is it complete? requirements, KSS-AP evidence, problems, identifying details, sign-off; one portfolio or a cohort')
    .argument('[paths...]', 'portfolios, or folders of portfolios (default: the portfolio here)')
    .option('--dir <dir>', 'the portfolio folder, when no paths are given')
    .option('--format <format>', 'text, json, junit or html (a cohort at a glance, one self-contained file)', 'text')
    .option('--allowed-signers <file>', 'check SSH-signed sign-offs against this allowed-signers file')
    .option('--bundle <dir>', 'check a rendered bundle (manifest.json and portfolio.pdf) against the portfolio')
    .option('--redact', 'name identifying details by file, line and kind only (for a CI log, or a report that leaves your machine)')
    .option('--output <file>', 'write the report to a file (UTF-8), not to the screen')
    .addHelpText('after', '\nExit: 0 complete; 1 incomplete or invalid; 2 usage error or not a portfolio.\n\nExamples:\n  permanence verify\n  permanence verify cohort/ --format junit --output report.xml\n  permanence verify alice bob --format json\n  permanence verify cohort/ --format html --output cohort.html')
    .action((paths: string[], opts: Record<string, unknown>) => run(async () => (await import('./commands/verify.js')).verify(io, paths, opts))());

  program
    .command('signoff')
    .description("record a supervisor's sign-off: who, role, date, and a digest of the portfolio's content")
    .option('--dir <dir>', 'the portfolio folder (default: the nearest portfolio.yaml upwards)')
    .option('--name <name>', "the supervisor's name")
    .option('--role <role>', "the supervisor's role")
    .option('--date <YYYY-MM-DD>', 'the date of the sign-off (default: today)')
    .option('--note <text>', 'a note to keep with the sign-off')
    .option('--module <n>', "an interim sign-off of one module (default: the final sign-off)")
    .option('--key <file>', 'also sign the record with this SSH private key (ssh-keygen -Y sign)')
    .option('--attendance-confirmed', 'you have checked the workshop attendance the participant recorded (asked when there is a terminal; needed for a final sign-off without one)')
    .addHelpText('after', '\nThe final sign-off is refused (exit 1) while verify says the portfolio is not complete.\n\nExample:\n  permanence signoff --name "J. Manager" --role "Practice supervisor" --attendance-confirmed --key ~/.ssh/id_ed25519')
    .action((opts: Record<string, unknown>) => run(async () => (await import('./commands/signoff.js')).signoff(io, opts))());

  program
    .command('render')
    .description('make the submission bundle: portfolio.pdf and manifest.json (checksums)')
    .option('--dir <dir>', 'the portfolio folder (default: the nearest portfolio.yaml upwards)')
    .option('--out <dir>', 'where to write the bundle (default: submission/ in the portfolio)')
    .option('--draft', 'render an incomplete portfolio, every page marked as a draft (identifying details are still refused)')
    .addHelpText('after', '\nExit: 0 rendered; 1 refused (identifying details not reviewed, or incomplete without --draft).\n\nExamples:\n  permanence render\n  permanence render --draft --out ~/Desktop/draft')
    .action((opts: Record<string, unknown>) => run(async () => (await import('./commands/render.js')).render(io, opts))());

  program
    .command('changes')
    .description('what changed since the last sign-off, answer by answer, with the words added and removed')
    .option('--since <signoff-or-commit>', 'a sign-off (its number, 1, 2, ..., or its file) or a git commit (default: the latest sign-off)')
    .option('--format <format>', 'text, json or html', 'text')
    .option('--dir <dir>', 'the portfolio folder')
    .option('--output <file>', 'write the changes to a file (UTF-8), not to the screen')
    .addHelpText('after', '\nExit: 0 nothing changed; 1 something changed; 2 usage error, or nothing to compare with.\n\nExamples:\n  permanence changes\n  permanence changes --since 1 --format html --output changes.html\n  permanence changes --since HEAD~3')
    .action((opts: Record<string, unknown>) => run(async () => (await import('./commands/changes.js')).changes(io, opts))());

  program
    .command('open')
    .description('your portfolio in a browser: a workspace served from this computer only (stop it with Ctrl-C)')
    .option('--dir <dir>', 'the portfolio folder (default: the nearest portfolio.yaml upwards)')
    .option('--port <n>', 'the port to listen on (default: a free one)')
    .option('--no-browser', 'print the address, and do not open a browser')
    .option('--supervisor', "start on the supervisor's tab: verify, changes since the last sign-off, and the sign-off form")
    .addHelpText('after', '\nExamples:\n  permanence open\n  permanence open --dir my-portfolio --no-browser --port 8080\n  permanence open --supervisor')
    .action((opts: Record<string, unknown>) => run(async () => (await import('./commands/open.js')).open(io, opts))());

  program
    .command('ci')
    .description('write the workflow that runs permanence verify on every push (GitHub Actions or GitLab CI)')
    .option('--github', 'GitHub Actions: .github/workflows/permanence-verify.yml')
    .option('--gitlab', 'GitLab CI: .gitlab-ci.yml')
    .option('--force', 'replace a workflow file that is there already')
    .option('--dir <dir>', 'the portfolio folder')
    .addHelpText('after', '\nExamples:\n  permanence ci --github\n  permanence ci --gitlab --dir my-portfolio')
    .action((opts: Record<string, unknown>) => run(async () => (await import('./commands/ci.js')).ci(io, opts))());

  program
    .command('export')
    .description('a Leap2A package of your portfolio for Mahara or PebblePad, or the KSS-AP as a Mahara SmartEvidence framework')
    .option('--format <format>', 'leap2a (a zip: every week and item, and the PDF) or matrix (the KSS-AP framework, JSON)', 'leap2a')
    .option('--out <file>', 'where to write it (leap2a default: submission/leap2a.zip in the portfolio; matrix default: print it)')
    .option('--dir <dir>', 'the portfolio folder (default: the nearest portfolio.yaml upwards)')
    .option('--draft', 'export an incomplete portfolio as a draft (identifying details are still refused)')
    .addHelpText('after', '\nExit: 0 written; 1 refused (identifying details not reviewed, or incomplete without --draft); 2 usage error.\n\nExamples:\n  permanence export --format leap2a --out ~/Desktop/portfolio-leap2a.zip\n  permanence export --format matrix --out kss-ap.matrix')
    .action((opts: Record<string, unknown>) => run(async () => (await import('./commands/export.js')).exportCommand(io, opts))());

  program
    .command('cpd')
    .description('draft your Social Work England CPD records for a registration year from your answers (drafts only: nothing is submitted)')
    .option('--year <YYYY-YY>', 'the registration year, 1 December to 30 November (default: the one today falls in)')
    .option('--format <format>', 'text, markdown or json', 'text')
    .option('--output <file>', 'write the drafts to a file (UTF-8) instead of printing them')
    .option('--dir <dir>', 'the portfolio folder (default: the nearest portfolio.yaml upwards)')
    .addHelpText('after', '\nExamples:\n  permanence cpd\n  permanence cpd --year 2026-27 --format markdown --output cpd-drafts.md')
    .action((opts: Record<string, unknown>) => run(async () => (await import('./commands/cpd.js')).cpd(io, opts))());

  program
    .command('demo')
    .description('the whole pipeline on a fictional example: a filled-in portfolio, its status, verify, a sign-off and the PDF')
    .argument('[dir]', 'where to create it', 'permanence-demo')
    .addHelpText('after', '\nExample:\n  permanence demo /tmp/demo')
    .action((dir: string) => run(async () => (await import('./commands/demo.js')).demo(io, { dir }))());

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    if (err instanceof ExitError) {
      io.stderr.write(`${visibleLines(err.message)}\n`);
      return err.code;
    }
    io.stderr.write(`permanence: unexpected error: ${visibleLines(err instanceof Error ? err.message : String(err))}\n(this is a bug; your files were not changed by it)\n`);
    if (io.env.PERMANENCE_DEBUG && err instanceof Error) io.stderr.write(`${err.stack}\n`);
    return EXIT.usage;
  } finally {
    releaseLocks();
  }
  return code;
}

/** The program as bin/permanence.js runs it: the one place that sets the exit code. */
export async function run(): Promise<void> {
  // A reader that stops early (permanence verify | head) is not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  process.exitCode = await main(process.argv.slice(2), processIO());
}
