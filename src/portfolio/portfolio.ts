// A participant's portfolio directory: finding it, and reading all of it.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Catalogue } from '../programme/load.js';
import { usageError } from '../errors.js';
import { entrySpecs, type EntrySpec } from './layout.js';
import { parseEntry, type ParsedEntry } from './entry.js';
import type { Problem } from './problems.js';
import { CONFIG_FILE, readConfig, type PortfolioConfig } from './config.js';
import { readInside, type Reader } from './read.js';

export interface Portfolio {
  root: string;
  config?: PortfolioConfig;
  specs: EntrySpec[];
  entries: Map<string, ParsedEntry>;
  problems: Problem[];
}

/** The portfolio a command works on: --dir, or the nearest portfolio.yaml upwards. */
export function findPortfolio(cwd: string, dir?: string): string {
  if (dir !== undefined) {
    const root = resolve(cwd, dir);
    if (!existsSync(join(root, CONFIG_FILE))) {
      throw usageError(`${root} is not a portfolio: it has no ${CONFIG_FILE}.\nCreate one with: permanence init "${dir}"`);
    }
    return root;
  }
  let at = resolve(cwd);
  for (;;) {
    if (existsSync(join(at, CONFIG_FILE))) return at;
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  throw usageError(
    `No portfolio here: neither ${resolve(cwd)} nor any folder above it has a ${CONFIG_FILE}.\n` +
      'Run the command inside your portfolio folder, name it with --dir <folder>, or create one with: permanence init <folder>',
  );
}

/** The files of a portfolio, read with `read` (verify passes the bytes its digest walk read, so each file is read once). */
export function readPortfolio(root: string, cat: Catalogue, read: Reader = readInside): Portfolio {
  const { config, problems } = readConfig(root, cat, read);
  const specs = entrySpecs(cat);
  const entries = new Map<string, ParsedEntry>();
  for (const spec of specs) {
    const got = read(root, spec.file);
    if (!got) {
      problems.push({
        file: spec.file,
        line: 0,
        severity: 'error',
        code: 'missing-file',
        message: `is missing (${spec.title})`,
        fix: `restore it from git (git checkout -- "${spec.file}"), or ask permanence to write a fresh one with permanence init --repair`,
      });
      continue;
    }
    if ('problem' in got) {
      problems.push({ file: spec.file, ...got.problem });
      continue;
    }
    const entry = parseEntry(got.text, spec, cat);
    entries.set(spec.file, entry);
    problems.push(...entry.problems);
  }
  return { root, ...(config ? { config } : {}), specs, entries, problems };
}
