// A zip whose bytes depend only on what goes in it: entries in the order
// given, every one stamped with the same time, no extra fields.
import { zipSync, type Zippable } from 'fflate';

/**
 * A zip's timestamp is a local date and time with no zone. fflate reads it from
 * a Date's local fields, so the Date is built from the local constructor: the
 * fields written are the document date's UTC date at noon, in any time zone
 * (noon, because no zone changes its clocks then).
 */
export function zipTime(date: Date): Date {
  const y = Math.min(2107, Math.max(1980, date.getUTCFullYear()));
  return new Date(y, date.getUTCMonth(), date.getUTCDate(), 12, 0, 0);
}

export function deterministicZip(files: { path: string; data: Uint8Array }[], date: Date): Uint8Array {
  const mtime = zipTime(date);
  const tree: Zippable = {};
  for (const f of files) tree[f.path] = [f.data, { mtime, level: 9, os: 0 }];
  return zipSync(tree, { mtime, level: 9 });
}
