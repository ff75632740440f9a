import { readFileSync } from 'node:fs';
import { EXIT, usageError } from '../errors.js';
import { loadProgramme } from '../programme/load.js';
import { findPortfolio } from '../portfolio/portfolio.js';
import { readConfig } from '../portfolio/config.js';
import { styleFor, type IO } from '../ui/io.js';
import { reportSink } from '../ui/report-file.js';
import { ChangesError, changesSince } from '../changes/changes.js';
import { changesHtml, changesText } from '../report/changes.js';

const version = (): string => (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export async function changes(io: IO, opts: { dir?: string; since?: string; format?: string; output?: string }): Promise<number> {
  const format = opts.format ?? 'text';
  if (!['text', 'json', 'html'].includes(format)) throw usageError(`--format ${format}: use text, json or html`);
  const cat = loadProgramme();
  const root = findPortfolio(io.cwd, opts.dir);
  let report;
  try {
    report = changesSince(root, cat, opts.since);
  } catch (err) {
    if (err instanceof ChangesError) throw usageError(err.message);
    throw err;
  }
  const sink = reportSink(io, opts.output);
  if (format === 'json') sink.out.write(`${JSON.stringify({ permanence: version(), ...report }, null, 2)}\n`);
  else if (format === 'html') sink.out.write(changesHtml(report, { version: version(), participant: readConfig(root, cat).config?.participant ?? null }));
  else sink.out.write(changesText(report, styleFor(sink.out, io.env)));
  sink.finish('the changes');
  // As verify does: a script (or a CI job) can tell "nothing changed since the sign-off" by the exit code alone.
  const changed = report.answers.length + report.files.changed.length + report.files.added.length + report.files.removed.length + report.unknown.length > 0;
  return changed ? EXIT.incomplete : EXIT.ok;
}
