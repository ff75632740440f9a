// The latest sign-off as it claims to be, without checking it: for status, which
// says who signed off and whether anyone could have written it, and leaves the
// checking (digests, signatures) to verify.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readInside } from '../portfolio/read.js';

export const SIGNOFF_DIR = 'signoffs';

/** Top-level folders and files that are not the participant's portfolio content: no sign-off covers them. */
export const EXCLUDED_TOP = new Set(['.git', 'private', 'submission', SIGNOFF_DIR, 'node_modules']);
/** A file at this path (relative to the portfolio) is one a sign-off covers. */
export const signedPath = (rel: string): boolean => !EXCLUDED_TOP.has(rel.split(/[\\/]/)[0]!);

export function recordFiles(root: string): string[] {
  try {
    return readdirSync(join(root, SIGNOFF_DIR))
      .filter((f) => /^\d{4}-[a-z0-9-]+\.json$/.test(f))
      .sort();
  } catch {
    return [];
  }
}

export interface SignoffClaim {
  file: string;
  what: string;
  signed: boolean;
  /** It claims to be the final sign-off. */
  final: boolean;
}

export function latestSignoffClaim(root: string): SignoffClaim | undefined {
  const name = recordFiles(root).at(-1);
  if (!name) return undefined;
  const file = `${SIGNOFF_DIR}/${name}`;
  const read = readInside(root, file, 4 * 1024 * 1024);
  let what = 'a record that cannot be read';
  let final = false;
  if (read && 'text' in read) {
    try {
      const r = JSON.parse(read.text) as { kind?: unknown; module?: unknown; name?: unknown; date?: unknown };
      final = r.kind === 'final';
      const kind = r.kind === 'final' ? 'final sign-off' : r.kind === 'module' ? `sign-off of module ${String(r.module)}` : 'sign-off';
      what = `${kind} by ${String(r.name)}, ${String(r.date)}`;
    } catch {
      // said as unreadable
    }
  }
  return { file, what, signed: existsSync(join(root, `${file}.sig`)), final };
}
