// One entry of the portfolio as a page: a week's tasks, or an item's parts,
// or a self-assessment's statements. The programme's text (guidance,
// vignettes, material, reading) is set apart from the participant's fields,
// each piece saying where it comes from; what the participant wrote goes into
// the fields as text, never as markup.
import { chosenAreas, readRating } from '../assess/answers.js';
import { assessItem } from '../assess/assess.js';
import { citationText, commentKey, fieldKey, sourceText, type EntrySpec } from '../portfolio/layout.js';
import type { ParsedEntry } from '../portfolio/entry.js';
import type { Field, Provenance, Task } from '../programme/types.js';
import { readEntry } from '../guide/store.js';
import { ExitError } from '../errors.js';
import { entryId, entryUrl, esc, fieldAnchor, page, paragraphs, specByRef, stateBadge } from './html.js';
import { answersNow } from './save.js';
import { notFound, type Reply, type Site } from './site.js';

const source = (p: Provenance) => `<p class="source">${esc(sourceText(p))}${p.note ? ` ${esc(p.note)}` : ''}</p>`;
const programme = (title: string, body: string, p?: Provenance) => `<div class="programme"><p class="aside-title">${esc(title)}</p>${body}${p ? source(p) : ''}</div>`;

export function entryPage(site: Site, kind: 'week' | 'item', ref: string): Reply {
  const spec = specByRef(site.cat, kind, ref);
  if (!spec) return notFound();
  let entry: ParsedEntry;
  try {
    entry = readEntry(site.root, spec, site.cat);
  } catch (err) {
    if (!(err instanceof ExitError)) throw err;
    return { status: 409, html: page({ title: spec.title, path: entryUrl(spec), csrf: site.csrf, supervisor: site.supervisor, body: `<h1>${esc(spec.title)}</h1><div class="notice error" role="alert">${paragraphs(err.message)}</div>` }) };
  }
  const now = answersNow(site, spec);
  const body = spec.kind === 'week' ? weekBody(site, spec, entry, now) : spec.kind === 'item' ? itemBody(site, spec, entry, now) : ratingsBody(site, spec, entry, now);
  // A self-assessment is under its own tab; every other entry under Home.
  return { html: page({ title: spec.title, path: spec.kind === 'selfassessment' ? '/selfassessment' : entryUrl(spec), csrf: site.csrf, supervisor: site.supervisor, body }) };
}

type Now = ReturnType<typeof answersNow>;

function outsideText(entry: ParsedEntry, task?: number): string {
  const blocks = entry.outside.filter((o) => o.task === task);
  return blocks
    .map((o) => `<div class="outside"><p class="outside-head">Written outside the answer boxes (line ${o.line} of ${esc(entry.file)}): kept as it is, and shown in the PDF. Move it into an answer in the file if it belongs to one.</p><pre>${esc(o.text)}</pre></div>`)
    .join('\n');
}

function weekBody(site: Site, spec: Extract<EntrySpec, { kind: 'week' }>, entry: ParsedEntry, now: Now): string {
  const w = spec.week;
  const out = [`<h1>${esc(spec.title)}</h1>`, `<p class="lead">Your answers are saved in <code>${esc(spec.file)}</code> a moment after you stop typing, and when you leave a box.</p>`, source(w.provenance)];
  if (w.introduction) out.push(programme('About this week', paragraphs(w.introduction), w.provenance));
  for (const m of w.material ?? []) out.push(programme(m.title, paragraphs(m.text), m.provenance));
  out.push(outsideText(entry, undefined));
  out.push(`<nav aria-label="Tasks of this week" class="toc"><ul>${w.tasks.map((t) => `<li><a href="#task-${t.number}">Task ${t.number}</a></li>`).join('')}</ul></nav>`);
  out.push(`<div class="entry" data-entry="${esc(entryId(spec))}">`);
  for (const t of w.tasks) out.push(taskSection(site, spec, entry, t, now));
  out.push('</div>');
  return out.join('\n');
}

function taskSection(site: Site, spec: EntrySpec, entry: ParsedEntry, t: Task, now: Now): string {
  const answered = t.fields.filter((f) => now[fieldKey(t.number, f.id)]?.answered).length;
  const required = t.fields.filter((f) => f.required);
  const state = required.length > 0 && required.every((f) => now[fieldKey(t.number, f.id)]?.answered) ? 'answered' : answered > 0 ? 'partial' : 'empty';
  const parts = [
    `<section class="task" id="task-${t.number}" aria-labelledby="task-${t.number}-h">`,
    `<h2 id="task-${t.number}-h">Task ${t.number}: ${esc(t.title)} ${stateBadge(state)}</h2>`,
    t.portfolio ? '<p class="tag">For your portfolio</p>' : '',
    t.guidance ? programme('Guidance', paragraphs(t.guidance)) : '',
    source(t.provenance),
    outsideText(entry, t.number),
    ...t.fields.map((f) => fieldBlock(site, spec, fieldKey(t.number, f.id), f, now, f.word_limit ?? (t.fields.length === 1 ? t.word_limit : undefined), 3, t.provenance)),
    '</section>',
  ];
  return parts.join('\n');
}

function itemBody(site: Site, spec: Extract<EntrySpec, { kind: 'item' }>, entry: ParsedEntry, now: Now): string {
  const item = spec.item;
  const result = assessItem(site.cat, item, entry, false);
  return [
    `<h1>${esc(item.title)} ${stateBadge(result.state)}</h1>`,
    `<p class="lead">Saved in <code>${esc(spec.file)}</code> a moment after you stop typing, and when you leave a box.</p>`,
    programme('About this part of the portfolio', paragraphs(item.description), item.provenance),
    outsideText(entry, undefined),
    `<div class="entry" data-entry="${esc(entryId(spec))}">`,
    ...item.fields.map((f) => fieldBlock(site, spec, fieldKey(null, f.id), f, now, f.word_limit, 2)),
    '</div>',
  ].join('\n');
}

function fieldBlock(site: Site, spec: EntrySpec, key: string, f: Field, now: Now, limit: number | undefined, level: 2 | 3, around?: Provenance): string {
  const id = fieldAnchor(key);
  const raw = now[key]?.raw ?? '';
  const h = `h${level + 0}`;
  const help: string[] = [];
  if (f.context) help.push(programme(f.context.title, paragraphs(f.context.text)));
  const ask = [f.prompt, f.guidance].filter(Boolean).join('\n\n');
  if (ask && ask.replace(/\s+/g, ' ').trim() !== f.label.replace(/\s+/g, ' ').trim()) help.push(`<div class="prompt" id="${id}-help">${paragraphs(ask)}</div>`);
  if (f.citation) help.push(`<p class="citation">${esc(citationText(f.citation).replace(/\*/g, ''))}</p>`);
  // Said once where a field comes from where its task does.
  if (!around || source(around) !== source(f.provenance)) help.push(source(f.provenance));
  const describedBy = [ask ? `${id}-help` : '', `${id}-count`, `${id}-status`].filter(Boolean).join(' ');
  let control: string;
  if (f.kind === 'check') {
    const ticked = /^[ \t]*[-*+][ \t]+\[[xX]\]/m.test(raw);
    control = `<p class="check"><input type="checkbox" id="${id}-in" data-key="${esc(key)}" data-op="check"${ticked ? ' checked' : ''} aria-describedby="${id}-status"> <label for="${id}-in">${esc(f.label)}</label></p>`;
  } else if (f.kind === 'areas') {
    control = areasControl(id, key, f, raw);
  } else if (f.kind === 'entry') {
    const item = site.cat.item(f.entry ?? '');
    control = item ? `<p>This is answered in <a href="/item/${esc(encodeURIComponent(item.id))}">${esc(item.title)}</a>.</p>` : '<p>Answered in another part of the portfolio.</p>';
  } else {
    const rows = f.kind === 'short' ? 3 : f.kind === 'long' ? 12 : 6;
    const hint = f.kind === 'list' ? 'One item a line.' : '';
    control = `${hint ? `<p class="hint" id="${id}-hint">${esc(hint)}</p>` : ''}<textarea id="${id}-in" name="${esc(key)}" data-key="${esc(key)}" data-op="text"${limit ? ` data-limit="${limit}"` : ''} rows="${rows}" spellcheck="true" aria-describedby="${describedBy}${hint ? ` ${id}-hint` : ''}">${esc(raw)}</textarea>
<p class="count" id="${id}-count">${countText(now[key]?.words ?? 0, limit)}</p>`;
  }
  const label = f.kind === 'check' || f.kind === 'areas' ? `${esc(f.id)}) ${esc(f.label)}` : `<label for="${id}-in">${esc(f.id)}) ${esc(f.label)}</label>`;
  return `<div class="field" id="${id}">
<${h}>${label}${f.required ? '' : ' <span class="optional">(optional)</span>'}</${h}>
${help.join('\n')}
${control}
<p class="status" id="${id}-status" role="status"></p>
<div class="conflict" id="${id}-conflict" hidden></div>
<div class="details" id="${id}-details" aria-live="polite"></div>
</div>`;
}

/** Each area a tick and a note; an area written in the file that the programme does not list is kept and shown too. */
function areasControl(id: string, key: string, f: Field, raw: string): string {
  const chosen = new Map(chosenAreas(raw).map((a) => [a.area, a.note] as const));
  const options = [...(f.options ?? [])];
  for (const a of chosen.keys()) if (!options.includes(a)) options.push(a);
  const rows = options.map((o, i) => {
    const note = chosen.get(o) ?? '';
    return `<div class="area"><p class="check"><input type="checkbox" id="${id}-a${i}" data-area="${esc(o)}"${chosen.has(o) ? ' checked' : ''}> <label for="${id}-a${i}">${esc(o)}</label></p><label class="note-label" for="${id}-n${i}">Note on ${esc(o)}${f.option_prompt ? `: ${esc(f.option_prompt)}` : ''}</label><input id="${id}-n${i}" data-note="${esc(o)}" value="${esc(note)}"></div>`;
  });
  return `<fieldset class="areas" data-key="${esc(key)}" data-op="areas" aria-describedby="${id}-status"><legend>Tick the areas that apply</legend>${rows.join('')}</fieldset>`;
}

export const countText = (words: number, limit?: number) => `${words} ${words === 1 ? 'word' : 'words'}${limit ? ` of at most ${limit}${words > limit ? ': over the limit' : ''}` : ''}`;

function ratingsBody(site: Site, spec: Extract<EntrySpec, { kind: 'selfassessment' }>, entry: ParsedEntry, now: Now): string {
  const fw = site.cat.programme.framework;
  const item = spec.item;
  const result = assessItem(site.cat, item, entry, false);
  const out = [
    `<h1>${esc(item.title)} ${stateBadge(result.state)}</h1>`,
    `<p class="lead">${result.answered} of ${result.total} statements rated. Each rating is saved when you choose it, in <code>${esc(spec.file)}</code>.</p>`,
    programme('The scale', `<ul>${fw.scale.points.map((p) => `<li><strong>${p.value}: ${esc(p.label)}</strong>. ${esc(p.description)}</li>`).join('')}</ul>`, fw.scale.provenance),
    `<div class="entry" data-entry="${esc(entryId(spec))}">`,
  ];
  for (const section of fw.sections) {
    out.push(`<section aria-labelledby="sec-${section.number}"><h2 id="sec-${section.number}">Section ${section.number}: ${esc(section.title)}</h2>`);
    for (const st of section.statements) {
      const id = fieldAnchor(st.id);
      const value = readRating(now[st.id]?.raw ?? '').value;
      const radios = fw.scale.points
        .map((p) => `<label class="rate"><input type="radio" name="${id}" value="${p.value}" data-key="${esc(st.id)}" data-op="rating"${value === p.value ? ' checked' : ''}> ${p.value} <span class="scale-word">${esc(p.label)}</span></label>`)
        .join('');
      out.push(`<fieldset class="field statement" id="${id}" aria-describedby="${id}-status"><legend>${esc(st.id)} ${esc(st.heading)}</legend>
<details><summary>The statement in full</summary>${paragraphs(st.text)}<p class="source">${esc(sourceText({ source: 'kss-ap' }))}</p></details>
<div class="scale">${radios}</div><p class="status" id="${id}-status" role="status"></p></fieldset>`);
    }
    const key = commentKey(section.number);
    const cid = fieldAnchor(key);
    out.push(`<div class="field" id="${cid}"><h3><label for="${cid}-in">Comment on section ${section.number}</label> <span class="optional">(optional)</span></h3>
<textarea id="${cid}-in" data-key="${esc(key)}" data-op="text" rows="4" aria-describedby="${cid}-count ${cid}-status">${esc(now[key]?.raw ?? '')}</textarea>
<p class="count" id="${cid}-count">${countText(now[key]?.words ?? 0)}</p><p class="status" id="${cid}-status" role="status"></p><div class="conflict" id="${cid}-conflict" hidden></div><div class="details" id="${cid}-details" aria-live="polite"></div></div>`);
    out.push('</section>');
  }
  out.push('</div>');
  return out.join('\n');
}
