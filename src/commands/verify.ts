import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXIT, usageError } from '../errors.js';
import { assess } from '../assess/assess.js';
import { loadProgramme } from '../programme/load.js';
import { findPortfolio } from '../portfolio/portfolio.js';
import { styleFor, type IO } from '../ui/io.js';
import { expandPaths, type PortfolioReport, type VerifyOptions } from '../verify/verify.js';
import { cohortTable, portfolioText, summaryRow, type SummaryRow } from '../report/verify-text.js';
import { jsonWriter, portfolioPart } from '../report/verify-json.js';
import { junitWriter, portfolioSuite } from '../report/verify-junit.js';
import { verifyEach } from '../verify/cohort.js';
import { visible } from '../util/visible.js';

export interface VerifyCommandOptions {
  dir?: string;
  format?: string;
  allowedSigners?: string;
  bundle?: string;
}

const version = (): string => (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export async function verify(io: IO, paths: string[], opts: VerifyCommandOptions): Promise<number> {
  const format = opts.format ?? 'text';
  if (!['text', 'json', 'junit'].includes(format)) throw usageError(`--format ${format}: use text, json or junit`);
  const cat = loadProgramme();
  const { targets, passedOver } = paths.length > 0 ? expandPaths(io.cwd, paths) : { targets: [{ root: findPortfolio(io.cwd, opts.dir), shown: opts.dir ?? '.' }], passedOver: [] };
  if (opts.bundle && targets.length > 1) throw usageError('--bundle checks one portfolio against its bundle: name one portfolio');
  const options: VerifyOptions = {
    today: io.today(),
    ...(opts.allowedSigners ? { allowedSigners: resolve(io.cwd, opts.allowedSigners) } : {}),
    ...(opts.bundle ? { bundle: { dir: resolve(io.cwd, opts.bundle), shown: opts.bundle } } : {}),
  };
  const style = styleFor(io.stdout, io.env);
  const progress = targets.length > 1 && Boolean(io.stderr.isTTY);

  // Each report is formatted as it arrives and then let go: JSON and JUnit are
  // written as they come, text after the cohort's summary rows.
  const rows: SummaryRow[] = [];
  const parts: string[] = [];
  const write = (t: string) => io.stdout.write(t);
  const json = format === 'json' ? jsonWriter(write, version()) : undefined;
  const junit = format === 'junit' ? junitWriter(write) : undefined;
  let i = 0;
  for (const outcome of verifyEach(cat, targets, options)) {
    const t = targets[i++]!;
    if (progress) io.stderr.write(`\rverifying ${i}/${targets.length} ${visible(t.shown).slice(-40).padEnd(40)}`);
    const report = 'error' in outcome ? unverifiable(cat, t.root, t.shown, options.today, outcome.error) : outcome.report;
    const row = summaryRow(report);
    rows.push(row);
    if (json) json.part(portfolioPart(report), row.complete);
    else if (junit) junit.part(portfolioSuite(report));
    else parts.push(portfolioText(report, style));
  }
  if (progress) io.stderr.write(`\r${' '.repeat(60)}\r`);

  const complete = rows.filter((r) => r.complete).length;
  if (json) json.end(passedOver);
  else if (junit) junit.end(passedOver);
  else io.stdout.write(`${((rows.length > 1 || passedOver.length > 0 ? cohortTable(rows, style, passedOver) : '') + parts.join('\n')).trimEnd()}\n`);
  return complete === rows.length ? EXIT.ok : EXIT.incomplete;
}

function unverifiable(cat: ReturnType<typeof loadProgramme>, root: string, shown: string, today: string, error: string): PortfolioReport {
  const problem = { file: '.', line: 0, severity: 'error' as const, code: 'unverifiable', message: `could not be verified: ${error}` };
  const assessment = assess(cat, { root, specs: [], entries: new Map(), problems: [problem] }, { today });
  return { path: shown, participant: null, complete: false, assessment, identifying: { unreviewed: [], reviewed: 0 }, signoff: { status: 'none', changed_files: [], records: [] }, problems: [problem] };
}
