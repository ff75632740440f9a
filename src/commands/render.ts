import { mkdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { EXIT, ExitError, usageError } from '../errors.js';
import { loadProgramme } from '../programme/load.js';
import { findPortfolio } from '../portfolio/portfolio.js';
import { isInside } from '../portfolio/read.js';
import { writeFileAtomic } from '../util/atomic.js';
import { gitAvailable, headCommit, isRepo } from '../util/git.js';
import { shownPath, styleFor, type IO } from '../ui/io.js';
import { verifyPortfolio } from '../verify/verify.js';
import { toText } from '../report/verify-text.js';
import { coveredFiles, sha256 } from '../verify/digest.js';
import { buildManifest, MANIFEST_FILE, PDF_FILE } from '../verify/bundle.js';

export interface RenderOptions {
  dir?: string;
  out?: string;
  draft?: boolean;
}

/**
 * The document date: SOURCE_DATE_EPOCH, else the last commit's date, else the
 * newest covered file's time. Never the clock, so a render can be repeated.
 */
function documentDate(root: string, env: NodeJS.ProcessEnv): { date: Date; commit: string | null } {
  const commit = gitAvailable() && isRepo(root) ? headCommit(root) : undefined;
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch)) return { date: new Date(Number(epoch) * 1000), commit: commit?.sha ?? null };
  if (commit) return { date: new Date(commit.date), commit: commit.sha };
  let newest = 0;
  for (const f of coveredFiles(root)) {
    try {
      newest = Math.max(newest, Math.floor(statSync(join(root, f.path)).mtimeMs / 1000) * 1000);
    } catch {
      // gone since it was listed
    }
  }
  return { date: new Date(newest), commit: null };
}

export async function render(io: IO, opts: RenderOptions): Promise<number> {
  const style = styleFor(io.stdout, io.env);
  const cat = loadProgramme();
  const root = findPortfolio(io.cwd, opts.dir);
  const out = resolve(opts.out ? resolve(io.cwd, opts.out) : join(root, 'submission'));
  if (isInside(root, out) && relative(root, out).split(/[\\/]/)[0] !== 'submission') {
    throw usageError(`--out ${opts.out}: inside the portfolio, the bundle goes in submission/ (kept out of git and out of the sign-off's digest); or name a folder outside the portfolio`);
  }
  const report = verifyPortfolio(root, cat, { today: io.today() }, shownPath(io.cwd, root));

  // Never bypassed, not even for a draft: a PDF leaves the participant's hands.
  if (report.identifying.unreviewed.length > 0) {
    const list = report.identifying.unreviewed.map((f) => `  ${f.file}:${f.line}:${f.column}: ${f.message}`).join('\n');
    throw new ExitError(
      EXIT.incomplete,
      `render refused: ${report.identifying.unreviewed.length} possible identifying detail(s) not yet reviewed.\n${list}\n` +
        'Remove each one or replace it with a pseudonym; if a line does not identify anyone, add <!-- reviewed --> to it. Nothing was written.',
    );
  }
  if (!report.complete && !opts.draft) {
    io.stderr.write(toText([report], styleFor(io.stderr, io.env)));
    throw new ExitError(
      EXIT.incomplete,
      'render refused: verify says this portfolio is not complete (the reasons are above). To see it as it stands, run: permanence render --draft',
    );
  }

  const { date, commit } = documentDate(root, io.env);
  const portfolio = report.portfolio!;
  const { renderPdf } = await import('../render/pdf.js');
  const signoffStatus = report.signoff.status;
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
  const result = await renderPdf({ cat, portfolio, assessment: report.assessment, signoffs, signoffStatus, draft: Boolean(opts.draft) || !report.complete, date });

  mkdirSync(out, { recursive: true });
  const pdfPath = join(out, PDF_FILE);
  writeFileAtomic(pdfPath, result.pdf);
  const manifest = buildManifest({
    cat,
    report,
    files: coveredFiles(root),
    pdfSha256: sha256(result.pdf),
    date,
    commit,
    draft: Boolean(opts.draft) || !report.complete,
  });
  writeFileAtomic(join(out, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);

  for (const m of result.missingGlyphs) {
    io.stderr.write(`${style.yellow('warning:')} ${m.file}: the PDF font has no ${m.codePoint} ("${m.char}"); it is shown as a marker in the PDF\n`);
  }
  const shownOut = shownPath(io.cwd, out);
  io.stdout.write(
    `${style.green('✓')} ${opts.draft || !report.complete ? 'Draft rendered' : 'Rendered'}: ${join(shownOut, PDF_FILE)} (${result.pages} pages) and ${join(shownOut, MANIFEST_FILE)}\n` +
      `  Dated ${date.toISOString().slice(0, 10)}${commit ? ` (commit ${commit.slice(0, 10)})` : ''}; the same portfolio always gives the same bytes.\n`,
  );
  return EXIT.ok;
}
