import { EXIT, usageError } from '../errors.js';
import { assess } from '../assess/assess.js';
import { loadProgramme } from '../programme/load.js';
import { findPortfolio, readPortfolio } from '../portfolio/portfolio.js';
import { styleFor, type IO } from '../ui/io.js';
import { reportSink } from '../ui/report-file.js';
import { readPrivateNames } from '../verify/identifying.js';

export interface CpdOptions {
  dir?: string;
  year?: string;
  format?: string;
  output?: string;
}

/** The participant's and supervisor's names, as the identifying-details check looks for private names: a record names people by role. */
function ownNames(values: (string | undefined)[]): string[] {
  return values.flatMap((v) => {
    const name = (v ?? '').replace(/\([^)]*\)/g, '').trim();
    return name ? [name, ...name.split(/\s+/).filter((part) => [...part].length >= 3)] : [];
  });
}

export async function cpd(io: IO, opts: CpdOptions): Promise<number> {
  const format = opts.format ?? 'text';
  if (!['text', 'json', 'markdown'].includes(format)) throw usageError(`--format ${format}: use text, markdown or json.`);
  const { draftRecords, registrationYear } = await import('../cpd/drafts.js');
  let year;
  try {
    year = registrationYear(opts.year, io.today());
  } catch {
    throw usageError(`--year ${opts.year}: a registration year runs from 1 December to 30 November; write it as 2026-27 (1 December 2026 to 30 November 2027).`);
  }
  const cat = loadProgramme();
  const root = findPortfolio(io.cwd, opts.dir);
  const portfolio = readPortfolio(root, cat);
  const assessment = assess(cat, portfolio, { today: io.today(), words: 'limits' });
  const names = [...readPrivateNames(root).names, ...ownNames([portfolio.config?.participant, portfolio.config?.supervisor])];
  const drafts = draftRecords(cat, portfolio, assessment, year, names);
  const { cpdJson, cpdMarkdown, cpdText } = await import('../cpd/format.js');
  const text = format === 'json' ? cpdJson(drafts) : format === 'markdown' ? cpdMarkdown(drafts) : cpdText(drafts);
  const sink = reportSink(io, opts.output);
  sink.out.write(text);
  const file = sink.finish();
  if (file) io.stdout.write(`${styleFor(io.stdout, io.env).green('✓')} ${drafts.records.length} draft CPD record(s) written to ${file}; nothing was submitted.\n`);
  return EXIT.ok;
}
