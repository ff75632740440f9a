// permanence render: the submission bundle (portfolio.pdf and manifest.json) made
// from a verified portfolio, written so that a kill, a full disk or a PDF viewer
// holding the old file never leaves half of one; the command, the demo and the
// workspace all make it here.
import { lstatSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { EXIT, ExitError, usageError } from '../errors.js';
import { loadProgramme } from '../programme/load.js';
import { findPortfolio } from '../portfolio/portfolio.js';
import { isInside } from '../portfolio/read.js';
import type { Portfolio } from '../portfolio/portfolio.js';
import { SaveRefused, writeFileAtomic } from '../util/atomic.js';
import { gitAvailable, headCommit, isRepo } from '../util/git.js';
import { lockPortfolio } from '../util/lock.js';
import { shownPath, styleFor, type IO } from '../ui/io.js';
import { verifyPortfolio } from '../verify/verify.js';
import { shareRefusal } from '../report/refusal.js';
import { compareFiles, coveredFiles, sha256, type FileDigest } from '../verify/digest.js';
import { buildManifest, MANIFEST_FILE, PDF_FILE, renderBundle } from '../verify/bundle.js';
import { readRegular } from '../verify/bundle-proof.js';

export interface RenderOptions {
  dir?: string;
  out?: string;
  draft?: boolean;
}

/**
 * The document date: SOURCE_DATE_EPOCH, else the last commit's date, else the
 * newest covered file's time. Never the clock, so a render can be repeated.
 */
function documentDate(root: string, env: NodeJS.ProcessEnv, files: FileDigest[]): { date: Date; commit: string | null } {
  const commit = gitAvailable() && isRepo(root) ? headCommit(root) : undefined;
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch)) return { date: new Date(Number(epoch) * 1000), commit: commit?.sha ?? null };
  if (commit) return { date: new Date(commit.date), commit: commit.sha };
  let newest = 0;
  for (const f of files) {
    try {
      newest = Math.max(newest, Math.floor(statSync(join(root, f.path)).mtimeMs / 1000) * 1000);
    } catch {
      // gone since it was listed
    }
  }
  return { date: new Date(newest), commit: null };
}

/**
 * Checks, before anything is made, that the bundle can go in `out`: a folder
 * (or one to make under a folder) with regular files, or none, where the PDF and
 * the manifest go. A device, a pipe or /proc in their place would hang the write
 * (Node's own mkdir -p never returns on /proc) or send the PDF somewhere else.
 * Returns the folders to make, outermost first.
 */
function checkOut(out: string, shown: string): string[] {
  if (/^\/(?:proc|sys|dev)(?:\/|$)/.test(out)) throw usageError(`--out ${shown}: is a system folder, not one for files. Name a folder you may write to, e.g. --out ~/Desktop/bundle`);
  const missing: string[] = [];
  let at = out;
  for (;;) {
    let st;
    try {
      st = statSync(at);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw usageError(`--out ${shown}: cannot be used (${code}). Name a folder you may write to.`);
      missing.unshift(at);
      const up = dirname(at);
      if (up === at) throw usageError(`--out ${shown}: cannot be made. Name a folder you may write to.`);
      at = up;
      continue;
    }
    if (!st.isDirectory()) throw usageError(`--out ${shown}: ${at === out ? 'is not a folder' : `${at} is not a folder`}. Name a folder (new or existing) for portfolio.pdf and manifest.json.`);
    break;
  }
  if (missing.length > 0) return missing;
  for (const name of [PDF_FILE, MANIFEST_FILE]) {
    let there;
    try {
      there = lstatSync(join(out, name));
    } catch {
      continue; // a new file
    }
    if (!there.isFile()) throw usageError(`--out ${shown}: its ${name} is not a regular file (a link, a folder, a device or a pipe). Remove it, or name another folder. Nothing was written.`);
  }
  return [];
}

function makeOut(folders: string[], shown: string): void {
  for (const f of folders) {
    try {
      mkdirSync(f);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw usageError(`--out ${shown}: cannot make ${f} (${code}). Name a folder you may write to. Nothing was written.`);
    }
  }
}

/**
 * Files the PDF was not made from as the manifest would list them: changed
 * while it was being made (between the listing and the read, or after the read).
 */
function changedDuringRender(before: FileDigest[], after: FileDigest[], portfolio: Portfolio): string[] {
  const c = compareFiles(before, after);
  const moved = new Set([...c.changed, ...c.added, ...c.removed]);
  const listed = new Map(before.map((f) => [f.path, f.sha256]));
  const bom = Buffer.from([0xef, 0xbb, 0xbf]);
  for (const [file, entry] of portfolio.entries) {
    const text = Buffer.from(entry.text, 'utf8');
    // The bytes as read: readInside drops one byte-order mark, parseEntry another.
    const asRead = [text, Buffer.concat([bom, text]), Buffer.concat([bom, bom, text])].map((b) => sha256(b));
    if (!asRead.includes(listed.get(file) ?? '')) moved.add(file);
  }
  return [...moved].sort();
}

export async function render(io: IO, opts: RenderOptions): Promise<number> {
  const style = styleFor(io.stdout, io.env);
  const cat = loadProgramme();
  const root = findPortfolio(io.cwd, opts.dir);
  const out = resolve(opts.out ? resolve(io.cwd, opts.out) : join(root, 'submission'));
  if (isInside(root, out) && relative(root, out).split(/[\\/]/)[0] !== 'submission') {
    throw usageError(`--out ${opts.out}: inside the portfolio, the bundle goes in submission/ (kept out of git and out of the sign-off's digest); or name a folder outside the portfolio`);
  }
  const shownOut = shownPath(io.cwd, out);
  const toMake = checkOut(out, shownOut);
  // Read-only portfolios render too when the bundle goes elsewhere; a change meanwhile is caught all the same (changedDuringRender).
  const lock = lockPortfolio(root, 'render', EXIT.incomplete, undefined, { readOnlyOk: !isInside(root, out) });
  try {
    // Listed before anything is read, and again after the PDF is made: the manifest
    // names exactly the bytes the PDF was made from, or nothing is written.
    const before = coveredFiles(root);
    const report = verifyPortfolio(root, cat, { today: io.today() }, shownPath(io.cwd, root));

    const refused = shareRefusal(report, 'render', Boolean(opts.draft), 'To see it as it stands, run: permanence render --draft', styleFor(io.stderr, io.env));
    if (refused) {
      if (refused.before) io.stderr.write(refused.before);
      throw refused.error;
    }

    const { date, commit } = documentDate(root, io.env, before);
    const draft = Boolean(opts.draft) || !report.complete;
    const result = await renderBundle(cat, report, date, draft);
    const moved = changedDuringRender(before, coveredFiles(root), report.portfolio!);
    if (moved.length > 0) {
      throw new ExitError(
        EXIT.incomplete,
        `render refused: ${moved.join(', ')} changed while the PDF was being made, so the bundle could not prove what the PDF shows. Nothing was written.\n` +
          'Close any editor saving into the portfolio, then run permanence render again.',
      );
    }
    const recordHashes = new Map<string, string>();
    for (const r of report.signoff.records) {
      const bytes = readRegular(join(root, r.file), 4 * 1024 * 1024);
      if (Buffer.isBuffer(bytes)) recordHashes.set(r.file, sha256(bytes));
    }

    makeOut(toMake, shownOut);
    checkOut(out, shownOut);
    const manifest = buildManifest({ cat, report, files: before, pdfSha256: sha256(result.pdf), date, commit, draft, recordHashes });
    try {
      writeFileAtomic(join(out, PDF_FILE), result.pdf);
      writeFileAtomic(join(out, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    } catch (err) {
      // A file another program holds (Acrobat has the PDF open): its own message says to close it, and where the new one is kept.
      if (err instanceof SaveRefused && err.reason !== 'ENOSPC') throw err;
      const code = err instanceof SaveRefused ? err.reason : (err as NodeJS.ErrnoException).code;
      throw new ExitError(
        EXIT.usage,
        `Could not write the bundle in ${shownOut} (${code === 'ENOSPC' ? 'ENOSPC: the disk is full' : (code ?? (err as Error).message)}). The portfolio is unchanged; free some space or name another folder with --out, then run permanence render again.`,
      );
    }

    for (const m of result.missingGlyphs) {
      io.stderr.write(`${style.yellow('warning:')} ${m.file}: the PDF font has no ${m.codePoint} ("${m.char}"); it is shown as a marker in the PDF\n`);
    }
    io.stdout.write(
      `${style.green('✓')} ${draft ? 'Draft rendered' : 'Rendered'}: ${join(shownOut, PDF_FILE)} (${result.pages} pages) and ${join(shownOut, MANIFEST_FILE)}\n` +
        `  Dated ${date.toISOString().slice(0, 10)}${commit ? ` (commit ${commit.slice(0, 10)})` : ''}; the same portfolio always gives the same bytes.\n`,
    );
    return EXIT.ok;
  } finally {
    lock.release();
  }
}
