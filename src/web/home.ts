// Home: who, the calendar week, the next step, progress by module and week,
// what is not yet in the history, and identifying details still to review.
import { nextStepText } from '../report/words.js';
import { commitAll } from '../util/git.js';
import { scanIdentifying } from '../verify/identifying.js';
import { entrySpecs } from '../portfolio/layout.js';
import { entryUrl, esc, form, page, stateBadge } from './html.js';
import { withWriteLock } from './lock.js';
import { redirect, type Reply, type Site } from './site.js';
import { nextHref, snapshot, uncommitted } from './snapshot.js';

export function homePage(site: Site, notice = ''): Reply {
  const { portfolio, a } = snapshot(site);
  const p = a.portfolio;
  const c = a.calendar;
  const when =
    c.state === 'during'
      ? `Programme week ${c.programme_week} of 28: module ${c.module}, week ${c.week}, by the calendar.`
      : c.state === 'before'
        ? `The programme starts on ${p.start_date}.`
        : c.state === 'after'
          ? `The 28 weeks ended (the programme started on ${p.start_date}).`
          : 'portfolio.yaml has no valid start date.';
  const unreviewed = scanIdentifying(site.root, portfolio, site.cat).unreviewed.length;
  const out = [
    `<h1>${esc(p.participant ?? 'Your portfolio')}</h1>`,
    notice,
    `<p class="lead">${esc([p.cohort, p.supervisor ? `supervisor ${p.supervisor}` : null].filter(Boolean).join(' · '))}</p>`,
    `<p>${esc(when)}</p>`,
    `<section class="next" aria-labelledby="next-h"><h2 id="next-h">Next</h2><p>${esc(nextStepText(a.next))}</p><p><a class="button" href="${esc(nextHref(a.next, site.cat))}">Go to the next step</a></p></section>`,
  ];
  if (unreviewed > 0) {
    out.push(`<p class="notice warn" role="note"><span aria-hidden="true">⚠</span> ${unreviewed} identifying ${unreviewed === 1 ? 'detail' : 'details'} not yet reviewed. <a href="/problems#identifying">See ${unreviewed === 1 ? 'it' : 'them'}</a>.</p>`);
  }
  out.push('<section aria-labelledby="progress-h"><h2 id="progress-h">Progress</h2>');
  for (const m of a.modules) {
    out.push(`<h3>Module ${m.number}: ${esc(m.title)} <span class="small">${m.answered} of ${m.total} tasks</span></h3><ul class="weeks">`);
    for (const w of m.weeks) out.push(`<li><a href="/week/${esc(w.ref)}">Week ${w.week}: ${esc(w.title)}</a> ${stateBadge(w.state)} <span class="small">${w.answered}/${w.total}</span></li>`);
    out.push('</ul>');
  }
  out.push('<h3>Other parts of the portfolio</h3><ul class="weeks">');
  for (const item of a.items) {
    const spec = entrySpecs(site.cat).find((s) => s.kind !== 'week' && s.item.id === item.id)!;
    out.push(`<li><a href="${entryUrl(spec)}">${esc(item.title)}</a> ${stateBadge(item.state)} <span class="small">${item.answered}/${item.total}</span></li>`);
  }
  out.push('</ul></section>');
  const changes = uncommitted(site.root);
  out.push('<section aria-labelledby="history-h"><h2 id="history-h">History</h2>');
  if ('why' in changes) out.push(`<p>Not saved to a history: ${esc(changes.why)}. Your answers are kept in the files.</p>`);
  else if (changes.files.length === 0) out.push('<p>Everything is saved to the portfolio\'s history.</p>');
  else {
    out.push(`<p>${changes.files.length} ${changes.files.length === 1 ? 'file has' : 'files have'} changes not yet saved to the portfolio's history:</p><ul>${changes.files.map((f) => `<li><code>${esc(f)}</code></li>`).join('')}</ul>`);
    out.push(form('/history', site.csrf, '<button type="submit">Save to history</button>'));
  }
  out.push('</section>');
  return { html: page({ title: 'Home', path: '/', csrf: site.csrf, supervisor: site.supervisor, body: out.join('\n') }) };
}

/** Commits every change to the portfolio's history (what the command line's save does). */
export async function saveToHistory(site: Site): Promise<Reply> {
  return withWriteLock(site.root, () => {
    const changes = uncommitted(site.root);
    if ('why' in changes || changes.files.length === 0) return redirect('/');
    const { portfolio } = snapshot(site);
    const titles = entrySpecs(site.cat).filter((s) => changes.files.includes(s.file)).map((s) => s.title);
    const message = titles.length === 1 ? `Portfolio: ${titles[0]}` : `Portfolio: ${changes.files.length} files updated`;
    const r = commitAll(site.root, message, portfolio.config?.participant ?? 'Participant');
    if (!r.ok) return homePage(site, `<div class="notice error" role="alert"><p>git could not save to the history: ${esc(r.stderr.trim().split('\n')[0])}. Your answers are still in the files.</p></div>`);
    return redirect('/?saved=history');
  });
}
