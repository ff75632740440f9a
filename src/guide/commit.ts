// The portfolio's history: what is not yet in it, a message for it in the
// programme's words, and the commit at the end of a guided session.
import { lstatSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalogue } from '../programme/load.js';
import { entrySpecs, type EntrySpec } from '../portfolio/layout.js';
import { parseEntry, type ParsedEntry } from '../portfolio/entry.js';
import { CONFIG_FILE } from '../portfolio/config.js';
import { readInside } from '../portfolio/read.js';
import { git, gitAsync, gitAvailable, gitDirLeadsOut, type GitResult } from '../util/git.js';
import type { Guide } from './context.js';

/** What the history holds against the files: no git, no repository, or the files changed since the last commit. */
export type History = { kind: 'no-git' } | { kind: 'no-repo' } | { kind: 'repo'; changed: Change[] };

export interface Change {
  file: string;
  removed: boolean;
}

// Paths relative to the portfolio, every untracked file named (not only its folder).
const STATUS = ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', '.'];
// Whether this is a work tree, and where the portfolio is in it, in one call: "true\n<prefix>\n".
const WHERE = ['rev-parse', '--is-inside-work-tree', '--show-prefix'];

export function history(root: string): History {
  if (gitDirLeadsOut(root)) return gitAvailable() ? { kind: 'no-repo' } : { kind: 'no-git' };
  return historyFrom(ownRepository(root) ? TOP : git(root, WHERE), git(root, STATUS));
}

/** history(), with git run meanwhile: started before the portfolio is read, it costs status little time. */
export async function historyLater(root: string): Promise<History> {
  if (gitDirLeadsOut(root)) return gitAvailable() ? { kind: 'no-repo' } : { kind: 'no-git' };
  const [where, status] = await Promise.all([ownRepository(root) ? TOP : gitAsync(root, WHERE), gitAsync(root, STATUS)]);
  return historyFrom(where, status);
}

/** A portfolio with a .git folder of its own is the top of its work tree, as git would say (each start of git costs milliseconds). */
const TOP: GitResult = { ok: true, stdout: 'true\n\n', stderr: '' };
function ownRepository(root: string): boolean {
  try {
    return lstatSync(join(root, '.git')).isDirectory();
  } catch {
    return false;
  }
}

function historyFrom(where: GitResult, r: GitResult): History {
  if (where.missing || r.missing) return { kind: 'no-git' };
  const [inside, prefix = ''] = where.stdout.split('\n');
  if (inside !== 'true' || !r.ok) return { kind: 'no-repo' };
  const parts = r.stdout.split('\0');
  const changed: Change[] = [];
  for (let i = 0; i < parts.length; i++) {
    const rec = parts[i]!;
    if (rec.length < 4) continue;
    const code = rec.slice(0, 2);
    const path = rec.slice(3);
    const rel = (p: string) => (prefix && p.startsWith(prefix) ? p.slice(prefix.length) : p);
    changed.push({ file: rel(path), removed: code.includes('D') });
    // A rename names the old path next: its removal is part of the change.
    if (code[0] === 'R' || code[0] === 'C') {
      i++;
      if (code[0] === 'R' && parts[i]) changed.push({ file: rel(parts[i]!), removed: true });
    }
  }
  return { kind: 'repo', changed };
}

/** Why there is no history, said once, for a participant. */
export function noHistoryText(h: History): string | undefined {
  if (h.kind === 'no-git') return 'no history is kept, as git is not installed (your answers are in the files)';
  if (h.kind === 'no-repo') return 'no history is kept, as this portfolio is not a git repository';
  return undefined;
}

/** "3-5", "1, 3-5": task numbers as a reader says them. */
function ranges(ns: number[]): string {
  const sorted = [...new Set(ns)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    out.push(j === i ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return out.join(', ');
}

function parsed(text: string | undefined, spec: EntrySpec, cat: Catalogue): ParsedEntry | undefined {
  return text === undefined ? undefined : parseEntry(text, spec, cat);
}

/** The answers (slot keys) that differ between the last commit and the file now. */
function changedKeys(root: string, cat: Catalogue, spec: EntrySpec): string[] {
  const committed = git(root, ['cat-file', 'blob', `HEAD:./${spec.file}`]);
  const now = readInside(root, spec.file);
  const before = parsed(committed.ok ? committed.stdout : undefined, spec, cat);
  const after = parsed(now && 'text' in now ? now.text : undefined, spec, cat);
  const keys = new Set([...(before?.slots.keys() ?? []), ...(after?.slots.keys() ?? [])]);
  return [...keys].filter((k) => (before?.slots.get(k)?.raw.trim() ?? '') !== (after?.slots.get(k)?.raw.trim() ?? ''));
}

const lowerFirst = (t: string) => (/^[A-Z][a-z]/.test(t) ? t[0]!.toLowerCase() + t.slice(1) : t);

/** What changed, in the programme's words: "Module 1 week 2: tasks 3-5; learning goals". */
export function describeChanges(root: string, cat: Catalogue, changes: Change[]): string {
  const specs = entrySpecs(cat);
  const parts: string[] = [];
  let others = 0;
  for (const spec of specs) {
    const change = changes.find((c) => c.file === spec.file);
    if (!change) continue;
    const name =
      spec.kind === 'week'
        ? `Module ${spec.module} week ${spec.week.number}`
        : spec.kind === 'selfassessment'
          ? `${spec.item.stage === 'followup' ? 'follow-up' : 'baseline'} self-assessment`
          : lowerFirst(spec.item.title.replace(/^Part [A-Z]:\s*/, ''));
    if (change.removed) {
      parts.push(`${name} removed`);
      continue;
    }
    const keys = changedKeys(root, cat, spec);
    if (spec.kind === 'week') {
      const tasks = keys.map((k) => parseInt(k, 10)).filter((n) => !Number.isNaN(n));
      parts.push(tasks.length > 0 ? `${name}: ${tasks.length > 1 && new Set(tasks).size > 1 ? 'tasks' : 'task'} ${ranges(tasks)}` : name);
    } else if (spec.kind === 'selfassessment') {
      const ratings = keys.filter((k) => /^AP/.test(k)).length;
      parts.push(ratings > 0 ? `${name}: ${ratings} ${ratings === 1 ? 'rating' : 'ratings'}` : name);
    } else {
      parts.push(name);
    }
  }
  for (const c of changes) {
    if (specs.some((s) => s.file === c.file)) continue;
    if (c.file === CONFIG_FILE) parts.push('portfolio settings');
    else others++;
  }
  if (others > 0) parts.push(`${others} other ${others === 1 ? 'file' : 'files'}`);
  const text = parts.join('; ') || 'Portfolio';
  return text[0]!.toUpperCase() + text.slice(1);
}

/**
 * Commits exactly `files` (relative to the portfolio): anything else the
 * participant has staged stays staged and out of this commit.
 */
export function commitFiles(root: string, files: string[], message: string, name: string): { ok: boolean; detail: string } {
  const add = git(root, ['add', '-A', '--', ...files]);
  if (!add.ok) return { ok: false, detail: add.stderr.trim() };
  const identity: string[] = [];
  if (!git(root, ['config', 'user.email']).stdout.trim()) identity.push('-c', 'user.email=portfolio@permanence.invalid');
  if (!git(root, ['config', 'user.name']).stdout.trim()) identity.push('-c', `user.name=${name}`);
  const r = git(root, [...identity, 'commit', '-q', '--no-verify', '-m', message, '--', ...files]);
  return { ok: r.ok, detail: (r.stderr || r.stdout).trim() };
}

/** Changed since `since` (ms): what a session wrote, however it wrote it (an item filled from a week, an editor). */
function changedSince(root: string, changes: Change[], since: number): string[] {
  return changes
    .filter((c) => {
      try {
        return c.removed || statSync(join(root, c.file)).mtimeMs >= since;
      } catch {
        return false;
      }
    })
    .map((c) => c.file);
}

/**
 * --commit: commit; --no-commit: do not; neither: ask, when there is someone to
 * ask. The commit takes every file the session changed (those it wrote, and any
 * other file changed since it started); older changes are left for
 * permanence save, and said so. Says what happened either way.
 */
export async function offerCommit(g: Guide, message: string, commit: boolean | undefined, canAsk: boolean, session: { since: number; file: string }): Promise<void> {
  const { since, file } = session;
  if (commit === false) return;
  const h = history(g.root);
  if (h.kind !== 'repo') {
    if (g.touched.size > 0) g.say(g.style.dim(`Note: ${noHistoryText(h)}.`));
    return;
  }
  const inHistory = new Set(h.changed.map((c) => c.file));
  const files = [...new Set([...[...g.touched].filter((f) => inHistory.has(f)), ...changedSince(g.root, h.changed, since)])].sort();
  const older = h.changed.filter((c) => !files.includes(c.file)).length;
  if (files.length === 0) {
    if (older > 0) g.say(g.style.dim(`Changes from before this session are not in your portfolio's history yet: permanence save keeps them.`));
    return;
  }
  // The session's own file is in the message already; anything else it changed is named after it.
  const others = h.changed.filter((c) => files.includes(c.file) && c.file !== file);
  const full = others.length > 0 ? `${message}; ${lowerFirst(describeChanges(g.root, g.cat, others))}` : message;
  let go = commit === true;
  if (commit === undefined) {
    if (!canAsk) return;
    go = await g.ask.confirm({ message: `Save this to your portfolio's history ("${full}")?`, default: true });
  }
  if (!go) {
    g.say(g.style.dim('Not saved to the history. Your answers are in the files; permanence save keeps them in the history when you want.'));
    return;
  }
  const r = commitFiles(g.root, files, full, g.config?.participant ?? 'Participant');
  g.say(r.ok ? g.style.green(`✓ Saved to your portfolio's history: ${full}`) : g.style.yellow(`⚠ git could not save to the history (${r.detail.split('\n')[0]}). Your answers are saved in the files.`));
  if (r.ok && older > 0) g.say(g.style.dim(`${older} other ${older === 1 ? 'change' : 'changes'} from before this session: permanence save keeps ${older === 1 ? 'it' : 'them'} too.`));
}
