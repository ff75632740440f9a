import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXIT, ExitError, usageError } from '../errors.js';
import { assess } from '../assess/assess.js';
import { loadProgramme } from '../programme/load.js';
import { findPortfolio } from '../portfolio/portfolio.js';
import { styleFor, type IO } from '../ui/io.js';
import { expandPaths, verifyPortfolio, type PortfolioReport } from '../verify/verify.js';
import { toJson, toJunit, toText } from '../verify/format.js';

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
  const targets = paths.length > 0 ? expandPaths(io.cwd, paths) : [{ root: findPortfolio(io.cwd, opts.dir), shown: opts.dir ?? '.' }];
  const today = io.today();
  const progress = targets.length > 1 && Boolean(io.stderr.isTTY);
  const reports: PortfolioReport[] = [];
  // One portfolio at a time: memory stays bounded by one portfolio plus the
  // reports, and a broken portfolio never stops the rest.
  for (const [i, t] of targets.entries()) {
    if (progress) io.stderr.write(`\rverifying ${i + 1}/${targets.length} ${t.shown.slice(-40).padEnd(40)}`);
    try {
      if (opts.bundle && targets.length > 1) throw usageError('--bundle checks one portfolio against its bundle: name one portfolio');
      const options = { today, ...(opts.allowedSigners ? { allowedSigners: opts.allowedSigners } : {}), ...(opts.bundle ? { bundle: { dir: resolve(io.cwd, opts.bundle), shown: opts.bundle } } : {}) };
      reports.push(verifyPortfolio(t.root, cat, options, t.shown));
    } catch (err) {
      if (err instanceof ExitError) throw err;
      const problem = {
        file: '.',
        line: 0,
        severity: 'error' as const,
        code: 'unverifiable',
        message: `could not be verified: ${err instanceof Error ? err.message : String(err)}`,
      };
      const assessment = assess(cat, { root: t.root, specs: [], entries: new Map(), problems: [problem] }, { today });
      reports.push({ path: t.shown, participant: null, complete: false, assessment, identifying: { unreviewed: [], reviewed: 0 }, signoff: { status: 'none', changed_files: [], records: [] }, problems: [problem] });
    }
  }
  if (progress) io.stderr.write(`\r${' '.repeat(60)}\r`);
  const result = { portfolios: reports };
  if (format === 'json') io.stdout.write(`${JSON.stringify(toJson(result, version()), null, 2)}\n`);
  else if (format === 'junit') io.stdout.write(toJunit(result));
  else io.stdout.write(toText(result, styleFor(io.stdout, io.env)));
  return reports.every((r) => r.complete) ? EXIT.ok : EXIT.incomplete;
}
