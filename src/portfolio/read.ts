// Reading a file of a portfolio as untrusted input (someone else's files, on a
// supervisor's machine): no links out, no devices or pipes, bounded in size.
import { isUtf8 } from 'node:buffer';
import { closeSync, constants as fsConstants, fstatSync, lstatSync, openSync, readSync, realpathSync, type Dirent } from 'node:fs';
import nodePath, { join, type PlatformPath } from 'node:path';
import type { Problem } from './problems.js';

/** Larger than any honest entry (a 28-week portfolio is well under 1 MB in all). */
export const MAX_ENTRY_BYTES = 2 * 1024 * 1024;

/**
 * Whether `path` is `root` or below it. On Windows, relative() gives an
 * absolute path for another drive or a UNC share, and compares letters
 * without regard to case, as the file system does. `p` is path.win32 in tests.
 */
export function isInside(root: string, path: string, p: PlatformPath = nodePath): boolean {
  const rel = p.relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${p.sep}`) && !rel.startsWith('../') && !p.isAbsolute(rel));
}

/**
 * What a directory entry is. A listing's word that it is a link is confirmed
 * with lstat first: on Windows a listing calls every reparse point a link,
 * OneDrive's files-on-demand included, which lstat knows to be files and folders.
 */
export function entryKind(d: Dirent, path: string): 'file' | 'folder' | 'link' | 'other' {
  if (d.isFile()) return 'file';
  if (d.isDirectory()) return 'folder';
  if (!d.isSymbolicLink()) return 'other';
  try {
    const st = lstatSync(path);
    return st.isSymbolicLink() ? 'link' : st.isFile() ? 'file' : st.isDirectory() ? 'folder' : 'other';
  } catch {
    return 'link';
  }
}

export type SafeRead = { text: string } | { problem: Omit<Problem, 'file'> };
/** A file's bytes as read, or why they were not. */
export type ByteRead = { bytes: Buffer } | { problem: Omit<Problem, 'file'> };

/**
 * Reads a file of the portfolio as text, refusing what an honest portfolio never
 * holds: links leading outside it, directories, huge or binary files, bytes that
 * are not UTF-8.
 */
export function readInside(root: string, rel: string, maxBytes = MAX_ENTRY_BYTES): SafeRead | undefined {
  const read = readBytesInside(root, rel, maxBytes);
  return read && 'bytes' in read ? decode(read.bytes) : read;
}

/** How a file is read: readInside, or the bytes a walk of the portfolio has already read. */
export type Reader = (root: string, rel: string, maxBytes?: number) => SafeRead | undefined;

/**
 * A file's bytes, read as readInside reads them (no link out, no folder, device
 * or pipe, at most maxBytes); undefined when there is no such file.
 */
export function readBytesInside(root: string, rel: string, maxBytes = MAX_ENTRY_BYTES): ByteRead | undefined {
  const folder = folderOutside(root, rel);
  if (folder) {
    return {
      problem: {
        line: 0,
        severity: 'error',
        code: 'symlink',
        message: `is in ${folder}, a symbolic link to a folder outside the portfolio; it was not followed`,
        fix: `replace the link ${folder} with the folder itself`,
      },
    };
  }
  return readBytesAt(root, join(root, rel), maxBytes);
}

/** Flags that open a file without following a link and without waiting on a pipe. */
export const OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0) | (fsConstants.O_NONBLOCK ?? 0);

function readBytesAt(root: string, path: string, maxBytes: number, viaLink = false): ByteRead | undefined {
  // Where a file cannot be opened without following a link (Windows), look first.
  if (fsConstants.O_NOFOLLOW === undefined) {
    try {
      if (lstatSync(path).isSymbolicLink()) return viaLink ? linkChanged() : followLink(root, path, maxBytes);
    } catch {
      // opened below, which says what is wrong
    }
  }
  // The usual case in as few system calls as the checks allow: open without
  // following a link (and without waiting on a pipe), then look at what was opened.
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    return readUnusual(root, path, maxBytes, code, viaLink);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return notAFile(st.isDirectory());
    const refused = tooLarge(st.size, maxBytes);
    if (refused) return refused;
    let bytes: Buffer;
    try {
      bytes = readAll(fd, st.size, maxBytes);
    } catch (err) {
      return unreadable((err as NodeJS.ErrnoException).code);
    }
    return tooLarge(bytes.length, maxBytes) ?? { bytes };
  } finally {
    closeSync(fd);
  }
}

/**
 * The whole of an open file: in one read when it is the size fstat gave, to
 * its end when a read comes up short (as some file systems do) or the file
 * grew, and never more than one byte past the limit.
 */
export function readAll(fd: number, size: number, maxBytes: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  let buf = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
  for (;;) {
    const n = readSync(fd, buf, 0, buf.length, null);
    if (n === 0) break;
    chunks.push(n === buf.length ? buf : buf.subarray(0, n));
    total += n;
    if (total > maxBytes) break;
    // All fstat promised and the next byte not there: the end, without a read to be told so.
    if (total >= size && n < buf.length) break;
    buf = Buffer.allocUnsafe(Math.min(65536, maxBytes + 1 - total));
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

/**
 * A folder on the way to rel (module-1 in module-1/week-2.md) that is a
 * symbolic link leading outside the portfolio, if there is one. Opening with
 * O_NOFOLLOW guards only the last part of a path.
 */
function folderOutside(root: string, rel: string): string | undefined {
  for (let slash = rel.indexOf('/'); slash !== -1; slash = rel.indexOf('/', slash + 1)) {
    const folder = rel.slice(0, slash);
    try {
      if (lstatSync(join(root, folder)).isSymbolicLink() && !isInside(realpathSync(root), realpathSync(join(root, folder)))) return folder;
    } catch {
      // missing, or a link to nothing: the file is then missing too
    }
  }
  return undefined;
}

export function unreadable(code: string | undefined): { problem: Omit<Problem, 'file'> } {
  return { problem: { line: 0, severity: 'error', code: 'unreadable', message: `cannot be read (${code})`, fix: 'check you may read it (its permissions)' } };
}

export function notAFile(folder: boolean): { problem: Omit<Problem, 'file'> } {
  return folder
    ? { problem: { line: 0, severity: 'error', code: 'not-a-file', message: 'is a folder where a file should be', fix: 'move the folder aside and restore the file (git checkout -- <file>)' } }
    : { problem: { line: 0, severity: 'error', code: 'not-a-file', message: 'is not a regular file (a pipe, a device or a socket); it was not read', fix: 'replace it with the markdown file' } };
}

export function linkChanged(): { problem: Omit<Problem, 'file'> } {
  return { problem: { line: 0, severity: 'error', code: 'symlink', message: 'changed while it was read (a symbolic link was put in its place)', fix: 'run the command again' } };
}

/** Sizes as a person reads them. */
export const sizeText = (bytes: number): string =>
  bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

export function tooLarge(size: number, maxBytes: number): { problem: Omit<Problem, 'file'> } | undefined {
  if (size <= maxBytes) return undefined;
  return {
    problem: {
      line: 0,
      severity: 'error',
      code: 'too-large',
      message: `is ${sizeText(size)}; a portfolio file is at most ${sizeText(maxBytes)}`,
      fix: 'keep attachments and images out of the portfolio files',
    },
  };
}

/** Text saved as UTF-16 (as Notepad may): a byte-order mark, or every other byte nothing. */
function isUtf16(bytes: Buffer): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 4) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  return Math.max(even, odd) >= (n / 2) * 0.9 && Math.min(even, odd) === 0;
}

/** Text from a file's bytes, or why it is not text. */
export function decode(bytes: Buffer): SafeRead {
  if (isUtf16(bytes)) {
    return {
      problem: {
        line: 0,
        severity: 'error',
        code: 'encoding',
        message: 'is saved as UTF-16 text; permanence reads UTF-8',
        fix: 'open it in your editor and save it again as UTF-8 (Save As → Encoding: UTF-8); your text is kept',
      },
    };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return {
      problem: {
        line: lineOfByte(bytes, nul),
        severity: 'error',
        code: 'binary',
        message: 'is not a text file (it holds binary data)',
        fix: 'if it is your work saved in another format, open it in your editor and save it as plain text (Save As → Encoding: UTF-8); otherwise keep a copy of it elsewhere first, then restore the markdown file from git (git checkout -- <file>)',
      },
    };
  }
  if (isUtf8(bytes)) {
    // As TextDecoder would: a leading byte-order mark is not part of the text.
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    return { text: (bom ? bytes.subarray(3) : bytes).toString('utf8') };
  }
  const bad = firstInvalidUtf8(bytes);
  return {
    problem: {
      line: lineOfByte(bytes, bad),
      severity: 'error',
      code: 'encoding',
      message: 'has bytes that are not UTF-8 text',
      fix: 'save the file as UTF-8 in your editor (Save As → Encoding: UTF-8)',
    },
  };
}

/**
 * Where a link inside the portfolio leads, if it stays inside it and is
 * not itself a link (then it is read as the file it names); otherwise why not.
 */
export function linkTarget(root: string, path: string): { target: string } | { problem: Omit<Problem, 'file'> } {
  let target: string;
  try {
    target = realpathSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      problem: {
        line: 0,
        severity: 'error',
        code: 'symlink',
        message: code === 'ELOOP' ? 'is a symbolic link that loops back on itself' : `is a symbolic link to nothing (${code})`,
        fix: 'replace the link with the file itself',
      },
    };
  }
  if (!isInside(realpathSync(root), target)) {
    return {
      problem: {
        line: 0,
        severity: 'error',
        code: 'symlink',
        message: 'is a symbolic link to a file outside the portfolio; it was not followed',
        fix: 'replace the link with the file itself, inside the portfolio',
      },
    };
  }
  return { target };
}

function followLink(root: string, path: string, maxBytes: number): ByteRead | undefined {
  const to = linkTarget(root, path);
  if ('problem' in to) return to;
  // The link's target by its real path, opened without following a link: a
  // link put there since cannot lead the read elsewhere.
  return readBytesAt(root, to.target, maxBytes, true) ?? linkChanged();
}

/** What the quick route would not open: a symbolic link (followed only when it stays inside the portfolio), a file we may not read. */
function readUnusual(root: string, path: string, maxBytes: number, openError: string | undefined, viaLink: boolean): ByteRead | undefined {
  let st;
  try {
    st = lstatSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    return { problem: { line: 0, severity: 'error', code: 'unreadable', message: `cannot be read (${code})`, fix: 'check the file exists and you may read it' } };
  }
  if (st.isSymbolicLink()) return viaLink ? linkChanged() : followLink(root, path, maxBytes);
  if (!st.isFile()) return notAFile(st.isDirectory());
  return unreadable(openError);
}

function lineOfByte(bytes: Buffer, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) n++;
  return n;
}

function firstInvalidUtf8(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // Binary search on the longest valid prefix.
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true });
      decoder.decode();
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}
