// Each answer of an entry, named in the programme's words, and its digest: what
// a sign-off record keeps of every answer, so that verify and permanence
// changes can name the answers that changed even where git holds no signed text.
import { answerText } from '../assess/answers.js';
import type { Catalogue } from '../programme/load.js';
import type { Field } from '../programme/types.js';
import type { ParsedEntry } from '../portfolio/entry.js';
import { commentKey, fieldKey, type EntrySpec } from '../portfolio/layout.js';
import { textDigest } from '../verify/digest.js';

export interface Named {
  key: string;
  name: string;
  field?: Field;
}

/** Every answer an entry can hold, named as the programme names it, in the order of the file. */
export function answersOf(spec: EntrySpec, cat: Catalogue): Named[] {
  const label = (f: Field) => `(${f.id}) ${f.label}`;
  if (spec.kind === 'week') {
    return spec.week.tasks.flatMap((t) =>
      t.fields.map((f) => ({ key: fieldKey(t.number, f.id), name: `Module ${spec.module}, week ${spec.week.number}, task ${t.number} ${label(f)}`, field: f })),
    );
  }
  if (spec.kind === 'item') return spec.item.fields.map((f) => ({ key: fieldKey(null, f.id), name: `${spec.title} ${label(f)}`, field: f }));
  const sections = cat.programme.framework.sections;
  return sections.flatMap((s) => [
    ...s.statements.map((st) => ({ key: st.id, name: `${spec.title}, ${st.id} ${st.heading}` })),
    { key: commentKey(s.number), name: `${spec.title}, comment on section ${s.number}` },
  ]);
}

export const OUTSIDE = 'outside';

/** The participant's own words of one answer (comments, the template's boxes and copied programme text left out). */
export function wordsOf(entry: ParsedEntry | undefined, a: Named): string {
  if (a.key === OUTSIDE) return (entry?.outside ?? []).map((b) => b.text.trim()).join('\n\n');
  const raw = entry?.slots.get(a.key)?.raw;
  return raw === undefined ? '' : answerText(raw, a.field);
}

/** "module-1/week-2.md#3a": an answer's key in a sign-off record. */
export const answerId = (file: string, key: string): string => `${file}#${key}`;

/** The digest of every answer of an entry with words in it (one with none is left out), by answerId. */
export function answerDigests(spec: EntrySpec, cat: Catalogue, entry: ParsedEntry | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of [...answersOf(spec, cat), { key: OUTSIDE, name: '' }]) {
    const words = wordsOf(entry, a);
    if (words !== '') out[answerId(spec.file, a.key)] = textDigest(words);
  }
  return out;
}

/** The answers of an entry whose digests differ from those a record kept (before: every answer of the portfolio). */
export function changedAnswers(spec: EntrySpec, cat: Catalogue, entry: ParsedEntry | undefined, before: Record<string, string>): { key: string; name: string; line?: number }[] {
  const now = answerDigests(spec, cat, entry);
  const out: { key: string; name: string; line?: number }[] = [];
  for (const a of [...answersOf(spec, cat), { key: OUTSIDE, name: `${spec.title}: text written outside the answers` }]) {
    const id = answerId(spec.file, a.key);
    if (now[id] === before[id]) continue;
    const line = entry?.slots.get(a.key)?.line ?? (a.key === OUTSIDE ? entry?.outside[0]?.line : undefined);
    out.push({ key: a.key, name: a.name, ...(line !== undefined ? { line } : {}) });
  }
  return out;
}

/** The digest of every answer of a portfolio with words in it: what a sign-off record keeps. */
export function portfolioAnswers(cat: Catalogue, portfolio: { entries: ReadonlyMap<string, ParsedEntry> }): Record<string, string> {
  return Object.assign({}, ...[...portfolio.entries.values()].map((e) => answerDigests(e.spec, cat, e))) as Record<string, string>;
}
