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
import { cohortHtml, htmlRow, type HtmlRow } from '../report/verify-html.js';
import { verifyEach } from '../verify/cohort.js';
import { redact } from '../report/redact.js';
import { reportSink } from '../ui/report-file.js';
import { visible } from '../util/visible.js';

export interface VerifyCommandOptions {
  dir?: string;
  format?: string;
  allowedSigners?: string;
  bundle?: string;
  redact?: boolean;
  output?: string;
}

const version = (): string => (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export async function verify(io: IO, paths: string[], opts: VerifyCommandOptions): Promise<number> {
  const format = opts.format ?? 'text';
  if (!['text', 'json', 'junit', 'html'].includes(format)) throw usageError(`--format ${format}: use text, json, junit or html`);
  const cat = loadProgramme();
  const { targets, passedOver } = paths.length > 0 ? expandPaths(io.cwd, paths) : { targets: [{ root: findPortfolio(io.cwd, opts.dir), shown: opts.dir ?? '.' }], passedOver: [] };
  if (opts.bundle && targets.length > 1) throw usageError('--bundle checks one portfolio against its bundle: name one portfolio');
  const options: VerifyOptions = {
    today: io.today(),
    ...(opts.allowedSigners ? { allowedSigners: resolve(io.cwd, opts.allowedSigners) } : {}),
    ...(opts.bundle ? { bundle: { dir: resolve(io.cwd, opts.bundle), shown: opts.bundle } } : {}),
  };
  const sink = reportSink(io, opts.output);
  const style = styleFor(sink.out, io.env);
  const progress = targets.length > 1 && Boolean(io.stderr.isTTY);

  // Each report is formatted as it arrives and then let go: JSON and JUnit are
  // written as they come, text after the cohort's summary rows.
  const rows: SummaryRow[] = [];
  const parts: string[] = [];
  const write = (t: string) => void sink.out.write(t);
  const json = format === 'json' ? jsonWriter(write, version()) : undefined;
  const junit = format === 'junit' ? junitWriter(write) : undefined;
  // HTML needs the whole cohort for its tables: a small row of each report is kept, not the report.
  const html: HtmlRow[] | undefined = format === 'html' ? [] : undefined;
  let i = 0;
  for (const outcome of verifyEach(cat, targets, options)) {
    const t = targets[i++]!;
    if (progress) io.stderr.write(`\rverifying ${i}/${targets.length} ${visible(t.shown).slice(-40).padEnd(40)}`);
    let verified = 'error' in outcome ? unverifiable(cat, t.root, t.shown, options.today, outcome.error) : outcome.report;
    if (options.bundle && !('error' in outcome)) verified = await (await import('../verify/bundle-proof.js')).proveBundle(cat, t.root, verified, options.bundle, options.today);
    const report = opts.redact ? redact(verified) : verified;
    const row = summaryRow(report);
    rows.push(row);
    if (json) json.part(portfolioPart(report), row.complete);
    else if (junit) junit.part(portfolioSuite(report));
    else if (html) html.push(htmlRow(report));
    else parts.push(portfolioText(report, style));
  }
  if (progress) io.stderr.write(`\r${' '.repeat(60)}\r`);

  const complete = rows.filter((r) => r.complete).length;
  if (json) json.end(passedOver);
  else if (junit) junit.end(passedOver);
  else if (html) write(cohortHtml(html, { version: version(), today: options.today, programme: cat.programme, passedOver }));
  else write(`${((rows.length > 1 || passedOver.length > 0 ? cohortTable(rows, style, passedOver) : '') + parts.join('\n')).trimEnd()}\n`);
  sink.finish('the report');
  return complete === rows.length ? EXIT.ok : EXIT.incomplete;
}

function unverifiable(cat: ReturnType<typeof loadProgramme>, root: string, shown: string, today: string, error: string): PortfolioReport {
  const problem = { file: '.', line: 0, severity: 'error' as const, code: 'unverifiable', message: `could not be verified: ${error}` };
  const assessment = assess(cat, { root, specs: [], entries: new Map(), problems: [problem] }, { today });
  return { path: shown, participant: null, complete: false, assessment, identifying: { unreviewed: [], reviewed: 0 }, signoff: { status: 'none', changed_files: [], changed_answers: [], records: [] }, problems: [problem] };
}
