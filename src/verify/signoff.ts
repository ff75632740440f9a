// Sign-off records (JSON): what a supervisor verified, when, and a digest of exactly
// the content they saw. Records are appended as new files under signoffs/ and
// never rewritten; a record may carry an SSH signature beside it (.sig).
import { createRequire } from 'node:module';
import { mkdirSync, openSync, closeSync, writeSync, fsyncSync, readdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readInside } from '../portfolio/read.js';
import { compareFiles, contentDigest, coveredFiles, type Changes, type FileDigest } from './digest.js';

// ssh-keygen runs only for a signed record; verify without one need not load child_process (and net, dgram).
const requireCjs = createRequire(import.meta.url);
const childProcess = () => requireCjs('node:child_process') as typeof import('node:child_process');

export const SIGNOFF_DIR = 'signoffs';
export const SSH_NAMESPACE = 'permanence-signoff';

export interface SignoffRecord {
  permanence: 'signoff';
  kind: 'final' | 'module';
  module?: number;
  name: string;
  role: string;
  date: string;
  note?: string;
  programme: string;
  content_version: string;
  complete: boolean;
  digest: string;
  files: FileDigest[];
}

export type SignoffStatus = 'none' | 'valid' | 'changed' | 'invalid';

export interface SignoffCheck {
  file: string;
  record?: SignoffRecord;
  status: Exclude<SignoffStatus, 'none'>;
  signed: boolean;
  /** Who signed, when the signature was checked against allowed signers. */
  signer?: string;
  reasons: string[];
  changes?: Changes;
}

export interface SignoffState {
  status: SignoffStatus;
  /** The record that decides the status: the latest one. */
  latest?: SignoffCheck;
  records: SignoffCheck[];
}

function recordFiles(root: string): string[] {
  try {
    return readdirSync(join(root, SIGNOFF_DIR))
      .filter((f) => /^\d{4}-[a-z0-9-]+\.json$/.test(f))
      .sort();
  } catch {
    return [];
  }
}

function parseRecord(text: string): { record?: SignoffRecord; reason?: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { reason: `not valid JSON: ${(err as Error).message}` };
  }
  const r = data as Partial<SignoffRecord> | null;
  if (!r || typeof r !== 'object' || r.permanence !== 'signoff') return { reason: 'not a sign-off record' };
  const strings = ['name', 'role', 'date', 'digest', 'programme', 'content_version'] as const;
  for (const k of strings) if (typeof r[k] !== 'string' || r[k] === '') return { reason: `its ${k} is missing` };
  if (r.kind !== 'final' && r.kind !== 'module') return { reason: 'its kind is neither final nor module' };
  if (!Array.isArray(r.files) || r.files.some((f) => typeof f?.path !== 'string' || typeof f?.sha256 !== 'string')) {
    return { reason: 'its list of files is damaged' };
  }
  return { record: r as SignoffRecord };
}

/** Checks every record against the portfolio as it is now (and, given allowed signers, every signature). */
export function checkSignoffs(root: string, options: { allowedSigners?: string } = {}, covered?: FileDigest[]): SignoffState {
  const files = recordFiles(root);
  if (files.length === 0) return { status: 'none', records: [] };
  const now = covered ?? coveredFiles(root);
  const records: SignoffCheck[] = files.map((name) => {
    const file = `${SIGNOFF_DIR}/${name}`;
    const read = readInside(root, file, 4 * 1024 * 1024);
    if (!read || 'problem' in read) return { file, status: 'invalid', signed: false, reasons: [read ? read.problem.message : 'is missing'] };
    const { record, reason } = parseRecord(read.text);
    const sigFile = `${file}.sig`;
    const signed = existsSync(join(root, sigFile));
    if (!record) return { file, status: 'invalid', signed, reasons: [`the record is damaged: ${reason}`] };
    const reasons: string[] = [];
    if (contentDigest(record.files) !== record.digest) reasons.push('its digest does not match its own list of files: the record was edited after it was made');
    let signer: string | undefined;
    if (signed && options.allowedSigners) {
      const check = verifySignature(join(root, file), join(root, sigFile), options.allowedSigners);
      if (check.ok) signer = check.principal;
      else reasons.push(`its SSH signature does not verify against ${options.allowedSigners}: ${check.reason}`);
    } else if (!signed && options.allowedSigners) {
      reasons.push('it is not signed, and --allowed-signers asks for signed sign-offs');
    }
    if (reasons.length > 0) return { file, record, status: 'invalid', signed, reasons };
    const changes = compareFiles(record.files, now);
    const changed = changes.changed.length + changes.added.length + changes.removed.length > 0;
    return {
      file,
      record,
      status: changed ? 'changed' : 'valid',
      signed,
      ...(signer ? { signer } : {}),
      reasons: changed ? [describeChanges(changes)] : [],
      changes,
    };
  });
  const latest = records[records.length - 1]!;
  return { status: latest.status, latest, records };
}

export function describeChanges(c: Changes): string {
  const parts: string[] = [];
  if (c.changed.length) parts.push(`changed since the sign-off: ${c.changed.join(', ')}`);
  if (c.added.length) parts.push(`added: ${c.added.join(', ')}`);
  if (c.removed.length) parts.push(`removed: ${c.removed.join(', ')}`);
  return parts.join('; ');
}

/** What the supervisor says; the digest and the files are worked out. */
export type NewSignoff = Omit<SignoffRecord, 'permanence' | 'digest' | 'files'>;

/**
 * Appends a record (a new file, opened exclusively so nothing is ever
 * overwritten) and, with a key, its SSH signature. Returns the record's path.
 */
export function appendSignoff(root: string, s: NewSignoff, key?: string): { file: string; sigFile?: string } {
  const files = coveredFiles(root);
  const record: SignoffRecord = {
    permanence: 'signoff',
    kind: s.kind,
    ...(s.module !== undefined ? { module: s.module } : {}),
    name: s.name,
    role: s.role,
    date: s.date,
    ...(s.note ? { note: s.note } : {}),
    programme: s.programme,
    content_version: s.content_version,
    complete: s.complete,
    digest: contentDigest(files),
    files,
  };
  const dir = join(root, SIGNOFF_DIR);
  mkdirSync(dir, { recursive: true });
  const next = recordFiles(root).reduce((n, f) => Math.max(n, Number(f.slice(0, 4))), 0) + 1;
  const name = `${String(next).padStart(4, '0')}-${s.kind === 'final' ? 'final' : `module-${s.module}`}.json`;
  const file = `${SIGNOFF_DIR}/${name}`;
  // JSON: written by permanence and never edited by hand (verify checks its digest), read fast.
  const text = `${JSON.stringify(record, null, 2)}\n`;
  const fd = openSync(join(root, file), 'wx');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (!key) return { file };
  const signed = childProcess().spawnSync('ssh-keygen', ['-Y', 'sign', '-q', '-f', key, '-n', SSH_NAMESPACE, join(root, file)], { encoding: 'utf8' });
  if (signed.error || signed.status !== 0) {
    // An unsigned record must not stand in for a signed one: take it back.
    rmSync(join(root, file), { force: true });
    const why = signed.error ? signed.error.message : (signed.stderr || '').trim();
    throw new Error(`ssh-keygen could not sign with ${key}: ${why}`);
  }
  return { file, sigFile: `${file}.sig` };
}

function verifySignature(recordPath: string, sigPath: string, allowedSigners: string): { ok: true; principal: string } | { ok: false; reason: string } {
  const find = childProcess().spawnSync('ssh-keygen', ['-Y', 'find-principals', '-s', sigPath, '-f', allowedSigners], { encoding: 'utf8' });
  if (find.error) return { ok: false, reason: `ssh-keygen is not available (${find.error.message})` };
  const principal = (find.stdout ?? '').split('\n')[0]?.trim();
  if (find.status !== 0 || !principal) return { ok: false, reason: 'the key that signed it is not in the allowed signers' };
  const check = childProcess().spawnSync('ssh-keygen', ['-Y', 'verify', '-f', allowedSigners, '-I', principal, '-n', SSH_NAMESPACE, '-s', sigPath], {
    encoding: 'utf8',
    // exactly the bytes that were signed
    input: readFileSync(recordPath),
  });
  if (check.status !== 0) return { ok: false, reason: (check.stderr || check.stdout || 'bad signature').trim().split('\n')[0] ?? 'bad signature' };
  return { ok: true, principal };
}
