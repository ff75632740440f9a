// The identifying-details check, run on the drafts themselves: what it finds
// is taken out of the draft and named, so a record never carries a name from
// the private list, a postcode, a number or an address to the regulator.
import { findIdentifyingDetails, type DetailKind } from '../privacy/identifying.js';

export interface Redaction {
  /** The draft's field it was in: learnt, impact, peer_reflection.learnt, ... */
  field: string;
  kind: DetailKind;
  message: string;
}

const KIND_WORDS: Record<DetailKind, string> = {
  name: 'a name',
  postcode: 'a postcode',
  'date-of-birth': 'a date of birth',
  'nhs-number': 'an NHS number',
  'ni-number': 'a National Insurance number',
  phone: 'a phone number',
  email: 'an e-mail address',
};

/** The text with each finding replaced by a marker, and what was replaced. */
export function redactText(text: string, names: readonly string[], field: string): { text: string; removed: Redaction[] } {
  const findings = findIdentifyingDetails(text, { names });
  if (findings.length === 0) return { text, removed: [] };
  // Offsets from (line, column): the scan counts lines as the participant's editor shows them.
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push(m.index + m[0].length);
  const spans = findings
    .map((f) => ({ from: starts[f.line - 1]! + f.column - 1, to: starts[f.endLine - 1]! + f.endColumn - 1, f }))
    .sort((a, b) => b.from - a.from);
  let out = text;
  for (const s of spans) out = `${out.slice(0, s.from)}[removed: ${KIND_WORDS[s.f.kind]}]${out.slice(s.to)}`;
  // Not the finder's message: it quotes what it found, which is what must not travel.
  return { text: out, removed: spans.reverse().map((s) => ({ field, kind: s.f.kind, message: `${KIND_WORDS[s.f.kind]} was taken out; check the sentence still says what you mean` })) };
}

type Texts = { learnt: string; impact: string; description: string; relevance: string; title: string; peer_reflection: { learnt: string; peer: string } | null };

export function redactIdentifying<T extends Texts>(draft: T, names: readonly string[]): T & { removed: Redaction[] } {
  const removed: Redaction[] = [];
  const clean = (text: string, field: string) => {
    const r = redactText(text, names, field);
    removed.push(...r.removed);
    return r.text;
  };
  const out = { ...draft };
  for (const key of ['title', 'description', 'relevance', 'learnt', 'impact'] as const) out[key] = clean(draft[key], key) as T[typeof key];
  if (draft.peer_reflection) out.peer_reflection = { learnt: clean(draft.peer_reflection.learnt, 'peer_reflection.learnt'), peer: clean(draft.peer_reflection.peer, 'peer_reflection.peer') };
  return { ...out, removed };
}
