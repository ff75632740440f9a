// Which files a portfolio holds, and how each one's body is laid out: the one
// place that knows the headings the parser looks for and the template writes.
import type { Catalogue } from '../programme/load.js';
import type { Field, Item, Provenance, Section, Statement, Task, Week } from '../programme/types.js';

export type EntrySpec =
  | { kind: 'week'; file: string; title: string; module: number; week: Week }
  | { kind: 'item'; file: string; title: string; item: Item }
  | { kind: 'selfassessment'; file: string; title: string; item: Item; statements: Statement[] };

export const weekFile = (module: number, week: number) => `module-${module}/week-${week}.md`;

const specCache = new WeakMap<Catalogue, EntrySpec[]>();

/** Every entry of a portfolio, in programme order: the weeks, then the items. The same objects for one catalogue. */
export function entrySpecs(cat: Catalogue): EntrySpec[] {
  const cached = specCache.get(cat);
  if (cached) return cached;
  const specs: EntrySpec[] = cat.weeks.map(({ module, week }) => ({
    kind: 'week' as const,
    file: weekFile(module.number, week.number),
    title: `Module ${module.number}, week ${week.number}: ${week.title}`,
    module: module.number,
    week,
  }));
  for (const item of cat.programme.items) {
    specs.push(
      item.kind === 'selfassessment'
        ? { kind: 'selfassessment', file: item.file, title: item.title, item, statements: cat.statements }
        : { kind: 'item', file: item.file, title: item.title, item },
    );
  }
  specCache.set(cat, specs);
  return specs;
}

// Headings the parser recognises. Anything else a participant writes is kept as
// part of the answer it stands under.
export const TASK_HEADING = /^##[ \t]+Task[ \t]+(\d+)\b/i;
export const FIELD_HEADING = /^###[ \t]+([a-z])\)/;
export const ITEM_FIELD_HEADING = /^##[ \t]+([a-z])\)/;
export const SECTION_HEADING = /^##[ \t]+Section[ \t]+(\d+)\b/i;
export const STATEMENT_HEADING = /^###[ \t]+(AP\d+\.\d+)\b/;
export const COMMENT_HEADING = /^###[ \t]+Comment\b/i;
export const RATING_LINE = /^[ \t]*Confidence[ \t]*\(1[-–]5\)[ \t]*:[ \t]*([^\r\n]*)/im;

/** Key of one answer slot in an entry. */
export const fieldKey = (task: number | null, field: string) => (task === null ? field : `${task}${field}`);

export const statementKey = (id: string) => id;
export const commentKey = (section: number) => `comment-${section}`;

export function quote(text: string): string {
  return text
    .trim()
    .split(/\r?\n/)
    .map((l) => (l.trim() === '' ? '>' : `> ${l}`))
    .join('\n');
}

export function taskHeading(task: Task): string {
  return `## Task ${task.number}: ${oneLine(task.title)}`;
}

export const sectionHeading = (section: Section) => `## Section ${section.number}: ${section.title}`;
export const statementHeading = (st: Statement) => `### ${st.id} ${oneLine(st.heading)}`;
export const sectionCommentHeading = (section: Section) => `### Comment on section ${section.number}`;

export function fieldHeading(field: Field, level: 2 | 3): string {
  return `${'#'.repeat(level)} ${field.id}) ${oneLine(field.label)}`;
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The template text under a field heading: the question and its guidance, then where the answer goes. */
export function fieldTemplate(field: Field, cat: Catalogue, fromDir: string): string {
  const parts: string[] = [];
  if (field.context) parts.push(quote(`**${field.context.title}**\n\n${field.context.text}`));
  const ask = [field.prompt, field.guidance].filter(Boolean).join('\n\n');
  if (ask) parts.push(quote(ask));
  if (field.citation) parts.push(quote(citationText(field.citation)));
  if (field.word_limit) parts.push(quote(`Maximum ${field.word_limit} words.`));
  switch (field.kind) {
    case 'check':
      parts.push(`- [ ] ${oneLine(field.label)}`);
      break;
    case 'areas':
      if (field.option_prompt) {
        // "how? where? when?" is a note to add; a full question ("What are ...?") is one to answer.
        const after = /^[A-Z]/.test(field.option_prompt)
          ? `and, after the colon, answer: ${field.option_prompt}`
          : `and add ${field.option_prompt} after the colon.`;
        parts.push(quote(`Tick the areas that apply (change \`[ ]\` to \`[x]\`) ${after}`));
      }
      parts.push((field.options ?? []).map((o) => `- [ ] ${o}:`).join('\n'));
      break;
    case 'entry': {
      const item = cat.item(field.entry ?? '');
      if (item) parts.push(quote(`Answered in [${item.title}](${relativePath(fromDir, item.file)}).`));
      break;
    }
    default:
      break;
  }
  return parts.join('\n\n');
}

/** A reference as a reading list gives it: "Authors (year) *Title*. Published. <url>", one full stop between parts. */
export function citationText(c: { authors: string; year: string; title: string; published?: string; url?: string }): string {
  // Reading lists end their parts with a full stop or not; the join supplies exactly one.
  const bare = (s: string) => s.trim().replace(/[\s.]+$/, '');
  const ends = (s: string) => (/[.?!]['’"”]?$/.test(s) ? s : `${s}.`);
  const parts = [`${c.authors.trim()} (${c.year}) *${bare(c.title)}*`];
  if (c.published?.trim()) parts.push(bare(c.published));
  const text = parts.map((p, i) => (i < parts.length - 1 && /[?!]\*?$/.test(p) ? p : ends(p))).join(' ');
  return c.url ? `${text} <${c.url}>` : text;
}

const SOURCES: Record<Provenance['source'], string> = {
  workbook: "From the programme's Participants' Workbook",
  overview: "From the programme's Introduction and Overview",
  'kss-ap': 'From the Knowledge and Skills Statement: Achieving Permanence (2016)',
  mapping: "From the KSS-AP's mapping to the programme's weeks",
  product: "Written for this product: not from the programme's documents",
};

/** Where a piece of text comes from, in a line a participant or supervisor reads. */
export function sourceText(p: Provenance, withRef = p.source !== 'product'): string {
  return withRef && p.ref ? `${SOURCES[p.source]} (${oneLine(p.ref)}).` : `${SOURCES[p.source]}.`;
}

/** The short legend at the top of each week file: how programme text is told apart from text written for the product. */
export const SOURCE_LEGEND =
  "*Where the text comes from:* each task, reading and piece of material below says its source. " +
  "\"From the programme's Participants' Workbook\" (or its Overview, or the KSS-AP) marks the programme's own words, quoted; " +
  '"Written for this product" marks tasks and questions written for this portfolio tool from the programme\'s learning outcomes and the KSS-AP: ' +
  'they are not official programme text, and your programme team may replace them.';

function relativePath(fromDir: string, to: string): string {
  const up = fromDir === '' ? '' : fromDir.split('/').map(() => '..').join('/') + '/';
  return encodeURI(up + to);
}
