import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync, constants } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { EXIT, ExitError } from '../errors.js';

/**
 * Codes Windows gives while another program (OneDrive, antivirus, the search
 * indexer, a PDF viewer) holds the file open: they pass once it lets go.
 */
const REFUSED = new Set(['EPERM', 'EACCES', 'EBUSY']);
/** Waits between attempts, in ms: about five seconds in all before giving up. */
const BACKOFF = [20, 40, 80, 160, 320, 640, 1000, 1000, 1000, 1000];

const codeOf = (err: unknown) => (err as NodeJS.ErrnoException | undefined)?.code;

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `step`, again after a pause while Windows refuses it; the last refusal is thrown. */
function retried<T>(step: () => T): T {
  for (let attempt = 0; ; attempt++) {
    try {
      return step();
    } catch (err) {
      if (!REFUSED.has(codeOf(err) ?? '') || attempt >= BACKOFF.length) throw err;
      pause(BACKOFF[attempt]!);
    }
  }
}

/** A save refused for good: the text is kept in `keptIn` (undefined only when nothing could be written anywhere). */
export class SaveRefused extends ExitError {
  constructor(
    readonly path: string,
    readonly keptIn: string | undefined,
    readonly reason: string,
  ) {
    super(EXIT.usage, refusedMessage(path, keptIn, reason));
    this.name = 'SaveRefused';
  }
}

function refusedMessage(path: string, keptIn: string | undefined, reason: string): string {
  const name = basename(path);
  // Outside Windows, EPERM and EACCES mean the permissions, not a program holding the file.
  const held = reason === 'EBUSY' || (REFUSED.has(reason) && process.platform === 'win32')
    ? `another program is holding it open (${reason}), even after trying again for five seconds`
    : REFUSED.has(reason)
      ? `permission denied (${reason}), even after trying again for five seconds; check that you may write to that folder`
    : reason === 'ENOSPC'
      ? 'the disk is full (ENOSPC)'
      : `the computer refused (${reason})`;
  const lines = [`Could not save ${path}: ${held}.`];
  if (extname(path).toLowerCase() === '.pdf') {
    lines.push(`Close ${name} in your PDF viewer (or any program showing it) and run render again.`);
    if (keptIn) lines.push(`The new PDF is kept meanwhile in ${keptIn}.`);
  } else if (keptIn) {
    lines.push(`Nothing is lost: what was being saved is kept in ${keptIn}.`);
    lines.push(`Close ${name} in any program that has it open (an editor, OneDrive still syncing, antivirus), then run the command again; copy anything missing from the kept file, then delete it.`);
  } else {
    lines.push(`Close ${name} in any program that has it open and run the command again.`);
  }
  return lines.join('\n');
}

/** A name beside `path` that says what it is: "week-2.unsaved-20261202-054812.md". */
function keepName(path: string): string {
  const ext = extname(path);
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return join(dirname(path), `${basename(path, ext)}.unsaved-${stamp}${ext}`);
}

function writeAll(file: string, buffer: Uint8Array, mode: number): void {
  const fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  try {
    let written = 0;
    while (written < buffer.length) written += writeSync(fd, buffer, written, buffer.length - written);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    removeQuietly(file);
    throw err;
  }
  closeSync(fd);
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

/**
 * Writes a file so that a crash, a kill or a power cut leaves either the old
 * contents or the new, never a mix: a temporary file beside it, flushed to disk,
 * then renamed over the original (rename is atomic within a directory). A
 * refused write or rename is tried again for a few seconds; if it is still
 * refused, the new contents are kept in a file beside it, named in the error,
 * so the only copy is never deleted.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  let mode = 0o644;
  try {
    mode = statSync(path).mode & 0o777;
  } catch {
    // a new file
  }
  const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  try {
    retried(() => writeAll(tmp, buffer, mode));
  } catch (err) {
    throw new SaveRefused(path, keepCopy(path, buffer), codeOf(err) ?? (err instanceof Error ? err.message : String(err)));
  }
  try {
    retried(() => renameSync(tmp, path));
  } catch (err) {
    // The temporary file is now the only copy of the new contents: it is kept, under a name a person can find.
    const kept = keepName(path);
    let keptIn = tmp;
    try {
      renameSync(tmp, kept);
      keptIn = kept;
    } catch {
      // the temporary file stays where it is, and is named
    }
    throw new SaveRefused(path, keptIn, codeOf(err) ?? (err instanceof Error ? err.message : String(err)));
  }
  syncDirectory(dir);
}

/** The contents written somewhere a person can find them: beside the file, or else in the temporary folder. */
function keepCopy(path: string, buffer: Uint8Array): string | undefined {
  const beside = keepName(path);
  for (const kept of [beside, join(tmpdir(), basename(beside))]) {
    try {
      writeAll(kept, buffer, 0o600);
      return kept;
    } catch {
      // try the next place
    }
  }
  return undefined;
}

/** Makes the rename itself durable. Not possible on Windows, where it is not needed the same way. */
function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // some file systems refuse to fsync a directory; the rename has still happened
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
