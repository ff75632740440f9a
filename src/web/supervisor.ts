// The supervisor's tab: verify's report, what changed since the last
// sign-off (a redline, answer by answer), and the sign-off form, which runs
// the same code as permanence signoff.
import { changesSince, ChangesError } from '../changes/changes.js';
import { answerLine, redlineHtml, sinceText } from '../report/changes.js';
import { portfolioText } from '../report/verify-text.js';
import { plainStyle } from '../ui/io.js';
import { verifyPortfolio } from '../verify/verify.js';
import { esc, form, linkTo, page } from './html.js';
import { runCommand, ranBlock, type Ran } from './command.js';
import { withWriteLock } from './lock.js';
import type { Reply, Site } from './site.js';

function changesBlock(site: Site): string {
  let r;
  try {
    r = changesSince(site.root, site.cat);
  } catch (err) {
    if (err instanceof ChangesError) return `<p>${esc(err.message)}</p>`;
    throw err;
  }
  const out = [`<p>Since ${esc(sinceText(r))}: ${r.answers.length === 0 ? 'no answer changed' : `${r.answers.length} ${r.answers.length === 1 ? 'answer' : 'answers'} changed. Struck-through words were removed; underlined words were added`}.</p>`];
  for (const a of r.answers) {
    const runs = redlineHtml(a);
    const href = linkTo(site.cat, a.file, a.line ?? 0);
    out.push(`<article class="change"><h3>${href ? `<a href="${esc(href)}">${esc(a.name)}</a>` : esc(a.name)}</h3><p class="small">${esc(answerLine(a).slice(a.name.length + 2))}</p><div class="redline">${runs}</div></article>`);
  }
  if (r.unknown.length) out.push(`<p>Changed, but what changed cannot be shown (${esc(r.limits ?? '')}): ${r.unknown.map((f) => `<code>${esc(f)}</code>`).join(', ')}</p>`);
  const other = [...r.files.changed, ...r.files.added, ...r.files.removed];
  if (other.length) out.push(`<p>Other files changed, added or removed: ${other.map((f) => `<code>${esc(f)}</code>`).join(', ')}</p>`);
  return out.join('\n');
}

export function supervisorPage(site: Site, _url: URL, ran?: Ran, values: Record<string, string> = {}): Reply {
  const report = verifyPortfolio(site.root, site.cat, { today: site.today() });
  const v = (k: string) => esc(values[k] ?? '');
  const modules = site.cat.programme.modules.map((m) => `<option value="${m.number}"${values.module === String(m.number) ? ' selected' : ''}>Module ${m.number} only (interim)</option>`).join('');
  const fields = `
<p><label for="so-name">Your name</label><input id="so-name" name="name" required autocomplete="name" value="${v('name')}"></p>
<p><label for="so-role">Your role</label><input id="so-role" name="role" required value="${v('role')}" aria-describedby="so-role-hint"><span class="hint" id="so-role-hint">For example: practice supervisor, team manager.</span></p>
<p><label for="so-date">Date</label><input id="so-date" name="date" type="date" required value="${esc(values.date ?? site.today())}"></p>
<p><label for="so-module">What you sign off</label><select id="so-module" name="module"><option value="">The whole portfolio (final)</option>${modules}</select></p>
<p><label for="so-note">Note (optional)</label><textarea id="so-note" name="note" rows="3">${v('note')}</textarea></p>
<p class="check"><input type="checkbox" id="so-attend" name="attendance" value="yes" required${values.attendance ? ' checked' : ''}> <label for="so-attend">I confirm the participant's attendance at the workshops</label></p>
<p><label for="so-key">SSH private key to sign with (optional)</label><input id="so-key" name="key" value="${v('key')}" aria-describedby="so-key-hint"><span class="hint" id="so-key-hint">A path on this computer, such as ~/.ssh/id_ed25519. Without one, the record is a claim anyone with the files could have written.</span></p>
<p><button type="submit">Sign off</button></p>`;
  const out = [
    '<h1>Supervisor</h1>',
    `<p class="lead">The portfolio is <strong>${report.complete ? 'complete' : 'not complete'}</strong>, by <code>permanence verify</code>.</p>`,
    ran ? ranBlock(ran, 'Signed off.', 'Not signed off.', esc) : '',
    '<section aria-labelledby="verify-h"><h2 id="verify-h">Verify</h2><pre class="report">' + esc(portfolioText(report, plainStyle)) + '</pre></section>',
    `<section aria-labelledby="changes-h"><h2 id="changes-h">Changes since the last sign-off</h2>${changesBlock(site)}</section>`,
    `<section aria-labelledby="signoff-h"><h2 id="signoff-h">Sign off</h2><p>This records who you are, your role, the date, and a digest of every file of the portfolio, as <code>permanence signoff</code> does; a final sign-off is refused while the portfolio is not complete.</p>${form('/supervisor/signoff', site.csrf, fields, 'signoff')}</section>`,
  ];
  return { html: page({ title: 'Supervisor', path: '/supervisor', csrf: site.csrf, supervisor: site.supervisor, body: out.join('\n') }) };
}

export async function signoffRequest(site: Site, body: Buffer): Promise<Reply> {
  const q = new URLSearchParams(body.toString('utf8'));
  const values: Record<string, string> = {};
  for (const k of ['name', 'role', 'date', 'note', 'module', 'key', 'attendance']) values[k] = (q.get(k) ?? '').trim();
  if (values.attendance !== 'yes' || !values.name || !values.role) {
    const ran = { code: 2, out: 'Give your name and your role, and confirm the attendance, to sign off. Nothing was recorded.' };
    return { ...supervisorPage(site, new URL('http://x/supervisor'), ran, values), status: 422 };
  }
  const key = values.key ? values.key.replace(/^~(?=[\\/])/, site.env.HOME ?? site.env.USERPROFILE ?? '~') : undefined;
  const ran = await withWriteLock(site.root, async () => {
    const { signoff } = await import('../commands/signoff.js');
    return runCommand(site, (io) =>
      signoff(io, { dir: site.root, name: values.name, role: values.role, attendanceConfirmed: true, ...(values.date ? { date: values.date } : {}), ...(values.note ? { note: values.note } : {}), ...(values.module ? { module: values.module } : {}), ...(key ? { key } : {}) }),
    );
  });
  const reply = supervisorPage(site, new URL('http://x/supervisor'), ran, ran.code === 0 ? {} : values);
  return ran.code === 0 ? reply : { ...reply, status: 422 };
}
