// The content a sign-off covers: every portfolio file but private/, generated
// output and the sign-off records themselves, hashed in a canonical order.
import { hash } from 'node:crypto';
import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import { join } from 'node:path';

export interface FileDigest {
  path: string;
  sha256: string;
}

/** Top-level folders and files that are not the participant's portfolio content. */
const EXCLUDED_TOP = new Set(['.git', 'private', 'submission', 'signoffs', 'node_modules']);
const TEMPORARY = /^\..*\.tmp-/;
/** A portfolio is a few dozen files; anything far beyond is not one, and is not walked for ever. */
const MAX_FILES = 5000;

// crypto.hash (Node 20.12; permanence needs 20.17) makes no Hash object: an eighth quicker on a file of a few kilobytes.
export const sha256 = (data: string | Uint8Array): string => hash('sha256', data, 'hex');

/**
 * Every covered file with its SHA-256, sorted by path (forward slashes, byte
 * order). Symbolic links are recorded by their target text, never followed.
 */
export function coveredFiles(root: string): FileDigest[] {
  const excluded = EXCLUDED_TOP;
  const out: FileDigest[] = [];
  const walk = (dir: string, rel: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const d of entries) {
      const name = d.name;
      const path = rel === '' ? name : `${rel}/${name}`;
      if (rel === '' && excluded.has(name)) continue;
      if (TEMPORARY.test(name)) continue;
      if (d.isSymbolicLink()) out.push({ path, sha256: sha256(`symlink:${path}`) });
      else if (d.isDirectory()) walk(join(dir, name), path);
      else if (d.isFile()) {
        try {
          out.push({ path, sha256: sha256(readFileSync(join(dir, name))) });
        } catch {
          out.push({ path, sha256: 'unreadable' });
        }
      }
      if (out.length > MAX_FILES) return;
    }
  };
  walk(root, '');
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
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

export function compareFiles(before: FileDigest[], now: FileDigest[]): Changes {
  // The usual answer, nothing changed, from one pass over the two lists in step
  // (both are in path order as coveredFiles makes them): no maps to build.
  if (before.length === now.length && before.every((f, i) => f.path === now[i]!.path && f.sha256 === now[i]!.sha256)) {
    return { changed: [], added: [], removed: [] };
  }
  const old = new Map(before.map((f) => [f.path, f.sha256]));
  const cur = new Map(now.map((f) => [f.path, f.sha256]));
  return {
    changed: now.filter((f) => old.has(f.path) && old.get(f.path) !== f.sha256).map((f) => f.path),
    added: now.filter((f) => !old.has(f.path)).map((f) => f.path),
    removed: before.filter((f) => !cur.has(f.path)).map((f) => f.path),
  };
}
