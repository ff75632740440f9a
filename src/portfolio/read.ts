// Reading a file of a portfolio as untrusted input (someone else's files, on a
// supervisor's machine): no links out, no devices or pipes, bounded in size.
import { isUtf8 } from 'node:buffer';
import { closeSync, constants as fsConstants, fstatSync, lstatSync, openSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Problem } from './problems.js';

/** Larger than any honest entry (a 28-week portfolio is well under 1 MB in all). */
export const MAX_ENTRY_BYTES = 2 * 1024 * 1024;

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}

export type SafeRead = { text: string } | { problem: Omit<Problem, 'file'> };

/**
 * Reads a file of the portfolio as text, refusing what an honest portfolio never
 * holds: links leading outside it, directories, huge or binary files, bytes that
 * are not UTF-8.
 */
export function readInside(root: string, rel: string, maxBytes = MAX_ENTRY_BYTES): SafeRead | undefined {
  const path = join(root, rel);
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
  // Where a file cannot be opened without following a link (Windows), look first.
  if (fsConstants.O_NOFOLLOW === undefined) return readUnusual(root, path, maxBytes);
  // The usual case in as few system calls as the checks allow: open without
  // following a link (and without waiting on a pipe), then look at what was opened.
  let fd: number | undefined;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    return readUnusual(root, path, maxBytes, code);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return readUnusual(root, path, maxBytes);
    const refused = tooLarge(st.size, maxBytes);
    if (refused) return refused;
    let bytes: Buffer;
    try {
      bytes = readAll(fd, st.size, maxBytes);
    } catch (err) {
      return unreadable((err as NodeJS.ErrnoException).code);
    }
    return tooLarge(bytes.length, maxBytes) ?? decode(bytes);
  } finally {
    closeSync(fd);
  }
}

const OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0) | (fsConstants.O_NONBLOCK ?? 0);

/**
 * The whole of an open file: in one read when it is the size fstat gave, to
 * its end when a read comes up short (as some file systems do) or the file
 * grew, and never more than one byte past the limit.
 */
function readAll(fd: number, size: number, maxBytes: number): Buffer {
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

function unreadable(code: string | undefined): SafeRead {
  return { problem: { line: 0, severity: 'error', code: 'unreadable', message: `cannot be read (${code})`, fix: 'check you may read it (its permissions)' } };
}

function tooLarge(size: number, maxBytes: number): SafeRead | undefined {
  if (size <= maxBytes) return undefined;
  return {
    problem: {
      line: 0,
      severity: 'error',
      code: 'too-large',
      message: `is ${(size / 1024 / 1024).toFixed(1)} MB; a portfolio file is at most ${maxBytes / 1024 / 1024} MB`,
      fix: 'keep attachments and images out of the portfolio files',
    },
  };
}

/** Text from a file's bytes, or why it is not text. */
function decode(bytes: Buffer): SafeRead {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return {
      problem: {
        line: lineOfByte(bytes, nul),
        severity: 'error',
        code: 'binary',
        message: 'is not a text file (it holds binary data)',
        fix: 'restore the markdown file from git (git checkout -- <file>), or save it again as plain text',
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
      fix: 'save the file as UTF-8 in your editor (often "Save with encoding: UTF-8")',
    },
  };
}


/**
 * What the quick route would not open: a symbolic link (followed only when it
 * stays inside the portfolio), a folder, a device or pipe, a file we may not read.
 */
function readUnusual(root: string, path: string, maxBytes: number, openError?: string): SafeRead | undefined {
  let st;
  try {
    st = lstatSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    return { problem: { line: 0, severity: 'error', code: 'unreadable', message: `cannot be read (${code})`, fix: 'check the file exists and you may read it' } };
  }
  if (st.isSymbolicLink()) {
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
    st = statSync(path);
  } else if (openError !== undefined && st.isFile()) {
    return unreadable(openError);
  }
  if (st.isDirectory()) {
    return { problem: { line: 0, severity: 'error', code: 'not-a-file', message: 'is a folder where a file should be', fix: 'move the folder aside and restore the file (git checkout -- <file>)' } };
  }
  if (!st.isFile()) {
    return { problem: { line: 0, severity: 'error', code: 'not-a-file', message: 'is not a regular file', fix: 'replace it with the markdown file' } };
  }
  const refused = tooLarge(st.size, maxBytes);
  if (refused) return refused;
  let bytes: Buffer;
  try {
    // A link inside the portfolio, to a regular file: read what it names.
    bytes = readFileSync(path);
  } catch (err) {
    return unreadable((err as NodeJS.ErrnoException).code);
  }
  return decode(bytes);
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
