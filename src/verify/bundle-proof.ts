// The proof that a bundle's PDF is the one its portfolio makes: a render is
// reproducible, so verify --bundle makes it again in memory and compares the
// bytes. An edited PDF is caught whatever its manifest says.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalogue } from '../programme/load.js';
import type { Problem } from '../portfolio/problems.js';
import { checkBundle, generator, PDF_FILE, renderBundle, type Manifest } from './bundle.js';
import { sha256 } from './digest.js';
import { verifyPortfolio, type PortfolioReport } from './verify.js';

/** Far above any portfolio's PDF (a finished one is a few MB). */
const MAX_PDF_BYTES = 256 * 1024 * 1024;

/** A regular file's bytes, opened without following a link or waiting on a pipe; undefined when it is not one. */
export function readRegular(path: string, maxBytes: number): Buffer | { problem: string } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { problem: code === 'ENOENT' ? 'is missing' : code === 'ELOOP' ? 'is a symbolic link, not a file' : `cannot be read (${code})` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { problem: 'is not a regular file' };
    if (st.size > maxBytes) return { problem: `is ${Math.round(st.size / 1024 / 1024)} MB, larger than any PDF permanence makes` };
    const buf = Buffer.alloc(st.size);
    let done = 0;
    while (done < st.size) {
      const n = readSync(fd, buf, done, st.size - done, done);
      if (n === 0) break;
      done += n;
    }
    return buf.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

/** A report with more errors: still the assessment's rule (complete means no error). */
function withProblems(report: PortfolioReport, extra: Problem[]): PortfolioReport {
  if (extra.length === 0) return report;
  const problems = [...extra, ...report.assessment.problems];
  const assessment = { ...report.assessment, problems, complete: false };
  return { ...report, assessment, problems, complete: false };
}

/** The sign-offs the bundle was made with, against those there now: the PDF shows them. */
function signoffsSince(manifest: Manifest, report: PortfolioReport, shown: string): Problem[] {
  const then = manifest.signoffs.map((s) => `${s.file} ${s.digest ?? ''}`);
  const now = report.signoff.records.map((r) => `${r.file} ${r.digest ?? ''}`);
  if (then.join('\n') === now.join('\n')) return [];
  const added = report.signoff.records.filter((r) => !then.includes(`${r.file} ${r.digest ?? ''}`)).map((r) => r.file);
  const gone = manifest.signoffs.filter((s) => !now.includes(`${s.file} ${s.digest ?? ''}`)).map((s) => s.file);
  const what = [added.length ? `added or changed since: ${added.join(', ')}` : '', gone.length ? `gone or changed: ${gone.join(', ')}` : ''].filter(Boolean).join('; ');
  return [
    {
      file: `${shown}/manifest.json`,
      line: 0,
      severity: 'error',
      code: 'bundle-signoffs',
      message: `lists other sign-off records than the portfolio holds (${what}), so the PDF does not show the sign-offs there are`,
      fix: 'run permanence render again',
    },
  ];
}

/**
 * Renders the portfolio again as the bundle says it was made (its date, draft or
 * not) and compares the bytes with the bundle's PDF. Only when the sources are
 * those the manifest lists: otherwise checkBundle has named what changed.
 */
export async function proveBundle(cat: Catalogue, root: string, report: PortfolioReport, bundle: { dir: string; shown: string }, today: string): Promise<PortfolioReport> {
  const read: { manifest?: Manifest } = {};
  if (checkBundle(root, bundle.dir, bundle.shown, 'error', undefined, read).length > 0 || !read.manifest) return report;
  const manifest = read.manifest;
  // As render sees the portfolio: no signatures checked, no bundle weighed.
  const fresh = verifyPortfolio(root, cat, { today });
  const since = signoffsSince(manifest, fresh, bundle.shown);
  if (since.length > 0) return withProblems(report, since);
  const pdfFile = `${bundle.shown}/${PDF_FILE}`;
  const pdf = readRegular(join(bundle.dir, PDF_FILE), MAX_PDF_BYTES);
  if (!Buffer.isBuffer(pdf)) return withProblems(report, [{ file: pdfFile, line: 0, severity: 'error', code: 'bundle-pdf', message: pdf.problem, fix: 'run permanence render again' }]);
  const date = new Date(manifest.date);
  if (!fresh.portfolio || Number.isNaN(date.getTime())) {
    return withProblems(report, [{ file: `${bundle.shown}/manifest.json`, line: 0, severity: 'error', code: 'bundle', message: 'has no date the PDF could be made again from', fix: 'run permanence render again' }]);
  }
  const again = await renderBundle(cat, fresh, date, manifest.draft === true);
  if (again.pdf.equals(pdf)) return report;
  const other = manifest.generator !== generator() ? ` (the manifest says ${manifest.generator ?? 'an older permanence'} made it; this is ${generator()}, and only the same version makes the same bytes)` : '';
  return withProblems(report, [
    {
      file: pdfFile,
      line: 0,
      severity: 'error',
      code: 'bundle-pdf',
      message: `is not the PDF this portfolio makes: rendered again, it differs (SHA-256 ${sha256(again.pdf).slice(0, 16)}…, the bundle's ${sha256(pdf).slice(0, 16)}…), whatever the manifest says${other}`,
      fix: 'render again from the portfolio (permanence render); never edit the PDF',
    },
  ]);
}
