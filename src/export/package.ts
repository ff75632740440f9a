// The Leap2A package: the feed and the rendered PDF in one deterministic zip.
// The PDF is made in memory by the same renderer as `permanence render`.
import type { Catalogue } from '../programme/load.js';
import type { PortfolioReport } from '../verify/verify.js';
import type { SignoffView } from '../render/context.js';
import { renderPdf, type RenderResult } from '../render/pdf.js';
import { buildFeed, LEAP_FILE, PDF_PATH } from './leap2a.js';
import { exportDate } from './date.js';
import { deterministicZip } from './zip.js';

export interface PackageInput {
  cat: Catalogue;
  report: PortfolioReport;
  env: NodeJS.ProcessEnv;
  draft: boolean;
}

export interface PackageResult {
  zip: Uint8Array;
  xml: string;
  entries: number;
  pages: number;
  date: Date;
  missingGlyphs: RenderResult['missingGlyphs'];
}

/** The sign-offs the PDF shows: only records with every field a reader needs. */
function signoffViews(report: PortfolioReport): SignoffView[] {
  const views: SignoffView[] = [];
  for (const r of report.signoff.records) {
    if (r.kind === null || !r.name || !r.role || !r.date || !r.digest) continue;
    views.push({ name: r.name, role: r.role, date: r.date, kind: r.kind, digest: r.digest, signed: r.signed, status: r.status, ...(r.module !== null ? { module: r.module } : {}) });
  }
  return views;
}

export async function leap2aPackage(input: PackageInput): Promise<PackageResult> {
  const { cat, report } = input;
  const portfolio = report.portfolio!;
  const date = exportDate(portfolio.root, input.env);
  const pdf = await renderPdf({ cat, portfolio, assessment: report.assessment, signoffs: signoffViews(report), signoffStatus: report.signoff.status, draft: input.draft, date });
  const xml = buildFeed({ cat, portfolio, assessment: report.assessment, date, pdfLength: pdf.pdf.length, draft: input.draft });
  const zip = deterministicZip(
    [
      { path: LEAP_FILE, data: new TextEncoder().encode(xml) },
      { path: PDF_PATH, data: pdf.pdf },
    ],
    date,
  );
  return { zip, xml, entries: (xml.match(/<entry>/g) ?? []).length, pages: pdf.pages, date, missingGlyphs: pdf.missingGlyphs };
}
