import { assess } from '../assess/assess.js';
import { findStrays, strayProblems } from '../portfolio/strays.js';
import { EXIT } from '../errors.js';
import { historyLater, noHistoryText } from '../guide/commit.js';
import { loadProgramme } from '../programme/load.js';
import { findPortfolio, readPortfolio } from '../portfolio/portfolio.js';
import { renderStatus, type StatusExtras } from '../report/status.js';
import { styleFor, type IO } from '../ui/io.js';
import { reportSink } from '../ui/report-file.js';
import { scanIdentifying } from '../verify/identifying.js';
import { latestSignoffClaim } from '../verify/signoff-claim.js';

export async function status(io: IO, opts: { dir?: string; json?: boolean; all?: boolean; output?: string }): Promise<number> {
  const cat = loadProgramme();
  const sink = reportSink(io, opts.output);
  const root = findPortfolio(io.cwd, opts.dir);
  // git works out what is not yet in the history while the portfolio is read and assessed.
  const later = opts.json ? undefined : historyLater(root);
  const portfolio = readPortfolio(root, cat);
  // Every answer's words only for --json, which reports them; the text shows none but those over a limit.
  const a = assess(cat, portfolio, { today: io.today(), words: opts.json ? 'all' : 'limits', problems: strayProblems(findStrays(root, cat)) });
  if (opts.json) {
    // The JSON is the assessment (schemas/assessment.schema.json, which allows
    // no other top-level field): the identifying details are verify's to list.
    sink.out.write(`${JSON.stringify(a, null, 2)}\n`);
    sink.finish('the status');
    return EXIT.ok;
  }
  const unreviewed = scanIdentifying(root, portfolio, cat).unreviewed.length;
  const dir = opts.dir === undefined ? '' : ` --dir ${/^[\w./-]+$/.test(opts.dir) ? opts.dir : `"${opts.dir}"`}`;
  const h = await later!;
  const extras: StatusExtras = {
    identifying: { unreviewed, command: `permanence verify${dir}` },
    history: h.kind === 'repo' ? { changed: h.changed.length, command: `permanence save${dir}` } : { none: noHistoryText(h)! },
    all: opts.all === true,
  };
  const signoff = latestSignoffClaim(root);
  if (signoff) extras.signoff = signoff;
  sink.out.write(renderStatus(a, styleFor(sink.out, io.env), extras));
  sink.finish('the status');
  return EXIT.ok;
}
