// The submission bundle's manifest: every source file's SHA-256, the PDF's, and
// the sign-offs, so a supervisor can later prove the PDF and the portfolio match.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalogue } from '../programme/load.js';
import type { Problem } from '../portfolio/problems.js';
import { readInside } from '../portfolio/read.js';
import { compareFiles, contentDigest, coveredFiles, sha256, type FileDigest } from './digest.js';
import type { PortfolioReport } from './verify.js';

export const PDF_FILE = 'portfolio.pdf';
export const MANIFEST_FILE = 'manifest.json';

export interface Manifest {
  manifest: 1;
  programme: { id: string; title: string; version: string };
  participant: string | null;
  cohort: string | null;
  supervisor: string | null;
  date: string;
  git_commit: string | null;
  draft: boolean;
  complete: boolean;
  content_digest: string;
  files: FileDigest[];
  pdf: { file: string; sha256: string };
  signoffs: { file: string; kind: string | null; module: number | null; name: string | null; role: string | null; date: string | null; digest: string | null; signed: boolean; status: string }[];
}

export function buildManifest(input: {
  cat: Catalogue;
  report: PortfolioReport;
  files: FileDigest[];
  pdfSha256: string;
  date: Date;
  commit: string | null;
  draft: boolean;
}): Manifest {
  const { cat, report } = input;
  const p = report.assessment.portfolio;
  return {
    manifest: 1,
    programme: { id: cat.programme.id, title: cat.programme.title, version: cat.programme.version },
    participant: p.participant,
    cohort: p.cohort,
    supervisor: p.supervisor,
    date: input.date.toISOString(),
    git_commit: input.commit,
    draft: input.draft,
    complete: report.complete,
    content_digest: contentDigest(input.files),
    files: input.files,
    pdf: { file: PDF_FILE, sha256: input.pdfSha256 },
    signoffs: report.signoff.records.map((r) => ({
      file: r.file,
      kind: r.kind,
      module: r.module,
      name: r.name,
      role: r.role,
      date: r.date,
      digest: r.digest,
      signed: r.signed,
      status: r.status,
    })),
  };
}

/**
 * Checks a bundle against the portfolio it came from: names every source file
 * changed, added or removed since the render, and a PDF that is not the one made.
 */
export function checkBundle(root: string, bundleDir: string, shownBundle: string, severity: Problem['severity'], covered?: FileDigest[]): Problem[] {
  const file = `${shownBundle}/${MANIFEST_FILE}`;
  let manifest: Manifest;
  try {
    // Bounded, no link followed out of the bundle, no pipe or device: a manifest is someone else's file.
    const read = readInside(bundleDir, MANIFEST_FILE, 16 * 1024 * 1024);
    if (!read || 'problem' in read) throw new Error(read ? read.problem.message : 'it is missing');
    const text = read.text;
    manifest = JSON.parse(text) as Manifest;
    if (manifest.manifest !== 1 || !Array.isArray(manifest.files) || typeof manifest.pdf?.sha256 !== 'string') throw new Error('not a permanence manifest');
  } catch (err) {
    return [{ file, line: 0, severity, code: 'bundle', message: `cannot be read: ${(err as Error).message}`, fix: 'run permanence render again' }];
  }
  const problems: Problem[] = [];
  const c = compareFiles(manifest.files, covered ?? coveredFiles(root));
  for (const path of c.changed) problems.push({ file: path, line: 0, severity, code: 'bundle-changed', message: `has changed since the bundle in ${shownBundle} was rendered`, fix: 'run permanence render again' });
  for (const path of c.added) problems.push({ file: path, line: 0, severity, code: 'bundle-changed', message: `was added after the bundle in ${shownBundle} was rendered`, fix: 'run permanence render again' });
  for (const path of c.removed) problems.push({ file: path, line: 0, severity, code: 'bundle-changed', message: `was in the bundle in ${shownBundle} but is gone from the portfolio`, fix: 'restore it, or run permanence render again' });
  // The PDF is proved against its checksum when a bundle is named (--bundle);
  // the participant's own submission/ is only checked for being out of date.
  if (severity !== 'error') return problems;
  let pdf: Buffer | undefined;
  try {
    // Always portfolio.pdf beside the manifest: a path from the manifest is never followed.
    pdf = readFileSync(join(bundleDir, PDF_FILE));
  } catch {
    problems.push({ file: `${shownBundle}/${PDF_FILE}`, line: 0, severity, code: 'bundle-pdf', message: 'is missing', fix: 'run permanence render again' });
  }
  if (pdf && sha256(pdf) !== manifest.pdf.sha256) {
    problems.push({
      file: `${shownBundle}/${PDF_FILE}`,
      line: 0,
      severity,
      code: 'bundle-pdf',
      message: 'is not the PDF that was rendered: its SHA-256 differs from the manifest',
      fix: 'render again from the portfolio (permanence render); never edit the PDF',
    });
  }
  return problems;
}
