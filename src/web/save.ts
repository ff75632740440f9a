// Saving one answer from a page: through the guide's store (the file read
// again, one span replaced, written atomically), under the writer lock. The
// page says what the answer was when it read it; if the file now holds
// something else for that answer, nothing is written and both versions go
// back to be chosen between. A change elsewhere in the file is simply kept.
import { answerText, countWords, isAnswered, withRating } from '../assess/answers.js';
import { formatAnswer } from '../portfolio/answers.js';
import { templateLines } from '../portfolio/body.js';
import { commentKey, type EntrySpec } from '../portfolio/layout.js';
import { expectedKeys } from '../portfolio/write.js';
import type { Field } from '../programme/types.js';
import { findIdentifyingDetails } from '../privacy/identifying.js';
import { describe } from '../guide/details.js';
import { rebuildAreas } from '../guide/fields.js';
import { readEntry, saveAnswer } from '../guide/store.js';
import { readPrivateNames } from '../verify/identifying.js';
import { ExitError } from '../errors.js';
import { specById } from './html.js';
import { withWriteLock } from './lock.js';
import type { Reply, Site } from './site.js';

const MAX_ANSWER = 512 * 1024;

/** Every key a page may save in an entry, with its field where it has one. */
export function keysOf(spec: EntrySpec, site: Pick<Site, 'cat'>): Map<string, Field | undefined> {
  const keys = new Map<string, Field | undefined>();
  if (spec.kind === 'week') for (const t of spec.week.tasks) for (const f of t.fields) keys.set(`${t.number}${f.id}`, f);
  else if (spec.kind === 'item') for (const f of spec.item.fields) keys.set(f.id, f);
  else {
    for (const k of expectedKeys(spec)) keys.set(k.key, undefined);
    for (const s of site.cat.programme.framework.sections) keys.set(commentKey(s.number), undefined);
  }
  return keys;
}

const norm = (s: string) => s.replace(/\r\n?/g, '\n').trim();
const BOX = /^([ \t]*[-*+][ \t]+)\[[ xX]\]/m;

type Op = { op: 'text'; value: string; base: string } | { op: 'check'; value: boolean } | { op: 'rating'; value: number } | { op: 'areas'; value: Record<string, string> };

function parse(site: Site, body: Buffer): { spec: EntrySpec; key: string; field?: Field; change: Op } | string {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return 'the request is not JSON';
  }
  const spec = typeof data.entry === 'string' ? specById(site.cat, data.entry) : undefined;
  if (!spec) return 'no such entry';
  const key = typeof data.key === 'string' ? data.key : '';
  const keys = keysOf(spec, site);
  if (!keys.has(key)) return `no answer '${key}' in ${spec.title}`;
  const field = keys.get(key);
  if (data.op === 'check' && typeof data.value === 'boolean' && field?.kind === 'check') return { spec, key, field, change: { op: 'check', value: data.value } };
  if (data.op === 'areas' && field?.kind === 'areas' && data.value && typeof data.value === 'object' && !Array.isArray(data.value)) {
    const value = data.value as Record<string, unknown>;
    if (Object.entries(value).every(([k, v]) => typeof v === 'string' && k.trim() !== '' && !/[\r\n:]/.test(k) && !/[\r\n]/.test(v) && v.length < 4096)) {
      return { spec, key, field, change: { op: 'areas', value: value as Record<string, string> } };
    }
  }
  if (data.op === 'rating' && Number.isInteger(data.value) && (data.value as number) >= 1 && (data.value as number) <= 5 && spec.kind === 'selfassessment') {
    return { spec, key, change: { op: 'rating', value: data.value as number } };
  }
  if (data.op === 'text' && typeof data.value === 'string' && typeof data.base === 'string' && data.value.length <= MAX_ANSWER) {
    return { spec, key, ...(field ? { field } : {}), change: { op: 'text', value: data.value, base: data.base } };
  }
  return 'the change is not one this page makes';
}

/** What a page shows of an entry: each answer as written, its words and whether it counts as answered. */
export function answersNow(site: Site, spec: EntrySpec) {
  const entry = readEntry(site.root, spec, site.cat);
  const fields: Record<string, { raw: string; words: number; answered: boolean }> = {};
  for (const [key, field] of keysOf(spec, site)) {
    const raw = entry.slots.get(key)?.raw ?? '';
    fields[key] = { raw: norm(raw), words: countWords(answerText(raw, field)), answered: field ? field.kind === 'entry' || isAnswered(field, raw) : raw.trim() !== '' };
  }
  return fields;
}

export function entryState(site: Site, id: string): Reply {
  const spec = specById(site.cat, id);
  if (!spec) return { status: 404, json: { error: 'no such entry' } };
  return guarded(() => ({ json: { fields: answersNow(site, spec) } }));
}

function guarded(fn: () => Reply): Reply {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ExitError) return { status: 409, json: { error: err.message } };
    throw err;
  }
}

export async function saveRequest(site: Site, body: Buffer): Promise<Reply> {
  const req = parse(site, body);
  if (typeof req === 'string') return { status: 400, json: { error: req } };
  const { spec, key, field, change } = req;
  return withWriteLock(site.root, () =>
    guarded(() => {
      let theirs: string | undefined;
      const changed = saveAnswer(site.root, site.cat, spec, key, (now) => {
        if (change.op === 'check') return BOX.test(now) ? now.replace(BOX, `$1[${change.value ? 'x' : ' '}]`) : [formatAnswer(field!, change.value), now.trim()].filter(Boolean).join('\n\n');
        if (change.op === 'rating') return withRating(now, change.value);
        // The ticks and their notes, rebuilt as the guide rebuilds them: anything else under the heading stays.
        if (change.op === 'areas') return rebuildAreas(now, formatAnswer(field!, change.value));
        // Someone else (an editor, permanence week, git) changed this very answer since the page read it.
        if (norm(now) !== norm(change.base) && norm(now) !== norm(change.value)) {
          theirs = now;
          return now;
        }
        return change.value;
      });
      const fields = answersNow(site, spec);
      if (theirs !== undefined) return { status: 409, json: { state: 'conflict', key, theirs: norm(theirs), fields } };
      return { json: { state: changed ? 'saved' : 'unchanged', key, fields } };
    }),
  );
}

/** Identifying details in an answer as it is being typed: what verify would list once it is saved. */
export function scanRequest(site: Site, body: Buffer): Reply {
  let data: { entry?: unknown; value?: unknown };
  try {
    data = JSON.parse(body.toString('utf8')) as typeof data;
  } catch {
    return { status: 400, json: { error: 'the request is not JSON' } };
  }
  const spec = typeof data.entry === 'string' ? specById(site.cat, data.entry) : undefined;
  if (!spec || typeof data.value !== 'string' || data.value.length > MAX_ANSWER) return { status: 400, json: { error: 'no such entry, or no text' } };
  const findings = findIdentifyingDetails(data.value, { names: readPrivateNames(site.root).names, templateLines: templateLines(spec, site.cat) })
    .filter((f) => !f.reviewed)
    .map((f) => ({ line: f.line, kind: f.kind, text: f.text, message: describe(f) }));
  return { json: { findings } };
}
