// Problems (verify's findings, each linking to its field) and Coverage (the
// requirements and the KSS-AP matrix, each cell linking to its evidence).
import type { Reason } from '../assess/assess.js';
import { reasonText } from '../report/words.js';
import { verifyPortfolio } from '../verify/verify.js';
import type { Problem } from '../portfolio/problems.js';
import { esc, linkTo, page, stateBadge } from './html.js';
import type { Reply, Site } from './site.js';
import { snapshot } from './snapshot.js';

function where(site: Site, p: Pick<Problem, 'file' | 'line'>, entries: Map<string, import('../portfolio/entry.js').ParsedEntry> | undefined): string {
  const at = `${p.file}${p.line > 0 ? `:${p.line}` : ''}`;
  const href = linkTo(site.cat, p.file, p.line, entries?.get(p.file));
  return href ? `<a href="${esc(href)}"><code>${esc(at)}</code></a>` : `<code>${esc(at)}</code>`;
}

export function problemsPage(site: Site): Reply {
  const report = verifyPortfolio(site.root, site.cat, { today: site.today() });
  const entries = report.portfolio?.entries;
  const list = (ps: Problem[]) =>
    `<ul class="problems">${ps.map((p) => `<li>${where(site, p, entries)}: ${esc(p.message)}${p.fix ? `<br><span class="fix">Fix: ${esc(p.fix)}</span>` : ''}</li>`).join('')}</ul>`;
  const errors = report.problems.filter((p) => p.severity === 'error');
  const warnings = report.problems.filter((p) => p.severity === 'warning' && p.code !== 'identifying-detail');
  const details = report.identifying.unreviewed;
  const out = [
    '<h1>Problems</h1>',
    `<p class="lead">What <code>permanence verify</code> finds: ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}, ${warnings.length} ${warnings.length === 1 ? 'warning' : 'warnings'}, ${details.length} identifying ${details.length === 1 ? 'detail' : 'details'} to review. The portfolio is ${report.complete ? '<strong>complete</strong>' : '<strong>not complete</strong>'}.</p>`,
    `<h2>Errors</h2>${errors.length ? list(errors) : '<p>None.</p>'}`,
    `<h2 id="identifying">Identifying details not yet reviewed</h2>`,
    details.length
      ? `<p>Replace each with a pseudonym, an initial or an age; or, if it identifies nobody, open the answer and choose "Reviewed".</p><ul class="problems">${details.map((d) => `<li>${where(site, d, entries)}, column ${d.column}: ${esc(d.message)}</li>`).join('')}</ul>`
      : `<p>None to review${report.identifying.reviewed ? `; ${report.identifying.reviewed} marked reviewed` : ''}.</p>`,
    `<h2>Warnings</h2>${warnings.length ? list(warnings) : '<p>None.</p>'}`,
  ];
  return { html: page({ title: 'Problems', path: '/problems', csrf: site.csrf, supervisor: site.supervisor, body: out.join('\n') }) };
}

/** A reason's page: a task's place in its week, or an item. */
function reasonHref(r: Reason): string {
  if (r.ref.startsWith('item:')) return `/item/${encodeURIComponent(r.ref.slice(5))}`;
  const [m, w, t] = r.ref.split('.');
  return `/week/${m}.${w}${t ? `#task-${t}` : ''}`;
}

export function coveragePage(site: Site): Reply {
  const { a } = snapshot(site);
  const out = ['<h1>Coverage</h1>', `<p class="lead">${a.totals.requirements.met} of ${a.totals.requirements.total} requirements met; ${a.totals.statements.covered} of ${a.totals.statements.total} KSS-AP statements have evidence.</p>`];
  out.push('<h2>Requirements</h2><ul class="reqs">');
  for (const r of a.requirements) {
    const reasons = r.reasons.map((x) => `<li><a href="${esc(reasonHref(x))}">${esc(reasonText(x))}</a></li>`).join('');
    out.push(`<li>${stateBadge(r.met)} ${esc(r.title)}${reasons ? `<ul>${reasons}</ul>` : ''}</li>`);
  }
  out.push('</ul>');
  const weeks = a.modules.flatMap((m) => m.weeks);
  const stateOf = new Map(weeks.map((w) => [w.ref, w.state]));
  out.push('<h2>The KSS-AP matrix</h2><p>Each statement, and the weeks that give evidence for it: a week counts once all its tasks are answered.</p>');
  for (const section of site.cat.programme.framework.sections) {
    const rows = a.statements.filter((s) => s.section === section.number);
    out.push(`<h3>Section ${section.number}: ${esc(section.title)}</h3><div class="table-wrap"><table><caption class="visually-hidden">KSS-AP section ${section.number}</caption><thead><tr><th scope="col">Statement</th><th scope="col">Evidence</th><th scope="col">Weeks linked</th></tr></thead><tbody>`);
    for (const st of rows) {
      const cells = st.weeks
        .map((w) => `<a href="/week/${esc(w)}">${esc(w)} ${stateBadge(st.evidence.includes(w) ? 'answered' : stateOf.get(w) === 'partial' ? 'partial' : 'empty')}</a>`)
        .join(' ');
      out.push(`<tr><th scope="row">${esc(st.id)} ${esc(st.heading)}</th><td>${stateBadge(st.covered)}</td><td>${cells}</td></tr>`);
    }
    out.push('</tbody></table></div>');
  }
  return { html: page({ title: 'Coverage', path: '/coverage', csrf: site.csrf, supervisor: site.supervisor, body: out.join('\n') }) };
}
