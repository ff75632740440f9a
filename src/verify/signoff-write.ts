// Writing a sign-off record so that it either stands whole (and signed, when a
// key was given) or not at all: written and signed under temporary names, then
// put in place, the signature first; on any failure both are removed.
import { closeSync, constants, existsSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { coveredFiles, keptFiles } from './digest.js';
import { fieldDigests, recordDigest, recordFiles, RECORD_VERSION, SIGNOFF_DIR, type SignoffRecord } from './signoff.js';
import { signFile } from './ssh.js';

/** What the supervisor says; the digests and the files are worked out. */
export type NewSignoff = Omit<SignoffRecord, 'permanence' | 'record' | 'digest' | 'files' | 'field_digests'>;

/** Why a sign-off could not be written; nothing of it was left behind. */
export class SignoffWriteError extends Error {
  constructor(
    message: string,
    readonly interrupted = false,
  ) {
    super(message);
    this.name = 'SignoffWriteError';
  }
}

export function buildRecord(s: NewSignoff, files = [] as SignoffRecord['files']): SignoffRecord {
  const fields = {
    kind: s.kind,
    ...(s.module !== undefined ? { module: s.module } : {}),
    name: s.name,
    role: s.role,
    date: s.date,
    ...(s.note ? { note: s.note } : {}),
    attendance_confirmed: s.attendance_confirmed === true,
    ...(s.attendance && s.attendance.length > 0 ? { attendance: s.attendance } : {}),
    programme: s.programme,
    content_version: s.content_version,
    complete: s.complete,
    git_commit: s.git_commit ?? null,
    ...(s.answers ? { answers: s.answers } : {}),
  };
  const digestOf = { ...fields, files };
  return { permanence: 'signoff', record: RECORD_VERSION, ...fields, field_digests: fieldDigests(digestOf), digest: recordDigest(digestOf), files };
}

const WHY: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the folder is on a read-only disk',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EIO: 'the disk reported an error',
};
const described = (err: unknown) => {
  const code = (err as NodeJS.ErrnoException).code;
  return code ? `${code}: ${WHY[code] ?? (err as Error).message}` : (err as Error).message;
};

function writeNew(path: string, text: string): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  try {
    const bytes = Buffer.from(text, 'utf8');
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Into place without ever replacing a file there: a link where the disk allows it. */
function place(from: string, to: string): void {
  try {
    linkSync(from, to);
    unlinkSync(from);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw err;
    // File systems without hard links (FAT, some network shares): the writer lock keeps the name ours.
    renameSync(from, to);
  }
}

function syncDir(dir: string): void {
  if (process.platform === 'win32') return;
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // some file systems refuse to fsync a folder; the names are in place all the same
  }
}

const remove = (path: string) => {
  try {
    unlinkSync(path);
  } catch {
    // never made, or gone
  }
};

/**
 * Adds a record under the next number and, with a key, its SSH signature.
 * Returns the paths written (relative to the portfolio) and the record.
 */
export function appendSignoff(root: string, s: NewSignoff, key?: string): { file: string; sigFile?: string; record: SignoffRecord } {
  const record = buildRecord(s, keptFiles(coveredFiles(root)));
  const dir = join(root, SIGNOFF_DIR);
  const next = recordFiles(root).reduce((n, f) => Math.max(n, Number(f.slice(0, 4))), 0) + 1;
  const name = `${String(next).padStart(4, '0')}-${s.kind === 'final' ? 'final' : `module-${s.module}`}.json`;
  const file = `${SIGNOFF_DIR}/${name}`;
  // A temporary name that no reader takes for a record (and git ignores).
  const tmp = join(dir, `.${name}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const final = join(root, file);
  const placed: string[] = [];
  const undo = () => {
    for (const p of [tmp, `${tmp}.sig`, ...placed]) remove(p);
  };
  try {
    mkdirSync(dir, { recursive: true });
    // JSON: written by permanence and never edited by hand (verify checks its digests), read fast.
    writeNew(tmp, `${JSON.stringify(record, null, 2)}\n`);
  } catch (err) {
    undo();
    throw new SignoffWriteError(`Could not write the sign-off record in ${SIGNOFF_DIR}/ (${described(err)}). Nothing was recorded.`);
  }
  if (key) {
    const signed = signFile(tmp, key);
    if (!signed.ok) {
      undo();
      if (signed.interrupted) throw new SignoffWriteError('Stopped while signing: nothing was recorded.', true);
      throw new SignoffWriteError(`ssh-keygen could not sign with ${key}: ${signed.reason}. Nothing was recorded.`);
    }
  }
  try {
    // The signature first: a record never stands without the signature it was given.
    if (key) {
      // A signature left by a sign-off killed before its record was put in place signs nothing.
      if (!existsSync(final)) remove(`${final}.sig`);
      place(`${tmp}.sig`, `${final}.sig`);
      placed.push(`${final}.sig`);
    }
    place(tmp, final);
    placed.push(final);
    syncDir(dir);
  } catch (err) {
    undo();
    throw new SignoffWriteError(`Could not put the sign-off record in place as ${file} (${described(err)}). Nothing was recorded.`);
  }
  return { file, ...(key ? { sigFile: `${file}.sig` } : {}), record };
}
