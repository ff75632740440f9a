// Sign-off records (JSON): what a supervisor verified, when, and a digest of the
// record's own fields and of exactly the content they saw. Records are added as
// new files under signoffs/ and never rewritten; one may carry an SSH signature
// beside it (.sig) over all of its bytes.
import { existsSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { usageError } from '../errors.js';
import { readInside } from '../portfolio/read.js';
import { compareFiles, contentDigest, coveredFiles, sha256, type Changes, type FileDigest } from './digest.js';
import { allowedSignersProblem, verifyRecordSignature } from './ssh.js';
import { recordFiles, SIGNOFF_DIR } from './signoff-claim.js';

export { SSH_NAMESPACE } from './ssh.js';
export { recordFiles, SIGNOFF_DIR } from './signoff-claim.js';
/** The record's form: 2 since its digest covers its own fields. A record without `record` is the older form. */
export const RECORD_VERSION = 2;

/** What the supervisor confirmed of the attendance the participant recorded. */
export interface AttendanceRecorded {
  module: number;
  task: string;
  recorded: string;
}

export interface SignoffRecord {
  permanence: 'signoff';
  record?: 2;
  kind: 'final' | 'module';
  module?: number;
  name: string;
  role: string;
  date: string;
  note?: string;
  attendance_confirmed?: boolean;
  attendance?: AttendanceRecorded[];
  programme: string;
  content_version: string;
  complete: boolean;
  /** The commit that holds the signed content, in a git portfolio. */
  git_commit?: string | null;
  /** One SHA-256 of each field, so verify can name the one that was edited. */
  field_digests?: Record<string, string>;
  /**
   * The digest of every answer with words in it ("module-1/week-2.md#3a"), as
   * signed: which answers changed can be named without the signed text. Newer
   * records only; covered by the digest and field_digests when present.
   */
  answers?: Record<string, string>;
  digest: string;
  files: FileDigest[];
}

/** Every field the record's digest covers, in the order it is computed. */
export const RECORD_FIELDS = ['kind', 'module', 'name', 'role', 'date', 'note', 'attendance_confirmed', 'attendance', 'programme', 'content_version', 'complete', 'git_commit'] as const;
type RecordField = (typeof RECORD_FIELDS)[number];

const fieldDigest = (value: unknown) => sha256(JSON.stringify(value ?? null));

/** The fields a record's digest covers: RECORD_FIELDS, and answers where the record has them (records made before it do not). */
const fieldsOf = (r: Partial<Pick<SignoffRecord, 'answers'>>): readonly (RecordField | 'answers')[] => (r.answers === undefined ? RECORD_FIELDS : [...RECORD_FIELDS, 'answers']);

export function fieldDigests(r: Pick<SignoffRecord, RecordField | 'answers'>): Record<string, string> {
  return Object.fromEntries(fieldsOf(r).map((k) => [k, fieldDigest(r[k])]));
}

/** The record's digest: its fields and its list of files, each file by its SHA-256. */
export function recordDigest(r: Pick<SignoffRecord, RecordField | 'answers' | 'files'>): string {
  const lines = fieldsOf(r).map((k) => `${k} ${JSON.stringify(r[k] ?? null)}\n`);
  return sha256(`permanence-signoff ${RECORD_VERSION}\n${lines.join('')}files ${contentDigest(r.files)}\n`);
}

export type SignoffStatus = 'none' | 'valid' | 'changed' | 'invalid';
/** none: anyone with the files could have written it; unchecked: signed, no allowed signers given. */
export type SignatureState = 'none' | 'unchecked' | 'verified' | 'failed';

export interface SignoffCheck {
  file: string;
  record?: SignoffRecord;
  status: Exclude<SignoffStatus, 'none'>;
  signed: boolean;
  signature: SignatureState;
  /** 1: the older form, whose digest covers the files but not the record's own fields. */
  version: 1 | 2 | null;
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

const isSha = (s: unknown) => typeof s === 'string' && /^[0-9a-f]{64}$/.test(s);

function parseRecord(text: string): { record?: SignoffRecord; reason?: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { reason: `not valid JSON: ${(err as Error).message}` };
  }
  const r = data as Partial<SignoffRecord> | null;
  if (!r || typeof r !== 'object' || Array.isArray(r) || r.permanence !== 'signoff') return { reason: 'not a sign-off record' };
  const strings = ['name', 'role', 'date', 'digest', 'programme', 'content_version'] as const;
  for (const k of strings) if (typeof r[k] !== 'string' || r[k] === '') return { reason: `its ${k} is missing` };
  if (r.kind !== 'final' && r.kind !== 'module') return { reason: 'its kind is neither final nor module' };
  if (!Array.isArray(r.files) || r.files.some((f) => typeof f?.path !== 'string' || typeof f?.sha256 !== 'string')) {
    return { reason: 'its list of files is damaged' };
  }
  if (r.record !== undefined) {
    if (r.record !== RECORD_VERSION) return { reason: `its form (record: ${JSON.stringify(r.record)}) is not one this version of permanence knows` };
    const fd = r.field_digests;
    if (!fd || typeof fd !== 'object' || fieldsOf(r).some((k) => !isSha(fd[k]))) return { reason: 'its field digests are missing or damaged' };
    if (r.answers !== undefined && (typeof r.answers !== 'object' || r.answers === null || Array.isArray(r.answers) || Object.values(r.answers).some((d) => !isSha(d)))) {
      return { reason: 'its digests of the answers are damaged' };
    }
    // An answers digest with no answers beside it: they were taken out of the record.
    if (r.answers === undefined && isSha((fd as Record<string, unknown>).answers)) return { reason: 'its fields were edited after it was made: answers' };
  }
  return { record: r as SignoffRecord };
}

/** Why a record does not prove itself: fields or files edited since it was made. */
function selfCheck(r: SignoffRecord): string[] {
  if (r.record === undefined) {
    return contentDigest(r.files) === r.digest ? [] : ['its digest does not match its own list of files: the record was edited after it was made'];
  }
  const edited = fieldsOf(r).filter((k) => fieldDigest(r[k]) !== r.field_digests![k]);
  if (edited.length > 0) return [`its fields were edited after it was made: ${edited.join(', ')}`];
  if (recordDigest(r) !== r.digest) return ['its digest does not match its fields and list of files: the record was edited after it was made'];
  return [];
}

/** Checks every record against the portfolio as it is now (and, given allowed signers, every signature). */
export function checkSignoffs(root: string, options: { allowedSigners?: string } = {}, covered?: FileDigest[]): SignoffState {
  if (options.allowedSigners) {
    const problem = allowedSignersProblem(options.allowedSigners);
    if (problem) throw usageError(`--allowed-signers ${problem}`);
  }
  const files = recordFiles(root);
  if (files.length === 0) return { status: 'none', records: [] };
  const now = covered ?? coveredFiles(root);
  const records = files.map((name) => checkRecord(root, `${SIGNOFF_DIR}/${name}`, now, options.allowedSigners));
  const latest = records[records.length - 1]!;
  return { status: latest.status, latest, records };
}

function hasSig(root: string, sigFile: string): boolean {
  try {
    lstatSync(join(root, sigFile));
    return true;
  } catch {
    return existsSync(join(root, sigFile));
  }
}

function checkRecord(root: string, file: string, now: FileDigest[], allowedSigners: string | undefined): SignoffCheck {
  const sigFile = `${file}.sig`;
  const signed = hasSig(root, sigFile);
  const unchecked: SignatureState = signed ? 'unchecked' : 'none';
  const read = readInside(root, file, 4 * 1024 * 1024);
  if (!read || 'problem' in read) {
    return { file, status: 'invalid', signed, signature: unchecked, version: null, reasons: [read ? read.problem.message : 'is missing'] };
  }
  const { record, reason } = parseRecord(read.text);
  if (!record) return { file, status: 'invalid', signed, signature: unchecked, version: null, reasons: [`the record is damaged: ${reason}`] };
  const version = record.record === undefined ? 1 : 2;
  const reasons = selfCheck(record);
  let signer: string | undefined;
  let signature: SignatureState = unchecked;
  if (signed && allowedSigners) {
    // Exactly the bytes that were read and checked above.
    let check = verifyRecordSignature(root, sigFile, Buffer.from(read.text, 'utf8'), allowedSigners);
    // Git for Windows (core.autocrlf) checks a record out with CRLF line endings; the supervisor signed its text with LF.
    const crlf = read.text.includes('\r');
    if (!check.ok && crlf) {
      const lf = verifyRecordSignature(root, sigFile, Buffer.from(read.text.replace(/\r\n?/g, '\n'), 'utf8'), allowedSigners);
      if (lf.ok) check = lf;
    }
    signature = check.ok ? 'verified' : 'failed';
    if (check.ok) signer = check.principal;
    else {
      const endings = crlf ? ' (the record has Windows line endings, CRLF; with LF line endings it does not verify either, so more than its line endings changed)' : '';
      reasons.push(`its SSH signature does not verify against ${allowedSigners}: ${check.reason}${endings}`);
    }
  } else if (!signed && allowedSigners) {
    reasons.push('it is not signed, and --allowed-signers asks for signed sign-offs');
  }
  const base = { file, record, signed, signature, version } as const;
  if (reasons.length > 0) return { ...base, status: 'invalid', reasons };
  const changes = compareFiles(record.files, now);
  const changed = changes.changed.length + changes.added.length + changes.removed.length > 0;
  return { ...base, status: changed ? 'changed' : 'valid', ...(signer ? { signer } : {}), reasons: changed ? [describeChanges(changes)] : [], changes };
}

export function describeChanges(c: Changes): string {
  const parts: string[] = [];
  if (c.changed.length) parts.push(`changed since the sign-off: ${c.changed.join(', ')}`);
  if (c.added.length) parts.push(`added: ${c.added.join(', ')}`);
  if (c.removed.length) parts.push(`removed: ${c.removed.join(', ')}`);
  return parts.join('; ');
}
