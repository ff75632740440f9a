import { mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { EXIT, usageError } from '../errors.js';
import { loadProgramme } from '../programme/load.js';
import { findPortfolio } from '../portfolio/portfolio.js';
import { isInside } from '../portfolio/read.js';
import { writeFileAtomic } from '../util/atomic.js';
import { shownPath, styleFor, type IO } from '../ui/io.js';
import { shareRefusal } from '../report/refusal.js';
import { verifyPortfolio } from '../verify/verify.js';

export interface ExportOptions {
  format?: string;
  out?: string;
  dir?: string;
  draft?: boolean;
}

const FORMATS = ['leap2a', 'matrix'] as const;

export async function exportCommand(io: IO, opts: ExportOptions): Promise<number> {
  const format = opts.format ?? 'leap2a';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw usageError(`--format ${format}: not a format export knows.\nUse --format leap2a (a Leap2A package for Mahara or PebblePad) or --format matrix (the KSS-AP as a Mahara SmartEvidence framework).`);
  }
  return format === 'matrix' ? exportMatrix(io, opts) : exportLeap2a(io, opts);
}

async function exportMatrix(io: IO, opts: ExportOptions): Promise<number> {
  const { matrixJson } = await import('../export/matrix.js');
  const json = matrixJson(loadProgramme());
  if (!opts.out) {
    io.stdout.write(json);
    return EXIT.ok;
  }
  const out = resolve(io.cwd, opts.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileAtomic(out, json);
  const style = styleFor(io.stdout, io.env);
  io.stdout.write(`${style.green('✓')} Wrote ${shownPath(io.cwd, out)}: the KSS-AP as a SmartEvidence framework (5 sections, 36 statements).\n`);
  if (!out.endsWith('.matrix')) io.stdout.write(`  Mahara uploads only files whose name ends in .matrix: rename it before you upload it.\n`);
  return EXIT.ok;
}

async function exportLeap2a(io: IO, opts: ExportOptions): Promise<number> {
  const cat = loadProgramme();
  const root = findPortfolio(io.cwd, opts.dir);
  const out = opts.out ? resolve(io.cwd, opts.out) : join(root, 'submission', 'leap2a.zip');
  if (isInside(root, out) && relative(root, out).split(/[\\/]/)[0] !== 'submission') {
    throw usageError(`--out ${opts.out}: inside the portfolio, the package goes in submission/ (kept out of git and out of the sign-off's digest); or name a file outside the portfolio`);
  }
  const report = verifyPortfolio(root, cat, { today: io.today() }, shownPath(io.cwd, root));
  const refused = shareRefusal(report, 'export', Boolean(opts.draft), 'To export it as it stands, marked as a draft, run: permanence export --format leap2a --draft', styleFor(io.stderr, io.env));
  if (refused) {
    if (refused.before) io.stderr.write(refused.before);
    throw refused.error;
  }
  const { leap2aPackage } = await import('../export/package.js');
  const draft = Boolean(opts.draft) || !report.complete;
  const result = await leap2aPackage({ cat, report, env: io.env, draft });
  mkdirSync(dirname(out), { recursive: true });
  writeFileAtomic(out, result.zip);
  const style = styleFor(io.stdout, io.env);
  for (const m of result.missingGlyphs) {
    // The code point alone: the character itself may be a control character.
    io.stderr.write(`${style.yellow('warning:')} ${m.file}: the PDF font has no ${m.codePoint}; it is shown as a marker in the PDF\n`);
  }
  io.stdout.write(
    `${style.green('✓')} ${draft ? 'Draft exported' : 'Exported'}: ${shownPath(io.cwd, out)} (Leap2A 2010-07: ${result.entries} entries and the PDF, ${result.pages} pages)\n` +
      `  Dated ${result.date.toISOString().slice(0, 10)}; the same portfolio always gives the same bytes. In Mahara: Manage → Import.\n`,
  );
  return EXIT.ok;
}
