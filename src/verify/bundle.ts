// The submission bundle's manifest: every source file's SHA-256 as it was read
// for the PDF, the PDF's, and the sign-offs, so a supervisor can later prove the
// PDF and the portfolio match; and, since a render is reproducible, the proof
// that the PDF is the one the portfolio makes (bundle-proof.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalogue } from '../programme/load.js';
import type { Problem } from '../portfolio/problems.js';
import type { RenderResult } from '../render/pdf.js';
import { readInside } from '../portfolio/read.js';
import { compareFiles, contentDigest, coveredFiles, keptFiles, sha256, type FileDigest } from './digest.js';
import type { PortfolioReport } from './verify.js';

export const PDF_FILE = 'portfolio.pdf';
export const MANIFEST_FILE = 'manifest.json';

export interface Manifest {
  /** 2 since the files are hashed as read for the PDF and sign-offs carry the record's own hash. */
  manifest: 1 | 2;
  programme: { id: string; title: string; version: string };
  /** The permanence that made it: only the same version makes the same bytes (manifest 2). */
  generator?: string;
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
  signoffs: {
    file: string;
    kind: string | null;
    module: number | null;
    name: string | null;
    role: string | null;
    date: string | null;
    digest: string | null;
    signed: boolean;
    status: string;
    /** The record file's own SHA-256 (manifest 2). */
    sha256?: string | null;
  }[];
}

export const generator = (): string =>
  `permanence ${(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version}`;

/** The sign-offs as the PDF shows them, and the assessment without any word on an earlier bundle. */
export async function renderBundle(cat: Catalogue, report: PortfolioReport, date: Date, draft: boolean): Promise<RenderResult> {
  const { renderPdf } = await import('../render/pdf.js');
  const signoffs = report.signoff.records
    .filter((r) => r.kind !== null && r.name && r.role && r.date && r.digest)
    .map((r) => ({
      name: r.name!,
      role: r.role!,
      date: r.date!,
      kind: r.kind!,
      ...(r.module !== null ? { module: r.module } : {}),
      digest: r.digest!,
      signed: r.signed,
      status: r.status,
    }));
  // Whether submission/ was out of date when this render began is no part of the document:
  // leaving it out keeps the PDF the same however often it is made, so verify can make it again.
  const assessment = { ...report.assessment, problems: report.assessment.problems.filter((p) => !p.code.startsWith('bundle')) };
  return renderPdf({ cat, portfolio: report.portfolio!, assessment, signoffs, signoffStatus: report.signoff.status, draft, date });
}

export function buildManifest(input: {
  cat: Catalogue;
  report: PortfolioReport;
  files: FileDigest[];
  pdfSha256: string;
  date: Date;
  commit: string | null;
  draft: boolean;
  /** Each sign-off record's SHA-256, by file, as read. */
  recordHashes?: Map<string, string>;
}): Manifest {
  const { cat, report } = input;
  const p = report.assessment.portfolio;
  return {
    manifest: 2,
    programme: { id: cat.programme.id, title: cat.programme.title, version: cat.programme.version },
    generator: generator(),
    participant: p.participant,
    cohort: p.cohort,
    supervisor: p.supervisor,
    date: input.date.toISOString(),
    git_commit: input.commit,
    draft: input.draft,
    complete: report.complete,
    content_digest: contentDigest(input.files),
    files: keptFiles(input.files),
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
      sha256: input.recordHashes?.get(r.file) ?? null,
    })),
  };
}

/**
 * Checks a bundle against the portfolio it came from: names every source file
 * changed, added or removed since the render, and a PDF that is not the one made.
 */
export function checkBundle(
  root: string,
  bundleDir: string,
  shownBundle: string,
  severity: Problem['severity'],
  covered?: FileDigest[],
  read?: { manifest?: Manifest },
): Problem[] {
  const file = `${shownBundle}/${MANIFEST_FILE}`;
  let manifest: Manifest;
  try {
    // Bounded, no link followed out of the bundle, no pipe or device: a manifest is someone else's file.
    const read = readInside(bundleDir, MANIFEST_FILE, 16 * 1024 * 1024);
    if (!read || 'problem' in read) throw new Error(read ? read.problem.message : 'it is missing');
    const text = read.text;
    manifest = JSON.parse(text) as Manifest;
    if ((manifest.manifest !== 1 && manifest.manifest !== 2) || !Array.isArray(manifest.files) || typeof manifest.pdf?.sha256 !== 'string') throw new Error('not a permanence manifest');
  } catch (err) {
    return [{ file, line: 0, severity, code: 'bundle', message: `cannot be read: ${(err as Error).message}`, fix: 'run permanence render again' }];
  }
  if (read) read.manifest = manifest;
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
