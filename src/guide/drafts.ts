// What the participant is typing, kept on disk line by line in the portfolio's
// private folder (never committed, never in a sign-off), so that a closed
// terminal window, a shutdown or a kill costs nothing: the next time the
// answer is asked, what was kept is shown and can be taken up.
import { mkdirSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { readInside } from '../portfolio/read.js';
import { writeFileAtomic } from '../util/atomic.js';
import type { Target } from './target.js';

export const DRAFTS_DIR = 'private/drafts';

/** How the typed text was to be saved: as the answer, added below it, carrying on its last paragraph, or in place of it. */
export type DraftAction = 'new' | 'add' | 'continue' | 'replace';

export interface Draft {
  /** Relative to the portfolio. */
  rel: string;
  file: string;
  key: string;
  where: string;
  action: DraftAction;
  /** When it was last written, as shown to the participant. */
  at: string;
  text: string;
}

const META = /^<!-- (\{.*\}) -->$/;

export const draftFile = (t: Pick<Target, 'spec' | 'key'>) => `${DRAFTS_DIR}/${t.spec.file.replace(/\.md$/, '').replace(/[\\/]+/g, '-')}-${t.key}.md`;

/** Keeps the text typed so far; an empty text removes the draft. Never throws: typing goes on whatever the disk says. */
export function keepDraft(root: string, t: Target, action: DraftAction, text: string, now = new Date()): void {
  if (!text.trim()) return removeDraft(root, t);
  const rel = draftFile(t);
  const at = `${now.toISOString().slice(0, 10)} ${now.toTimeString().slice(0, 5)}`;
  const meta = JSON.stringify({ file: t.spec.file, key: t.key, where: t.where, action, at });
  const body =
    `<!-- permanence: what you were typing for ${t.spec.file}, ${t.where.replace(/--+>?/g, '-')}, kept as you typed it. ` +
    `permanence offers it back the next time you come to that answer. -->\n<!-- ${meta} -->\n\n${text.replace(/\r\n/g, '\n')}\n`;
  try {
    mkdirSync(join(root, DRAFTS_DIR), { recursive: true });
    writeFileAtomic(join(root, rel), body);
  } catch {
    // the answer is still on screen and in memory; a draft is a second copy
  }
}

export function removeDraft(root: string, t: Pick<Target, 'spec' | 'key'>): void {
  try {
    unlinkSync(join(root, draftFile(t)));
  } catch {
    // none kept
  }
}

export function readDraft(root: string, t: Pick<Target, 'spec' | 'key'>): Draft | undefined {
  return parseDraft(root, draftFile(t));
}

/** Every draft kept in the portfolio, oldest file name first. */
export function listDrafts(root: string): Draft[] {
  let names: string[];
  try {
    names = readdirSync(join(root, DRAFTS_DIR)).filter((n) => n.endsWith('.md')).sort();
  } catch {
    return [];
  }
  return names.map((n) => parseDraft(root, `${DRAFTS_DIR}/${n}`)).filter((d): d is Draft => d !== undefined);
}

function parseDraft(root: string, rel: string): Draft | undefined {
  const read = readInside(root, rel, 4 * 1024 * 1024);
  if (!read || 'problem' in read) return undefined;
  const lines = read.text.replace(/\r\n/g, '\n').split('\n');
  const meta = META.exec(lines[1] ?? '');
  if (!meta) return undefined;
  let m: Partial<Draft>;
  try {
    m = JSON.parse(meta[1]!) as Partial<Draft>;
  } catch {
    return undefined;
  }
  const text = lines.slice(2).join('\n').replace(/^\n+|\s+$/g, '');
  if (!text || typeof m.file !== 'string' || typeof m.key !== 'string') return undefined;
  const action: DraftAction = m.action === 'add' || m.action === 'continue' || m.action === 'replace' ? m.action : 'new';
  return { rel, file: m.file, key: m.key, where: String(m.where ?? m.key), action, at: String(m.at ?? ''), text };
}
