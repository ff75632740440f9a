// Which request reaches which page. Only these addresses exist: an entry is
// named by its programme identity (week "1.2", item "learning-goals"), and no
// part of a request's path is ever joined to a file-system path.
import { notFound, type Reply, type Site } from './site.js';
import { APP_CSS, APP_JS } from './assets.js';

type Handler = (site: Site, m: RegExpExecArray, url: URL, body?: Buffer) => Reply | Promise<Reply>;

const GET: [RegExp, Handler][] = [
  [/^\/$/, async (s) => (await import('./home.js')).homePage(s)],
  [/^\/week\/(\d{1,2}\.\d{1,2})$/, async (s, m) => (await import('./entry-page.js')).entryPage(s, 'week', m[1]!)],
  [/^\/item\/([a-z0-9][a-z0-9-]{0,63})$/, async (s, m) => (await import('./entry-page.js')).entryPage(s, 'item', m[1]!)],
  [/^\/selfassessment$/, async (s) => (await import('./selfassess.js')).selfAssessmentPage(s)],
  [/^\/coverage$/, async (s) => (await import('./reports.js')).coveragePage(s)],
  [/^\/problems$/, async (s) => (await import('./reports.js')).problemsPage(s)],
  [/^\/submission$/, async (s, _m, url) => (await import('./submission.js')).submissionPage(s, url)],
  [/^\/submission\/portfolio\.pdf$/, async (s, _m, url) => (await import('./submission.js')).pdfFile(s, url.searchParams.has('download'))],
  [/^\/supervisor$/, async (s, _m, url) => (await import('./supervisor.js')).supervisorPage(s, url)],
  [/^\/api\/entry$/, async (s, _m, url) => (await import('./save.js')).entryState(s, url.searchParams.get('id') ?? '')],
  [/^\/favicon\.ico$/, () => ({ status: 204 })],
  [/^\/assets\/app\.css$/, () => ({ text: APP_CSS, type: 'text/css; charset=utf-8' })],
  [/^\/assets\/app\.js$/, () => ({ text: APP_JS, type: 'text/javascript; charset=utf-8' })],
];

const POST: [RegExp, Handler][] = [
  [/^\/api\/save$/, async (s, _m, _u, b) => (await import('./save.js')).saveRequest(s, b!)],
  [/^\/api\/scan$/, async (s, _m, _u, b) => (await import('./save.js')).scanRequest(s, b!)],
  [/^\/history$/, async (s) => (await import('./home.js')).saveToHistory(s)],
  [/^\/submission\/render$/, async (s, _m, _u, b) => (await import('./submission.js')).renderRequest(s, b!)],
  [/^\/supervisor\/signoff$/, async (s, _m, _u, b) => (await import('./supervisor.js')).signoffRequest(s, b!)],
];

export async function route(site: Site, method: string, url: URL, body?: Buffer): Promise<Reply> {
  const table = method === 'POST' ? POST : method === 'GET' ? GET : [];
  for (const [re, handler] of table) {
    const m = re.exec(url.pathname);
    if (m) return handler(site, m, url, body);
  }
  return notFound();
}
