// The content a sign-off covers: every portfolio file but private/, generated
// output and the sign-off records themselves, hashed in a canonical order. One
// walk reads each file once: the bytes it hashes are the bytes the entries are
// parsed from, so a digest cannot cover other bytes than those read.
import { isUtf8 } from 'node:buffer';
import { createHash, hash } from 'node:crypto';
import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readlinkSync, readSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from '../portfolio/problems.js';
import { EXCLUDED_TOP } from './signoff-claim.js';
import { decode, entryKind, linkChanged, linkTarget, notAFile, OPEN_FLAGS, readAll, readInside, sizeText, tooLarge, unreadable, type Reader, type SafeRead } from '../portfolio/read.js';

export interface FileDigest {
  path: string;
  /** Of a UTF-8 text file, its text with LF line endings; of any other file, its bytes. */
  sha256: string;
  /** Of the bytes as they are, where that differs (a text file with CR in it): older records hold this one. */
  raw?: string;
}

/**
 * A file's digest as a sign-off keeps it. Git for Windows (core.autocrlf) and
 * editors change a text file's line endings without changing a word of it, so
 * those do not count: the text is hashed with every CRLF and lone CR as LF. A
 * file that is not UTF-8 text (a NUL in it, or not UTF-8) is hashed as bytes.
 */
export function digestOf(bytes: Buffer): { sha256: string; raw?: string } {
  const raw = sha256(bytes);
  if (bytes.indexOf(13) === -1 || bytes.indexOf(0) !== -1 || !isUtf8(bytes)) return { sha256: raw };
  // latin1 maps each byte to one character and back: only the line endings change.
  return { sha256: sha256(Buffer.from(bytes.toString('latin1').replace(/\r\n?/g, '\n'), 'latin1')), raw };
}

/** The digest of a text as digestOf gives it for the file holding it. */
export const textDigest = (text: string): string => digestOf(Buffer.from(text, 'utf8')).sha256;

/** Files as a record or a manifest keeps them: the path and the digest. */
export const keptFiles = (files: FileDigest[]): FileDigest[] => files.map(({ path, sha256 }) => ({ path, sha256 }));

/** Of those, the ones permanence reads itself: a link in their place is named, never followed. */
const READ_TOP = new Set(['private', 'submission', 'signoffs']);
const TEMPORARY = /^\..*\.tmp-/;

/** Far more than any portfolio holds (a finished one has about 40 files); beyond it, an error says where they are. */
export const MAX_FILES = 20_000;
/** Larger than any honest attachment; a bigger file is named, not read. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;
/** Files up to this size are read whole; larger ones are hashed a piece at a time. */
const WHOLE_BYTES = 8 * 1024 * 1024;
const PIECE_BYTES = 1024 * 1024;
/** Past this many entries the walk stops even counting. */
const MAX_COUNTED = 200_000;

// crypto.hash (Node 20.12; permanence needs 20.17) makes no Hash object: an eighth quicker on a file of a few kilobytes.
export const sha256 = (data: string | Uint8Array): string => hash('sha256', data, 'hex');

/** A kept file: its bytes as hashed, or why they could not be read. */
type Kept = { bytes: Buffer } | { size: number } | { problem: Omit<Problem, 'file'> };

export interface Coverage {
  /** Every covered file with its SHA-256, sorted by path (forward slashes, byte order). */
  files: FileDigest[];
  /** Files and folders the digest cannot cover as they are: each an error, so sign-off and render refuse. */
  problems: Problem[];
  /** Reads a kept file from the bytes the walk hashed; any other file from the disk. */
  read: Reader;
}

const uncovered = (file: string, message: string, fix: string): Problem => ({ file, line: 0, severity: 'error', code: 'signoff-uncovered', message, fix });

/**
 * Walks the portfolio once, hashing every covered file. The files named in
 * `keep` (the entries and portfolio.yaml) are kept as read, for the parser; a
 * problem with one of them is the parser's to report, so it is not reported here.
 */
export function coverPortfolio(root: string, keep: ReadonlySet<string> = new Set()): Coverage {
  const out: FileDigest[] = [];
  const problems: Problem[] = [];
  const kept = new Map<string, Kept>();
  const perTop = new Map<string, number>();
  let counted = 0;
  const report = (path: string, p: Problem) => {
    if (!keep.has(path)) problems.push(p);
  };

  /** A regular file (or a link's target inside the portfolio), by the bytes read. */
  const hashFile = (path: string, abs: string) => {
    const r = hashAt(abs, keep.has(path));
    if ('problem' in r) {
      out.push({ path, sha256: sha256(`unread:${r.problem.code}:${r.size ?? ''}`) });
      if (keep.has(path)) kept.set(path, { problem: r.problem });
      else report(path, { file: path, ...r.problem, code: 'signoff-uncovered' });
      return;
    }
    out.push({ path, sha256: r.sha256, ...(r.raw ? { raw: r.raw } : {}) });
    if (keep.has(path)) kept.set(path, r.bytes ? { bytes: r.bytes } : { size: r.size });
  };

  const link = (path: string, abs: string) => {
    const text = safeReadlink(abs);
    const asLink = { path, sha256: sha256(`symlink:${text}`) };
    const to = linkTarget(root, abs);
    if ('problem' in to) {
      out.push(asLink);
      if (keep.has(path)) kept.set(path, to);
      else report(path, uncovered(path, to.problem.message.replace('to a file outside', 'leading outside'), 'replace the link with what it names, inside the portfolio'));
      return;
    }
    let folder = false;
    try {
      folder = statSync(to.target).isDirectory();
    } catch {
      // gone since: hashAt says so
    }
    if (folder) {
      out.push(asLink);
      report(path, uncovered(path, 'is a symbolic link to a folder; it was not followed, so the sign-off cannot cover what is in it', 'replace the link with the folder itself'));
      return;
    }
    hashFile(path, to.target);
  };

  const stack: [string, string][] = [[root, '']];
  walk: while (stack.length > 0) {
    const [dir, rel] = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      problems.push(uncovered(rel || '.', `is a folder that cannot be read (${(err as NodeJS.ErrnoException).code})`, 'check you may read it (its permissions)'));
      continue;
    }
    for (const d of entries) {
      const name = d.name;
      const path = rel === '' ? name : `${rel}/${name}`;
      const abs = join(dir, name);
      const kind = entryKind(d, abs);
      if (rel === '' && EXCLUDED_TOP.has(name)) {
        if (READ_TOP.has(name) && kind === 'link') {
          problems.push(uncovered(path, 'is a symbolic link; permanence never follows a link in its place', `replace the link with a folder of its own (mv the link aside, then mkdir ${name})`));
        }
        continue;
      }
      if (TEMPORARY.test(name)) continue;
      if (++counted > MAX_COUNTED) break walk;
      const top = rel === '' ? name : rel.slice(0, rel.indexOf('/') === -1 ? undefined : rel.indexOf('/'));
      if (kind !== 'folder') perTop.set(top, (perTop.get(top) ?? 0) + 1);
      if (kind === 'folder') stack.push([abs, path]);
      else if (out.length >= MAX_FILES) continue; // counted, not read: the error below names them
      else if (kind === 'link') link(path, abs);
      else if (kind === 'file') hashFile(path, abs);
      else {
        out.push({ path, sha256: sha256('unread:not-a-file') });
        const p = uncovered(path, 'is not a regular file (a pipe, a device or a socket); it was not read', 'remove it from the portfolio folder');
        if (keep.has(path)) kept.set(path, { problem: { ...p, code: 'not-a-file' } });
        else report(path, p);
      }
    }
  }
  const files = [...perTop.values()].reduce((a, b) => a + b, 0);
  if (files > MAX_FILES) {
    const most = [...perTop].sort((a, b) => b[1] - a[1]).slice(0, 3);
    problems.push({
      file: '.',
      line: 0,
      severity: 'error',
      code: 'too-many-files',
      message: `holds ${counted > MAX_COUNTED ? 'more than ' : ''}${files.toLocaleString('en-GB')} files, more than the ${MAX_FILES.toLocaleString('en-GB')} a sign-off covers (most in ${most.map(([t, n]) => `${t} (${n.toLocaleString('en-GB')})`).join(', ')}); the rest were not read`,
      fix: 'move what is not part of the portfolio out of its folder (or into private/, which the sign-off never covers)',
    });
  }
  out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const read: Reader = (r, rel, maxBytes) => {
    const k = r === root ? kept.get(rel) : undefined;
    if (!k) return readInside(r, rel, maxBytes);
    return fromKept(k, maxBytes);
  };
  return { files: out, problems, read };
}

function fromKept(k: Kept, maxBytes = Infinity): SafeRead {
  if ('problem' in k) return k;
  if ('size' in k) return tooLarge(k.size, maxBytes) ?? { problem: { line: 0, severity: 'error', code: 'too-large', message: `is ${sizeText(k.size)}`, fix: 'keep attachments and images out of the portfolio files' } };
  return tooLarge(k.bytes.length, maxBytes) ?? decode(k.bytes);
}

function safeReadlink(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '';
  }
}

/**
 * The SHA-256 of a regular file opened without following a link: read whole
 * when small (and kept, when asked), a piece at a time when large (memory
 * stays bounded), not at all past MAX_FILE_BYTES.
 */
function hashAt(abs: string, keepBytes: boolean): { sha256: string; raw?: string; bytes?: Buffer; size: number } | { problem: Omit<Problem, 'file'>; size?: number } {
  let fd: number;
  try {
    fd = openSync(abs, OPEN_FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    let link = false;
    try {
      link = lstatSync(abs).isSymbolicLink();
    } catch {
      // gone
    }
    return link ? linkChanged() : unreadable(code);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return notAFile(st.isDirectory());
    if (st.size > MAX_FILE_BYTES) {
      return {
        size: st.size,
        problem: {
          line: 0,
          severity: 'error',
          code: 'too-large',
          message: `is ${sizeText(st.size)}; a file in a portfolio is at most ${sizeText(MAX_FILE_BYTES)}, so it was not read and the sign-off cannot cover it`,
          fix: 'move it out of the portfolio folder (or into private/, which the sign-off never covers)',
        },
      };
    }
    try {
      if (st.size <= WHOLE_BYTES) {
        const bytes = readAll(fd, st.size, MAX_FILE_BYTES);
        if (bytes.length <= WHOLE_BYTES) return { ...digestOf(bytes), size: bytes.length, ...(keepBytes ? { bytes } : {}) };
        // It grew while read: hash it a piece at a time from the start.
      }
      // Larger than any text a participant writes: hashed as bytes.
      const h = createHash('sha256');
      const piece = Buffer.allocUnsafe(PIECE_BYTES);
      let total = 0;
      for (let n = readSync(fd, piece, 0, PIECE_BYTES, 0); n > 0; n = readSync(fd, piece, 0, PIECE_BYTES, total)) {
        h.update(piece.subarray(0, n));
        total += n;
        if (total > MAX_FILE_BYTES) return { size: total, problem: { line: 0, severity: 'error', code: 'too-large', message: `grew past ${sizeText(MAX_FILE_BYTES)} while it was read`, fix: 'move it out of the portfolio folder' } };
      }
      return { sha256: h.digest('hex'), size: total };
    } catch (err) {
      return unreadable((err as NodeJS.ErrnoException).code);
    }
  } finally {
    closeSync(fd);
  }
}

/** Every covered file with its SHA-256 (see coverPortfolio). */
export function coveredFiles(root: string): FileDigest[] {
  return coverPortfolio(root).files;
}

/** One digest over the list: "sha256  path\n" lines, as sha256sum prints them. */
export function contentDigest(files: FileDigest[]): string {
  return sha256(files.map((f) => `${f.sha256}  ${f.path}\n`).join(''));
}

export interface Changes {
  changed: string[];
  added: string[];
  removed: string[];
}

/** The same file content: the digest kept, or (a record made before line endings stopped counting) the bytes'. */
const same = (before: FileDigest, now: FileDigest) => before.sha256 === now.sha256 || (now.raw !== undefined && before.sha256 === now.raw);

export function compareFiles(before: FileDigest[], now: FileDigest[]): Changes {
  // The usual answer, nothing changed, from one pass over the two lists in step
  // (both are in path order as coveredFiles makes them): no maps to build.
  if (before.length === now.length && before.every((f, i) => f.path === now[i]!.path && same(f, now[i]!))) {
    return { changed: [], added: [], removed: [] };
  }
  const old = new Map(before.map((f) => [f.path, f]));
  const cur = new Set(now.map((f) => f.path));
  return {
    changed: now.filter((f) => old.has(f.path) && !same(old.get(f.path)!, f)).map((f) => f.path),
    added: now.filter((f) => !old.has(f.path)).map((f) => f.path),
    removed: before.filter((f) => !cur.has(f.path)).map((f) => f.path),
  };
}
