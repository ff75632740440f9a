// The CPD drafts worded for a person (text, markdown) or a script (JSON), in
// the order and the words of Social Work England's CPD form.
import type { CpdDraft, CpdDrafts } from './drafts.js';

export const CPD_SCHEMA_VERSION = 1;

const FIELDS: [string, (d: CpdDraft) => string][] = [
  ['Type of CPD', (d) => d.type],
  ['Title', (d) => d.title],
  ['Description, and why it is relevant to your practice', (d) => `${d.description}\n\n${d.relevance}`.trim()],
  ['Date', (d) => `${d.date} (from ${d.date_source})`],
  ['What did you learn?', (d) => d.learnt],
  ['What impact has it had (or will it have) on your practice and on the people you work with?', (d) => d.impact],
];

const peerFields = (d: CpdDraft): [string, string][] =>
  d.peer_reflection
    ? [
        ['Peer reflection: what did you learn from discussing this CPD with a peer?', d.peer_reflection.learnt],
        ['Who the peer was (in role terms)', d.peer_reflection.peer],
      ]
    : [];

export const DRAFT_NOTICE =
  'DRAFTS to edit, drawn from your own answers. Nothing has been submitted: Social Work England records CPD only through your online account, in your words. Read each draft, make it yours, and check it names no one.';

function summary(c: CpdDrafts): string[] {
  const peer = c.records.filter((r) => r.peer_reflection).length;
  const lines = [`${c.records.length} draft record(s) for the registration year ${c.year.label} (${c.year.from} to ${c.year.to}); ${peer} with a peer reflection.`];
  if (c.records.length < 2 || peer < 1) lines.push('Social Work England asks for at least 2 different pieces of CPD each year, at least one with a peer reflection: these drafts are not yet enough on their own.');
  if (c.other_years.length > 0) lines.push(`Other weeks with answers fall in other registration years: ${c.other_years.map((o) => `${o.week} (${o.date})`).join(', ')}; use --year for those.`);
  return lines;
}

function removedLines(d: CpdDraft): string[] {
  return d.removed.map((r) => `Taken out of "${r.field}": ${r.message}`);
}

/** Control characters shown, not obeyed: a draft goes to a terminal. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
const visible = (text: string) => text.replace(CONTROL, (c) => (c.charCodeAt(0) < 0x20 ? String.fromCharCode(0x2400 + c.charCodeAt(0)) : `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`));

export function cpdText(c: CpdDrafts): string {
  const out = [DRAFT_NOTICE, '', ...summary(c)];
  c.records.forEach((d, i) => {
    out.push('', `── Draft ${i + 1} of ${c.records.length}: ${d.title} (from ${d.file}) ──`);
    for (const [label, value] of [...FIELDS.map(([l, f]) => [l, f(d)] as [string, string]), ...peerFields(d)]) out.push('', `${label}`, indent(value));
    for (const l of removedLines(d)) out.push('', `! ${l}`);
  });
  return visible(`${out.join('\n')}\n`);
}

const indent = (text: string) => text.split('\n').map((l) => (l ? `  ${l}` : '')).join('\n');

export function cpdMarkdown(c: CpdDrafts): string {
  const out = [`# CPD records ${c.year.label}: drafts`, '', `> ${DRAFT_NOTICE}`, '', ...summary(c)];
  c.records.forEach((d, i) => {
    out.push('', `## Draft ${i + 1}: ${d.title}`, '', `*From \`${d.file}\`.*`);
    for (const [label, value] of [...FIELDS.map(([l, f]) => [l, f(d)] as [string, string]), ...peerFields(d)]) out.push('', `### ${label}`, '', value);
    for (const l of removedLines(d)) out.push('', `> **Check:** ${l}`);
  });
  return visible(`${out.join('\n')}\n`);
}

export function cpdJson(c: CpdDrafts): string {
  return `${JSON.stringify({ schema_version: CPD_SCHEMA_VERSION, draft: true, submitted: false, notice: DRAFT_NOTICE, ...c }, null, 2)}\n`;
}
