// The page shell and the small pieces every page is made of. Everything that
// comes from a portfolio or the programme passes through esc() on its way in.
import type { Catalogue } from '../programme/load.js';
import { entrySpecs, type EntrySpec } from '../portfolio/layout.js';
import type { ParsedEntry } from '../portfolio/entry.js';

/** Escapes text for an element's content or a quoted attribute. */
export function esc(text: string | number | null | undefined): string {
  return String(text ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Plain text in paragraphs, split at blank lines; never read as markup. */
export function paragraphs(text: string, cls = ''): string {
  const attr = cls ? ` class="${cls}"` : '';
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => `<p${attr}>${esc(p.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

export interface Shell {
  title: string;
  /** The path of the page, to mark its tab as the current one. */
  path: string;
  csrf: string;
  body: string;
  /** Shows the supervisor's tab first. */
  supervisor?: boolean;
}

const TABS: [string, string][] = [
  ['/', 'Home'],
  ['/selfassessment', 'Self-assessment'],
  ['/coverage', 'Coverage'],
  ['/problems', 'Problems'],
  ['/submission', 'Submission'],
  ['/supervisor', 'Supervisor'],
];

export function page(s: Shell): string {
  const tabs = s.supervisor ? [TABS[5]!, ...TABS.slice(0, 5)] : TABS;
  const current = (href: string) => (href === '/' ? s.path === '/' || s.path.startsWith('/week/') || s.path.startsWith('/item/') : s.path.startsWith(href));
  const nav = tabs.map(([href, name]) => `<li><a href="${href}"${current(href) ? ' aria-current="page"' : ''}>${name}</a></li>`).join('');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${esc(s.csrf)}">
<title>${esc(s.title)} · permanence</title>
<link rel="stylesheet" href="/assets/app.css">
<script src="/assets/app.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to the content</a>
<header><p class="brand">Achieving Permanence portfolio</p><nav aria-label="Portfolio"><ul>${nav}</ul></nav></header>
<main id="main" tabindex="-1">
${s.body}
</main>
<footer><p>This page is served by permanence on this computer only. Nothing you write here leaves it; your answers are saved in your portfolio's own files.</p></footer>
</body>
</html>
`;
}

/** A form that changes something: posted to this server only, with the page's token. */
export function form(action: string, csrf: string, inner: string, cls = ''): string {
  return `<form method="post" action="${esc(action)}"${cls ? ` class="${cls}"` : ''}><input type="hidden" name="csrf" value="${esc(csrf)}">${inner}</form>`;
}

/** An entry's address: a week by its reference, an item by its id (never a file path). */
export function entryUrl(spec: EntrySpec): string {
  return spec.kind === 'week' ? `/week/${spec.module}.${spec.week.number}` : `/item/${encodeURIComponent(spec.item.id)}`;
}

export const fieldAnchor = (key: string) => `f-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** The entry a page address names, by programme identity: "1.2" for a week, an item's id. */
export function specByRef(cat: Catalogue, kind: 'week' | 'item', ref: string): EntrySpec | undefined {
  return entrySpecs(cat).find((s) => (kind === 'week' ? s.kind === 'week' && `${s.module}.${s.week.number}` === ref : s.kind !== 'week' && s.item.id === ref));
}

/** The entry a save names ("1.2" or "item:learning-goals"). */
export function specById(cat: Catalogue, id: string): EntrySpec | undefined {
  return id.startsWith('item:') ? specByRef(cat, 'item', id.slice(5)) : specByRef(cat, 'week', id);
}

export const entryId = (spec: EntrySpec) => (spec.kind === 'week' ? `${spec.module}.${spec.week.number}` : `item:${spec.item.id}`);

/** Where a file and line of the portfolio is on a page: the entry, at the answer that line is in. */
export function linkTo(cat: Catalogue, file: string, line: number, entry?: ParsedEntry): string | undefined {
  const spec = entrySpecs(cat).find((s) => s.file === file);
  if (!spec) return undefined;
  let key: string | undefined;
  let best = 0;
  for (const slot of entry?.slots.values() ?? []) if (slot.line <= line && slot.line > best) [best, key] = [slot.line, slot.key];
  return `${entryUrl(spec)}${key ? `#${fieldAnchor(key)}` : ''}`;
}

/** A state as a word and a symbol, never colour alone. */
export function stateBadge(state: 'answered' | 'partial' | 'empty' | boolean): string {
  const [cls, sym, word] =
    state === true || state === 'answered' ? ['ok', '✓', 'done'] : state === 'partial' ? ['part', '◐', 'started'] : state === false ? ['no', '✗', 'not yet'] : ['none', '○', 'not started'];
  return `<span class="badge ${cls}"><span aria-hidden="true">${sym}</span> ${word}</span>`;
}
