// The portfolio as a Leap2A 2010-07 feed, in the shape Mahara's importer reads:
// the programme a selection of type Blog (a journal), each week and item an
// entry that is part of it (a journal post, a draft while not yet answered),
// tagged with the KSS-AP statements it evidences, and the rendered PDF a
// resource whose file travels in the zip as an enclosure.
import { createHash } from 'node:crypto';
import type { Assessment } from '../assess/assess.js';
import type { Catalogue } from '../programme/load.js';
import type { Portfolio } from '../portfolio/portfolio.js';
import { weekFile } from '../portfolio/layout.js';
import { itemBody, weekBody } from './leap2a-content.js';
import { weekStart } from './weeks.js';
import { attributes, el, escapeText } from './xml.js';

export const LEAP2A_VERSION = 'http://www.leapspecs.org/2010-07/2A/';
/**
 * The 2010-07 specification's own namespaces. Mahara before 22.10 reads only
 * these; later versions read them too (they add them beside the archived
 * addresses they now write), and so does any other Leap2A importer.
 */
export const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  leap2: 'http://terms.leapspecs.org/',
  categories: 'http://wiki.leapspecs.org/2A/categories/',
  portfolio: 'urn:x-permanence:entry:',
  xhtml: 'http://www.w3.org/1999/xhtml',
} as const;
export const LEAP_FILE = 'leap2a.xml';
export const PDF_PATH = 'files/portfolio.pdf';

export interface FeedInput {
  cat: Catalogue;
  portfolio: Portfolio;
  assessment: Assessment;
  /** The document date (as render's): never the clock. */
  date: Date;
  pdfLength: number;
  /** Every page of the PDF marked DRAFT. */
  draft: boolean;
}

interface Entry {
  id: string;
  title: string;
  published: Date;
  updated: Date;
  /** An XHTML fragment, or plain text. */
  content: { xhtml: string } | { text: string };
  type: 'selection' | 'entry' | 'resource';
  links: { rel: string; href: string; type?: string; length?: number; order?: number }[];
  categories: { term: string; scheme?: string; label?: string }[];
  dates?: { point: 'start'; value: string; label: string }[];
}

export const entryId = {
  programme: 'portfolio:programme',
  pdf: 'portfolio:pdf',
  week: (ref: string) => `portfolio:week-${ref}`,
  item: (id: string) => `portfolio:item-${id}`,
};

const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const longDate = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export function buildFeed(input: FeedInput): string {
  const { cat, portfolio, assessment, date } = input;
  const start = portfolio.config?.start_date;
  const entries: Entry[] = [];
  const parts: string[] = [];
  const evidences = (ref: string) => assessment.statements.filter((s) => s.evidence.includes(ref)).map((s) => s.id);
  const readiness = (answered: boolean) => (answered ? [] : [{ term: 'Unready', scheme: 'readiness' }]);
  const partOf = { rel: 'leap2:is_part_of', href: entryId.programme };

  cat.weeks.forEach(({ module, week, ref }, i) => {
    const result = assessment.modules.flatMap((m) => m.weeks).find((w) => w.ref === ref);
    const begins = weekStart(start, i + 1);
    const published = begins && Date.parse(`${begins}T00:00:00Z`) < date.getTime() ? new Date(`${begins}T00:00:00Z`) : date;
    const id = entryId.week(ref);
    parts.push(id);
    entries.push({
      id,
      title: `Module ${module.number}, week ${week.number}: ${week.title}`,
      published,
      updated: date,
      content: { xhtml: weekBody(cat, assessment, module.number, week, portfolio.entries.get(weekFile(module.number, week.number))) },
      type: 'entry',
      links: [partOf],
      categories: [{ term: `Module ${module.number}` }, ...evidences(ref).map((term) => ({ term })), ...readiness(result?.state === 'answered')],
      ...(begins ? { dates: [{ point: 'start' as const, value: begins, label: `Week beginning ${longDate(begins)}` }] } : {}),
    });
  });
  for (const item of cat.programme.items) {
    const result = assessment.items.find((r) => r.id === item.id);
    const id = entryId.item(item.id);
    parts.push(id);
    entries.push({
      id,
      title: item.title,
      published: date,
      updated: date,
      content: { xhtml: itemBody(cat, assessment, item, portfolio.entries.get(item.file)) },
      type: 'entry',
      links: [partOf],
      categories: [{ term: item.kind === 'selfassessment' ? 'Self-assessment' : 'Portfolio item' }, ...readiness(result?.state === 'answered')],
    });
  }
  const totals = assessment.totals;
  entries.unshift({
    id: entryId.programme,
    title: `${cat.programme.title}: portfolio`,
    published: date,
    updated: date,
    content: {
      xhtml:
        `<p>${escapeText(`The ${cat.programme.title} portfolio (programme content ${cat.programme.version}): every week and portfolio item, with the programme’s questions and the participant’s answers.`)}</p>` +
        `<p>${escapeText(`${totals.tasks.answered} of ${totals.tasks.total} tasks answered; ${totals.requirements.met} of ${totals.requirements.total} requirements met; ${totals.statements.covered} of ${totals.statements.total} KSS-AP statements evidenced.${assessment.complete ? ' Complete.' : ' Not yet complete.'}${input.draft ? ' Exported as a draft.' : ''}`)}</p>` +
        `<p>${escapeText('The rendered PDF is enclosed as a file (portfolio.pdf).')}</p>`,
    },
    type: 'selection',
    links: [...parts.map((href, order) => ({ rel: 'leap2:has_part', href, order: order + 1 })), { rel: 'related', href: entryId.pdf }],
    categories: [{ term: 'Blog', scheme: 'selection_type' }],
  });
  entries.push({
    id: entryId.pdf,
    title: 'portfolio.pdf',
    published: date,
    updated: date,
    content: { text: `The ${cat.programme.title} portfolio as a PDF, rendered from the same files${input.draft ? ' (a draft: every page is marked DRAFT)' : ''}.` },
    type: 'resource',
    links: [
      { rel: 'enclosure', href: PDF_PATH, type: 'application/pdf', length: input.pdfLength },
      { rel: 'related', href: entryId.programme },
    ],
    categories: [{ term: 'Offline', scheme: 'resource_type', label: 'File' }],
  });
  return feedXml(input, entries);
}

/** A stable id for this portfolio's feed, from what names it (never the clock). */
function feedId(input: FeedInput): string {
  const c = input.portfolio.config;
  const h = createHash('sha256').update(JSON.stringify([input.cat.programme.id, c?.participant ?? '', c?.start_date ?? '', c?.cohort ?? ''])).digest('hex');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function feedXml(input: FeedInput, entries: Entry[]): string {
  const author = input.portfolio.config?.participant?.trim() || 'Participant';
  const head =
    `<?xml version="1.0" encoding="utf-8"?>\n` +
    `<feed${attributes({ xmlns: NS.atom, 'xmlns:rdf': NS.rdf, 'xmlns:leap2': NS.leap2, 'xmlns:categories': NS.categories, 'xmlns:portfolio': NS.portfolio })}>\n` +
    `  ${el('leap2:version', LEAP2A_VERSION)}\n` +
    `  ${el('id', feedId(input))}\n` +
    `  ${el('title', `${input.cat.programme.title}: portfolio of ${author}`)}\n` +
    `  ${el('updated', rfc3339(input.date))}\n` +
    `  ${el('generator', 'permanence')}\n` +
    `  <author>${el('name', author)}</author>\n`;
  return `${head}${entries.map(entryXml).join('')}</feed>\n`;
}

function entryXml(e: Entry): string {
  const lines = [
    el('title', e.title),
    el('id', e.id),
    el('updated', rfc3339(e.updated)),
    el('published', rfc3339(e.published)),
    'xhtml' in e.content ? `<content type="xhtml"><div xmlns="${NS.xhtml}">${e.content.xhtml}</div></content>` : el('content', e.content.text, { type: 'text' }),
    `<rdf:type rdf:resource="leap2:${e.type}"/>`,
    ...e.links.map(
      (l) =>
        `<link${attributes({ rel: l.rel, href: l.href, ...(l.type ? { type: l.type } : {}), ...(l.length !== undefined ? { length: String(l.length) } : {}), ...(l.order !== undefined ? { 'leap2:display_order': String(l.order) } : {}) })}/>`,
    ),
    ...e.categories.map((c) => `<category${attributes({ term: c.term, ...(c.scheme ? { scheme: `categories:${c.scheme}#` } : {}), ...(c.label ? { label: c.label } : {}) })}/>`),
    ...(e.dates ?? []).map((d) => el('leap2:date', d.value, { 'leap2:point': d.point, 'leap2:label': d.label })),
  ];
  return `  <entry>\n${lines.map((l) => `    ${l}\n`).join('')}  </entry>\n`;
}
