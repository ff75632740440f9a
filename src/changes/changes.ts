// permanence changes: what changed since a sign-off (or a commit), worked out
// from the signed record, the files now and, where it holds them, git.
import type { Catalogue } from '../programme/load.js';
import { entrySpecs, type EntrySpec } from '../portfolio/layout.js';
import { readInside } from '../portfolio/read.js';
import { git, gitAvailable, isRepo } from '../util/git.js';
import { compareFiles, coveredFiles, textDigest, type FileDigest } from '../verify/digest.js';
import { checkSignoffs, type SignoffRecord } from '../verify/signoff.js';
import { compareEntry, type AnswerChange } from './compare.js';
import { changedAnswers } from './answers.js';
import { parseEntry, type ParsedEntry } from '../portfolio/entry.js';
import { signedTexts } from './signed.js';

export interface ChangesReport {
  since:
    | { kind: 'signoff'; file: string; record: Pick<SignoffRecord, 'kind' | 'name' | 'role' | 'date'> & { module?: number }; commit?: string }
    | { kind: 'commit'; commit: string };
  /** Answers whose words changed, in programme order. */
  answers: AnswerChange[];
  /** Files other than entries (or entries whose earlier text is unknown), by what happened to them. */
  files: { changed: string[]; added: string[]; removed: string[] };
  /** Entries that changed, whose signed text is not in git: what changed in them cannot be shown. */
  unknown: string[];
  /** Of those, the answers that changed, by the digests the record keeps of each (a record made before it kept them: none). */
  unseen: { file: string; key: string; name: string; line?: number }[];
  /** Why the words of a change cannot be shown, when they cannot. */
  limits?: string;
}

export class ChangesError extends Error {}

/** The record a --since names: its file, its file name, its number ("1", "0001"); none: the latest. */
function pickRecord(root: string, since: string | undefined) {
  const state = checkSignoffs(root);
  if (state.records.length === 0) return undefined;
  if (since === undefined) return state.latest;
  const n = /^\d{1,4}$/.test(since) ? since.padStart(4, '0') : undefined;
  return state.records.find((r) => r.file === since || r.file.endsWith(`/${since}`) || (n !== undefined && r.file.startsWith(`signoffs/${n}-`)));
}

const current = (root: string, path: string): string | undefined => {
  const r = readInside(root, path);
  return r && 'text' in r ? r.text : undefined;
};

export function changesSince(root: string, cat: Catalogue, since?: string): ChangesReport {
  const record = pickRecord(root, since);
  if (record?.record) return sinceRecord(root, cat, record.file, record.record);
  if (record) throw new ChangesError(`${record.file} cannot be read (${record.reasons.join('; ')}), so nothing can be compared with it.`);
  if (since !== undefined && gitAvailable() && isRepo(root)) {
    const commit = git(root, ['rev-parse', '--verify', '--quiet', `${since}^{commit}`]).stdout.trim();
    if (commit) return sinceCommit(root, cat, commit);
  }
  if (since !== undefined) throw new ChangesError(`--since ${since}: neither a sign-off of this portfolio (its file, or its number: 1, 2, ...) nor a commit in its git history.`);
  throw new ChangesError('There is no sign-off yet, so nothing to compare with. To see what changed since a commit, run: permanence changes --since <commit>');
}

function sinceRecord(root: string, cat: Catalogue, file: string, record: SignoffRecord): ChangesReport {
  const now = coveredFiles(root);
  const diff = compareFiles(record.files, now);
  const specs = new Map(entrySpecs(cat).map((s) => [s.file, s]));
  const signed = signedTexts(root, record as SignoffRecord & { git_commit?: string }, file, [...diff.changed, ...diff.removed].filter((p) => specs.has(p)));
  const report = emptyReport({ kind: 'signoff', file, record: { kind: record.kind, name: record.name, role: record.role, date: record.date, ...(record.module !== undefined ? { module: record.module } : {}) }, ...(signed.commit ? { commit: signed.commit } : {}) });
  for (const spec of specs.values()) {
    const path = spec.file;
    if (diff.added.includes(path)) report.answers.push(...compareEntry(spec, cat, undefined, current(root, path)));
    else if (diff.changed.includes(path) || diff.removed.includes(path)) {
      const before = signed.texts.get(path);
      if (before === undefined) {
        report.unknown.push(path);
        if (record.answers) for (const a of changedAnswers(spec, cat, parsed(root, spec, cat), record.answers)) report.unseen.push({ file: path, ...a });
      }
      else report.answers.push(...compareEntry(spec, cat, before, diff.removed.includes(path) ? undefined : current(root, path)));
    }
  }
  report.files = {
    changed: diff.changed.filter((p) => !specs.has(p)),
    added: diff.added.filter((p) => !specs.has(p)),
    removed: diff.removed.filter((p) => !specs.has(p) || !signed.texts.has(p)),
  };
  if (report.unknown.length > 0) {
    const proves = record.answers ? 'which answers changed (by their digests)' : 'which files changed (by their digests)';
    report.limits = signed.noGit
      ? `${signed.noGit}: the record proves ${proves}, but not what was in them when signed`
      : `the signed text of these files was never committed to git, so the record proves only ${proves}`;
  }
  return report;
}

function sinceCommit(root: string, cat: Catalogue, commit: string): ChangesReport {
  const then = git(root, ['ls-tree', '-r', '--name-only', commit]).stdout.split('\n').filter(Boolean);
  const show = (path: string) => {
    const r = git(root, ['show', `${commit}:${path}`]);
    return r.ok ? r.stdout : undefined;
  };
  const now = coveredFiles(root);
  const before: FileDigest[] = then.filter((p) => !isExcluded(p)).map((p) => ({ path: p, sha256: textDigest(show(p) ?? '') }));
  const diff = compareFiles(before, now);
  const report = emptyReport({ kind: 'commit', commit });
  const specs = new Map(entrySpecs(cat).map((s) => [s.file, s]));
  for (const spec of specs.values()) {
    if ([...diff.changed, ...diff.added, ...diff.removed].includes(spec.file)) report.answers.push(...compareEntry(spec, cat, show(spec.file), current(root, spec.file)));
  }
  report.files = { changed: diff.changed.filter((p) => !specs.has(p)), added: diff.added.filter((p) => !specs.has(p)), removed: diff.removed.filter((p) => !specs.has(p)) };
  return report;
}

/** What a sign-off never covers (see digest.ts): not a change to report. */
const isExcluded = (p: string) => /^(private|submission|signoffs|node_modules)\//.test(p);

const emptyReport = (since: ChangesReport['since']): ChangesReport => ({ since, answers: [], files: { changed: [], added: [], removed: [] }, unknown: [], unseen: [] });

/** An entry as it is now, parsed (none when it is gone or cannot be read). */
function parsed(root: string, spec: EntrySpec, cat: Catalogue): ParsedEntry | undefined {
  const text = current(root, spec.file);
  return text === undefined ? undefined : parseEntry(text, spec, cat);
}
