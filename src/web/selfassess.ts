// The self-assessment: every statement with its wording, the baseline and the
// follow-up rating side by side as bars (with the number written, never the
// bar alone), and the comments, each linking to where it is changed.
import { assessItem } from '../assess/assess.js';
import { entrySpecs } from '../portfolio/layout.js';
import { readPortfolio } from '../portfolio/portfolio.js';
import { esc, fieldAnchor, page, paragraphs, stateBadge } from './html.js';
import type { Reply, Site } from './site.js';

export function selfAssessmentPage(site: Site): Reply {
  const portfolio = readPortfolio(site.root, site.cat);
  const fw = site.cat.programme.framework;
  const stages = site.cat.programme.items
    .filter((i) => i.kind === 'selfassessment')
    .map((item) => {
      const spec = entrySpecs(site.cat).find((s) => s.file === item.file)!;
      const result = assessItem(site.cat, item, portfolio.entries.get(spec.file), false);
      return { item, result, ratings: new Map((result.ratings ?? []).map((r) => [r.id, r.value])) };
    });
  const out = ['<h1>Self-assessment</h1>', `<p class="lead">Your confidence against each statement of the ${esc(fw.title)}, from 1 to 5.</p>`];
  out.push(`<ul class="stages">${stages.map((s) => `<li><a class="button" href="/item/${esc(s.item.id)}">${esc(s.item.title)}</a> ${stateBadge(s.result.state)} ${s.result.answered} of ${s.result.total} rated</li>`).join('')}</ul>`);
  out.push(`<details><summary>The scale</summary><ul>${fw.scale.points.map((p) => `<li><strong>${p.value}: ${esc(p.label)}</strong>. ${esc(p.description)}</li>`).join('')}</ul></details>`);
  for (const section of fw.sections) {
    out.push(`<section aria-labelledby="sa-${section.number}"><h2 id="sa-${section.number}">Section ${section.number}: ${esc(section.title)}</h2>`);
    for (const st of section.statements) {
      const bars = stages
        .map((s) => {
          const v = s.ratings.get(st.id) ?? null;
          const label = (s.item.stage ?? s.item.id).replace('followup', 'follow-up');
          return `<div class="bar-row"><a class="bar-label" href="/item/${esc(s.item.id)}#${fieldAnchor(st.id)}">${esc(label)}</a><span class="bar v${v ?? 0}" aria-hidden="true"></span><span class="bar-value">${v === null ? 'not rated' : `${v} of 5`}</span></div>`;
        })
        .join('');
      out.push(`<article class="statement"><h3>${esc(st.id)} ${esc(st.heading)}</h3><details><summary>The statement in full</summary>${paragraphs(st.text)}</details>${bars}</article>`);
    }
    for (const s of stages) {
      const comment = s.result.comments?.find((c) => c.section === section.number);
      if (comment) out.push(`<div class="comment"><h3>Comment on section ${section.number} (${esc(s.item.stage ?? '')})</h3>${paragraphs(comment.text)}</div>`);
    }
    out.push('</section>');
  }
  return { html: page({ title: 'Self-assessment', path: '/selfassessment', csrf: site.csrf, supervisor: site.supervisor, body: out.join('\n') }) };
}
