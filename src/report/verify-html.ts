// verify's HTML report: a cohort at a glance for a programme team, in one
// self-contained file (no asset, font or script from anywhere else), that
// opens offline and prints. The same data as the JSON report, reduced to what
// the page shows; identifying details are counted, never shown.
import type { State } from '../assess/assess.js';
import type { PortfolioReport } from '../verify/verify.js';
import { visible } from '../util/visible.js';

/** What the page needs of one portfolio: small, so a cohort of thousands is held as rows, not reports. */
export interface HtmlRow {
  path: string;
  participant: string | null;
  complete: boolean;
  programmeWeek: number | null;
  calendar: 'before' | 'during' | 'after' | 'unknown';
  /** due: the calendar has passed it; upcoming: the calendar has not reached it yet. */
  weeks: { ref: string; title: string; state: State; due: boolean; upcoming: boolean }[];
  /** Weeks the calendar has passed that are not answered. */
  behind: number;
  requirements: { id: string; title: string; met: boolean }[];
  statements: { id: string; heading: string; covered: boolean }[];
  identifying: number;
  errors: number;
  warnings: number;
  signoff: PortfolioReport['signoff']['status'];
}

export interface HtmlMeta {
  version: string;
  today: string;
  programme: { title: string; version: string };
  /** Folders of the cohort that are not verified, and why: named here as in every other format. */
  passedOver?: readonly { path: string; reason: string }[];
}

export function htmlRow(r: PortfolioReport): HtmlRow {
  const a = r.assessment;
  const c = a.calendar;
  // Where the calendar is unknown (no valid start date), no week is said to be due or to come.
  const now = c.state === 'after' ? Infinity : c.state === 'during' ? (c.programme_week ?? 0) : c.state === 'before' ? 0 : NaN;
  let index = 0;
  const weeks = a.modules.flatMap((m) =>
    m.weeks.map((w) => {
      index++;
      // A week is due once the calendar has moved past it: the current week is still being written.
      return { ref: w.ref, title: w.title, state: w.state, due: index < now, upcoming: index > now };
    }),
  );
  return {
    path: r.path,
    participant: r.participant,
    complete: r.complete,
    programmeWeek: a.calendar.programme_week,
    calendar: a.calendar.state,
    weeks,
    behind: weeks.filter((w) => w.due && w.state !== 'answered').length,
    requirements: a.requirements.map((q) => ({ id: q.id, title: q.title, met: q.met })),
    statements: a.statements.map((s) => ({ id: s.id, heading: s.heading, covered: s.covered })),
    identifying: r.identifying.unreviewed.length,
    errors: r.problems.filter((p) => p.severity === 'error').length,
    warnings: r.problems.filter((p) => p.severity === 'warning').length,
    signoff: r.signoff.status,
  };
}

/** Text for HTML: markup escaped, and control characters (which HTML may not hold) shown as \xNN. */
export function esc(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
    // eslint-disable-next-line no-control-regex
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Every state has a symbol and a word, so the page reads the same without colour. */
const WEEK_STATE = {
  answered: { symbol: '●', word: 'answered', cls: 'ok' },
  partial: { symbol: '◐', word: 'started', cls: 'part' },
  empty: { symbol: '○', word: 'not started', cls: 'no' },
  future: { symbol: '·', word: 'not yet due', cls: 'future' },
} as const;
const SIGNOFF = {
  valid: { symbol: '✓', word: 'signed off', cls: 'ok' },
  changed: { symbol: '!', word: 'changed since sign-off', cls: 'part' },
  invalid: { symbol: '✗', word: 'sign-off invalid', cls: 'no' },
  none: { symbol: '–', word: 'not signed off', cls: 'future' },
} as const;

const yes = (ok: boolean, word: [string, string]) =>
  `<td class="${ok ? 'ok' : 'no'}" data-v="${ok ? 1 : 0}"><span aria-hidden="true">${ok ? '✓' : '✗'}</span><span class="w">${word[ok ? 0 : 1]}</span></td>`;
const num = (n: number, shown = String(n)) => `<td class="n" data-v="${n}">${shown}</td>`;
const pct = (n: number, of: number) => (of === 0 ? 0 : Math.round((100 * n) / of));
const nameOf = (r: HtmlRow) => esc(r.participant ?? '(unreadable)');

function weekCell(w: HtmlRow['weeks'][number]): string {
  const s = w.state === 'empty' && w.upcoming ? WEEK_STATE.future : WEEK_STATE[w.state];
  const late = w.due && w.state !== 'answered' ? ' late' : '';
  // Short: a cohort of hundreds has thousands of cells. The column heading names the week in full.
  return `<td class="c ${s.cls}${late}" title="${esc(w.ref)} ${s.word}${late ? ', due' : ''}"><span aria-hidden="true">${s.symbol}</span><span class="sr">${s.word}</span></td>`;
}

function participants(rows: HtmlRow[]): string {
  const head = ['Participant', 'Folder', 'Verdict', 'Programme week', 'Weeks answered', 'Weeks behind', 'Requirements met', 'KSS-AP statements evidenced', 'Identifying details to review', 'Errors', 'Sign-off'];
  const body = rows.map((r) => {
    const answered = r.weeks.filter((w) => w.state === 'answered').length;
    const sig = SIGNOFF[r.signoff];
    const week = r.calendar === 'before' ? 'not started' : r.calendar === 'after' ? `${r.programmeWeek} (ended)` : r.programmeWeek === null ? 'unknown' : String(r.programmeWeek);
    return [
      `<tr><th scope="row">${nameOf(r)}</th><td>${esc(r.path)}</td>`,
      yes(r.complete, ['complete', 'not complete']),
      num(r.programmeWeek ?? -1, week),
      num(answered, `${answered} of ${r.weeks.length}`),
      `<td class="n${r.behind > 0 ? ' no' : ''}" data-v="${r.behind}">${r.behind === 0 ? '0' : `<span aria-hidden="true">⚠ </span>${r.behind}`}</td>`,
      num(r.requirements.filter((q) => q.met).length, `${r.requirements.filter((q) => q.met).length} of ${r.requirements.length}`),
      num(r.statements.filter((s) => s.covered).length, `${r.statements.filter((s) => s.covered).length} of ${r.statements.length}`),
      num(r.identifying),
      num(r.errors),
      `<td class="${sig.cls}" data-v="${Object.keys(SIGNOFF).indexOf(r.signoff)}"><span aria-hidden="true">${sig.symbol}</span> ${sig.word}</td></tr>`,
    ].join('');
  });
  return table('participants', 'Each participant: select a column heading to sort by it.', head, body, true);
}

function table(id: string, caption: string, head: string[], body: string[], sortable = false, extraHead = ''): string {
  const ths = head.map((h, i) => `<th scope="col"${sortable ? ` aria-sort="${i === 0 ? 'ascending' : 'none'}"` : ''}>${sortable ? `<button type="button">${h}</button>` : h}</th>`).join('');
  return `<table id="${id}"${sortable ? ' class="sortable"' : ''}><caption>${caption}</caption><thead>${extraHead}<tr>${ths}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table>`;
}

function heatmap(rows: HtmlRow[]): string {
  const first = rows[0];
  if (!first) return '';
  const modules = new Map<string, number>();
  for (const w of first.weeks) modules.set(w.ref.split('.')[0]!, (modules.get(w.ref.split('.')[0]!) ?? 0) + 1);
  const top = `<tr><td></td>${[...modules].map(([m, n]) => `<th scope="colgroup" colspan="${n}">Module ${m}</th>`).join('')}</tr>`;
  const head = ['Participant', ...first.weeks.map((w) => `<abbr title="Week ${esc(w.ref)}: ${esc(w.title)}">${esc(w.ref.split('.')[1] ?? w.ref)}</abbr>`)];
  const body = rows.map((r) => `<tr><th scope="row">${nameOf(r)}</th>${r.weeks.map((w) => weekCell(w)).join('')}</tr>`);
  return table('weeks', 'Weeks by participant. ● answered, ◐ started, ○ not started, · not yet due; a red edge marks a week the calendar has passed.', head, body, false, top);
}

/** How many participants meet each of a list of things, least met first. */
function across<T extends { id: string }>(rows: HtmlRow[], pick: (r: HtmlRow) => T[], ok: (t: T) => boolean, label: (t: T) => string): string[] {
  const first = rows[0];
  if (!first) return [];
  const counts = pick(first).map((t, i) => ({ t, n: rows.filter((r) => { const x = pick(r)[i]; return x !== undefined && ok(x); }).length }));
  counts.sort((a, b) => a.n - b.n || a.t.id.localeCompare(b.t.id, 'en', { numeric: true }));
  return counts.map(({ t, n }) => {
    const p = pct(n, rows.length);
    return `<tr><th scope="row">${esc(t.id)}</th><td>${esc(label(t))}</td><td class="n" data-v="${n}">${n} of ${rows.length}</td><td class="bar" data-v="${p}"><span style="width:${p}%"></span>${p}%</td></tr>`;
  });
}

function matrix<T extends { id: string }>(rows: HtmlRow[], id: string, caption: string, pick: (r: HtmlRow) => T[], ok: (t: T) => boolean, title: (t: T) => string, words: [string, string]): string {
  const first = rows[0];
  if (!first) return '';
  // Column headings written upwards, so 36 statements or 25 requirements fit across a landscape page.
  const head = ['Participant', ...pick(first).map((t) => `<span class="up"><abbr title="${esc(title(t))}">${esc(t.id)}</abbr></span>`)];
  const body = rows.map((r) => `<tr><th scope="row">${nameOf(r)}</th>${pick(r).map((t) => `<td class="c ${ok(t) ? 'ok' : 'no'}"><span aria-hidden="true">${ok(t) ? '✓' : '✗'}</span><span class="sr">${ok(t) ? words[0] : words[1]}</span></td>`).join('')}</tr>`);
  return table(id, caption, head, body);
}

/** The whole page for the rows of a verify run. */
export function cohortHtml(rows: HtmlRow[], meta: HtmlMeta): string {
  const n = rows.length;
  const done = rows.filter((r) => r.complete).length;
  const behind = rows.filter((r) => r.behind > 0);
  const details = rows.reduce((s, r) => s + r.identifying, 0);
  const withDetails = rows.filter((r) => r.identifying > 0).length;
  const signed = (k: HtmlRow['signoff']) => rows.filter((r) => r.signoff === k).length;
  const worst = [...behind].sort((a, b) => b.behind - a.behind).slice(0, 10);
  const summary = [
    ['Portfolios', String(n)],
    ['Complete', `${done} of ${n}`],
    ['Behind the calendar', behind.length === 0 ? 'none' : `${behind.length} of ${n}, by ${Math.min(...behind.map((r) => r.behind))} to ${Math.max(...behind.map((r) => r.behind))} weeks`],
    ['Identifying details to review', `${details} in ${withDetails} of ${n} portfolios (counted, never shown here)`],
    ['Sign-offs', `${signed('valid')} signed off, ${signed('changed')} changed since sign-off, ${signed('invalid')} invalid, ${signed('none')} not signed off`],
  ];
  const skipped = meta.passedOver ?? [];
  if (skipped.length > 0) summary.push(['Folders passed over', `<a href="#s-passed-over">${skipped.length}, not verified (listed below)</a>`]);
  const cohortName = [...new Set(rows.map((r) => r.path.split(/[\\/]/).slice(0, -1).join('/')).filter(Boolean))].join(', ');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="permanence ${esc(meta.version)}">
<title>${esc(meta.programme.title)}: cohort report, ${esc(meta.today)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${esc(meta.programme.title)}: cohort report</h1>
<p>${n === 1 ? '1 portfolio' : `${n} portfolios`}${cohortName ? ` in ${esc(cohortName)}` : ''}, verified on ${esc(meta.today)} by permanence ${esc(meta.version)} (content version ${esc(meta.programme.version)}).</p>
<nav aria-label="Sections"><a href="#s-summary">Summary</a> · <a href="#s-participants">Participants</a> · <a href="#s-weeks">Weeks</a> · <a href="#s-statements">KSS-AP across the cohort</a> · <a href="#s-requirements">Requirements across the cohort</a> · <a href="#s-matrix">KSS-AP by participant</a> · <a href="#s-req-matrix">Requirements by participant</a>${skipped.length > 0 ? ' · <a href="#s-passed-over">Folders passed over</a>' : ''}</nav>
</header>
<main>
<section id="s-summary"><h2>Summary</h2>
<table class="summary"><caption>The cohort in figures</caption><tbody>${summary.map(([k, v]) => `<tr><th scope="row">${k}</th><td>${v}</td></tr>`).join('')}</tbody></table>
${worst.length > 0 ? `<p>Furthest behind: ${worst.map((r) => `${nameOf(r)} (${r.behind} ${r.behind === 1 ? 'week' : 'weeks'})`).join(', ')}.</p>` : ''}
</section>
<section id="s-participants"><h2>Participants</h2>${participants(rows)}</section>
<section id="s-weeks"><h2>Weeks</h2><div class="wide">${heatmap(rows)}</div></section>
<section id="s-statements"><h2>KSS-AP statements across the cohort</h2>
${table('statements', 'How many participants evidence each statement, least evidenced first.', ['Statement', 'Heading', 'Participants evidencing it', 'Share'], across(rows, (r) => r.statements, (s) => s.covered, (s) => s.heading))}</section>
<section id="s-requirements"><h2>Requirements across the cohort</h2>
${table('requirements', 'How many participants meet each requirement, least met first.', ['Requirement', 'Title', 'Participants meeting it', 'Share'], across(rows, (r) => r.requirements, (q) => q.met, (q) => q.title))}</section>
<section id="s-matrix"><h2>KSS-AP by participant</h2><div class="wide">${matrix(rows, 'statement-matrix', 'Each statement by participant: ✓ evidenced, ✗ without evidence.', (r) => r.statements, (s) => s.covered, (s) => s.heading, ['evidenced', 'no evidence'])}</div></section>
<section id="s-req-matrix"><h2>Requirements by participant</h2><div class="wide">${matrix(rows, 'requirement-matrix', 'Each requirement by participant: ✓ met, ✗ not met.', (r) => r.requirements, (q) => q.met, (q) => q.title, ['met', 'not met'])}</div></section>
${skipped.length > 0 ? `<section id="s-passed-over"><h2>Folders passed over</h2>
${table('passed-over', 'Folders of the cohort that were not verified, and why: none of them is counted above.', ['Folder', 'Why it was not verified'], skipped.map((p) => `<tr><th scope="row"><span aria-hidden="true">⚠ </span>${esc(visible(p.path))}</th><td>${esc(p.reason)}</td></tr>`))}</section>
` : ''}</main>
<footer><p>Made by permanence verify --format html from the participants' own files. The same figures are in verify --format json.</p></footer>
<script>${SORT}</script>
</body>
</html>
`;
}

const STYLE = `
:root{--ok:#1b6e3a;--okbg:#dcefe2;--part:#7a4d00;--partbg:#fbeccb;--no:#a4161a;--nobg:#f8dcdc;--future:#555;--futurebg:#f1f1f1;--line:#bbb}
body{font:14px/1.45 system-ui,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#111;margin:1.5rem;max-width:none}
h1{font-size:1.5rem;margin:0 0 .3rem}h2{font-size:1.15rem;margin:2rem 0 .5rem;border-bottom:2px solid #1f4e79;color:#1f4e79}
a{color:#1f4e79}table{border-collapse:collapse;margin:.5rem 0}caption{text-align:left;font-style:italic;padding:.2rem 0;color:#333}
th,td{border:1px solid var(--line);padding:.25rem .45rem;text-align:left;vertical-align:top}thead th{background:#eef2f7}
td.n{text-align:right;font-variant-numeric:tabular-nums}.ok{background:var(--okbg);color:var(--ok)}.part{background:var(--partbg);color:var(--part)}
.no{background:var(--nobg);color:var(--no)}.future{background:var(--futurebg);color:var(--future)}td.c{text-align:center;padding:.15rem .3rem}
td.late{box-shadow:inset 0 -3px 0 var(--no)}.w{margin-left:.3em}.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.wide{overflow-x:auto}th button{all:unset;cursor:pointer;font-weight:bold;text-decoration:underline dotted}th button:focus-visible{outline:2px solid #1f4e79}th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
td.bar{min-width:9rem;position:relative}td.bar span{display:inline-block;height:.7rem;background:#1f4e79;margin-right:.4rem;vertical-align:middle}
.summary th{background:#eef2f7;width:16rem}abbr{text-decoration:none}
.up{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;display:inline-block}th:has(>.up){vertical-align:bottom;padding:.3rem .15rem}
@media print{body{margin:0;font-size:9pt}.wide table{font-size:7pt}td.c{padding:0 .1rem}nav,th button::after{display:none}th button{text-decoration:none}.wide{overflow:visible}tr{break-inside:avoid}section{break-before:auto}h2{break-after:avoid}
@page{size:A4 landscape;margin:12mm}}`;

// Sorting, for a page opened in a browser; without it the tables read in folder order.
const SORT = `
for (const t of document.querySelectorAll('table.sortable')) {
  const ths = [...t.tHead.rows[t.tHead.rows.length - 1].cells];
  ths.forEach((th, i) => th.querySelector('button').addEventListener('click', () => {
    const down = th.getAttribute('aria-sort') === 'ascending';
    ths.forEach((o) => o.setAttribute('aria-sort', 'none'));
    th.setAttribute('aria-sort', down ? 'descending' : 'ascending');
    const key = (r) => { const c = r.cells[i]; return c.dataset.v !== undefined ? Number(c.dataset.v) : c.textContent.trim().toLowerCase(); };
    const rows = [...t.tBodies[0].rows].sort((a, b) => { const x = key(a), y = key(b); return (x < y ? -1 : x > y ? 1 : 0) * (down ? -1 : 1); });
    t.tBodies[0].append(...rows);
  }));
}`;
