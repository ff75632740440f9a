// Markdown files a portfolio holds that are not part of its layout: most often
// a copy a sync service made when a file changed on two devices (OneDrive,
// Dropbox, Google Drive), holding answers written on the other one. permanence
// reads only the files of its layout, so each of these is named, with the
// entry it resembles and what to do, rather than passed over in silence.
import { readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type { Catalogue } from '../programme/load.js';
import { entrySpecs } from './layout.js';
import type { Problem } from './problems.js';
// Folders that are not the participant's portfolio content, as the sign-off has them.
import { EXCLUDED_TOP } from '../verify/signoff-claim.js';

/** Files the scaffold writes beside the entries. */
const OWN = new Set(['README.md']);
/** How far down the folders a stray is looked for: the layout is two deep. */
const DEPTH = 3;

// The names sync services give a copy, with what is left once it is taken away.
const COPY_NAMES: { pattern: RegExp; by: string }[] = [
  // Dropbox: "week-2 (Jane's conflicted copy 2026-11-30).md", "(conflicted copy)", "(Case Conflict)"
  { pattern: /\s*\([^()]*conflict[^()]*\)(?=\.md$)/i, by: 'Dropbox' },
  // Google Drive and Windows: "Copy of week-2.md", "week-2 - Copy.md", "week-2 (1).md"
  { pattern: /^copy of\s+/i, by: 'a copy' },
  { pattern: /\s*-\s*copy(?:\s*\(\d+\))?(?=\.md$)/i, by: 'a copy' },
  { pattern: /\s*\(\d+\)(?=\.md$)/, by: 'a copy' },
];
// OneDrive: "week-2-LAPTOP-7H3K2.md": the entry's name, a hyphen and the device's name (capitals and digits).
const DEVICE = /^-(?=[A-Z0-9-]*[A-Z])[A-Z0-9][A-Z0-9-]*\.md$/;

export interface Stray {
  file: string;
  /** The entry of the layout it resembles, when one does. */
  resembles?: string;
  /** What made the copy, as far as its name tells. */
  by?: string;
}

/** Every markdown file under the portfolio that is not an entry of its layout. */
export function findStrays(root: string, cat: Catalogue): Stray[] {
  const entries = new Set(entrySpecs(cat).map((s) => s.file));
  const out: Stray[] = [];
  const walk = (dir: string, rel: string, depth: number) => {
    let list: Dirent[];
    try {
      list = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const d of list) {
      const path = rel === '' ? d.name : `${rel}/${d.name}`;
      if (d.isDirectory()) {
        if (depth < DEPTH && !(rel === '' && EXCLUDED_TOP.has(d.name)) && !d.name.startsWith('.')) walk(join(dir, d.name), path, depth + 1);
      } else if (/\.md$/i.test(d.name) && !entries.has(path) && !(rel === '' && OWN.has(d.name))) {
        out.push({ file: path, ...resemblance(path, rel, entries) });
      }
    }
  };
  walk(root, '', 0);
  return out.sort((a, b) => (a.file < b.file ? -1 : 1));
}

function resemblance(path: string, folder: string, entries: Set<string>): { resembles?: string; by?: string } {
  const name = path.slice(folder === '' ? 0 : folder.length + 1);
  const inFolder = [...entries].filter((e) => e.slice(0, e.lastIndexOf('/') + 1) === (folder === '' ? '' : `${folder}/`));
  for (const e of inFolder) {
    const base = e.slice(e.lastIndexOf('/') + 1, -'.md'.length);
    if (name.startsWith(base) && DEVICE.test(name.slice(base.length))) return { resembles: e, by: 'OneDrive' };
  }
  for (const { pattern, by } of COPY_NAMES) {
    const base = name.replace(pattern, '');
    const candidate = folder === '' ? base : `${folder}/${base}`;
    if (base !== name && entries.has(candidate)) return { resembles: candidate, by };
  }
  // Another name in the same folder that starts the same way ("week-2 notes.md", "week-2.md.md").
  const stem = /^(week-\d+|[a-z]+(?:-[a-z]+)*)/i.exec(name)?.[1]?.toLowerCase();
  const like = [...entries].find((e) => stem !== undefined && e === `${folder === '' ? '' : `${folder}/`}${stem}.md`);
  return like ? { resembles: like } : {};
}

/** Each stray as a warning for status and verify: what it is, and what to do with it. */
export function strayProblems(strays: Stray[]): Problem[] {
  return strays.map((s) => ({
    file: s.file,
    line: 0,
    severity: 'warning',
    code: 'stray-file',
    message: s.resembles
      ? `looks like a copy of ${s.resembles}${s.by && s.by !== 'a copy' ? ` made by ${s.by} when the file changed on two devices` : ''}; permanence does not read it, so nothing in it is counted or shown in the PDF`
      : 'is not one of the portfolio’s files; permanence does not read it, so nothing in it is counted or shown in the PDF',
    fix: s.resembles
      ? `compare it with ${s.resembles}, copy into ${s.resembles} anything you want to keep, then delete ${s.file}`
      : 'move anything you want counted into the week or item it belongs to; keep notes of your own in private/',
  }));
}
