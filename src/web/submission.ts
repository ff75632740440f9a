// Submission: render's own code makes the bundle (or says why it refuses),
// and the PDF it wrote can be viewed and downloaded. The PDF is read from the
// one place render writes it, never from a path a request names.
import { lstatSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { PDF_FILE } from '../verify/bundle.js';
import { isInside } from '../portfolio/read.js';
import { esc, form, page } from './html.js';
import { runCommand, ranBlock, type Ran } from './command.js';
import { withWriteLock } from './lock.js';
import { notFound, type Reply, type Site } from './site.js';

const MAX_PDF = 256 * 1024 * 1024;

/** The PDF render wrote, if it is there: a regular file, in a submission/ folder that is not a link out of the portfolio. */
function pdfStat(site: Site) {
  try {
    if (!isInside(realpathSync(site.root), realpathSync(join(site.root, 'submission')))) return undefined;
    const st = lstatSync(join(site.root, 'submission', PDF_FILE));
    return st.isFile() && st.size <= MAX_PDF ? st : undefined;
  } catch {
    return undefined;
  }
}

export function submissionPage(site: Site, _url: URL, ran?: Ran): Reply {
  const st = pdfStat(site);
  const out = [
    '<h1>Submission</h1>',
    '<p class="lead">The PDF to hand in, and its manifest of checksums, go in <code>submission/</code> in your portfolio. It is made only from a complete portfolio with no identifying detail left unreviewed; a draft can be made at any time, every page marked as a draft.</p>',
  ];
  if (ran) out.push(ranBlock(ran, 'Rendered.', 'Not rendered.', esc));
  out.push(
    form(
      '/submission/render',
      site.csrf,
      '<button type="submit" name="draft" value="0">Render the submission</button> <button type="submit" name="draft" value="1" class="secondary">Render a draft</button>',
      'actions',
    ),
  );
  out.push('<h2>The PDF</h2>');
  if (st) {
    out.push(
      `<p>Last rendered ${esc(st.mtime.toISOString().slice(0, 16).replace('T', ' '))} UTC (${Math.ceil(st.size / 1024)} KB).</p><p><a class="button" href="/submission/portfolio.pdf" target="_blank" rel="noopener">View the PDF</a> <a class="button secondary" href="/submission/portfolio.pdf?download" download="portfolio.pdf">Download the PDF</a></p>`,
    );
  } else out.push('<p>Not rendered yet.</p>');
  return { html: page({ title: 'Submission', path: '/submission', csrf: site.csrf, supervisor: site.supervisor, body: out.join('\n') }) };
}

export async function renderRequest(site: Site, body: Buffer): Promise<Reply> {
  const draft = new URLSearchParams(body.toString('utf8')).get('draft') === '1';
  const ran = await withWriteLock(site.root, async () => {
    const { render } = await import('../render/submission.js');
    return runCommand(site, (io) => render(io, { dir: site.root, draft }));
  });
  const reply = submissionPage(site, new URL('http://x/submission'), ran);
  return ran.code === 0 ? reply : { ...reply, status: 422 };
}

export function pdfFile(site: Site, download: boolean): Reply {
  if (!pdfStat(site)) return notFound();
  const bytes = readFileSync(join(site.root, 'submission', PDF_FILE));
  return {
    bytes,
    type: 'application/pdf',
    headers: {
      'Content-Disposition': `${download ? 'attachment' : 'inline'}; filename="portfolio.pdf"`,
      // The browser's own PDF viewer shows it; nothing of the page's runs in it.
      'Content-Security-Policy': "frame-ancestors 'none'",
    },
  };
}
