// Identifying details in everything a participant wrote, with the names on
// their private list: for verify, status and the guide. Apart from the rest of
// verify, so status and the guide load no sign-off, bundle or digest code.
import type { Lines } from '../util/line-set.js';
import type { Catalogue } from '../programme/load.js';
import { templateLines } from '../portfolio/body.js';
import { CONFIG_FILE } from '../portfolio/config.js';
import { readInside, type Reader } from '../portfolio/read.js';
import { type Portfolio } from '../portfolio/portfolio.js';
import type { Problem } from '../portfolio/problems.js';
import { findIdentifyingDetails, parseNamesList, type Finding } from '../privacy/identifying.js';

export const NAMES_FILE = 'private/names.txt';

export interface IdentifyingDetail extends Finding {
  file: string;
}

/** The names on the participant's private list (none when there is no list), and what is wrong with the list. */
export function readPrivateNames(root: string): { names: string[]; problems: Problem[] } {
  const problems: Problem[] = [];
  let names: string[] = [];
  const list = readInside(root, NAMES_FILE, 1024 * 1024);
  if (list && 'problem' in list) problems.push({ file: NAMES_FILE, ...list.problem, severity: 'warning' });
  else if (list) {
    const parsed = parseNamesList(list.text);
    names = parsed.names;
    for (const p of parsed.problems) problems.push({ file: NAMES_FILE, line: p.line, severity: 'warning', code: 'names-list', message: p.message });
  }
  return { names, problems };
}

/** Identifying details in everything the participant wrote: every entry and portfolio.yaml, with names from their private list. */
export function scanIdentifying(root: string, portfolio: Portfolio, cat: Catalogue, read: Reader = readInside): { unreviewed: IdentifyingDetail[]; reviewed: number; problems: Problem[] } {
  const { names, problems } = readPrivateNames(root);
  const unreviewed: IdentifyingDetail[] = [];
  let reviewed = 0;
  const scan = (file: string, text: string, lines?: Lines) => {
    for (const f of findIdentifyingDetails(text, { names, ...(lines ? { templateLines: lines } : {}) })) {
      if (f.reviewed) reviewed++;
      else unreviewed.push({ ...f, file });
    }
  };
  // Its values (the participant's name, cohort, supervisor) print on the PDF's cover.
  const config = read(root, CONFIG_FILE, 64 * 1024);
  if (config && 'text' in config) scan(CONFIG_FILE, config.text);
  for (const entry of portfolio.entries.values()) scan(entry.file, entry.text, templateLines(entry.spec, cat));
  return { unreviewed, reviewed, problems };
}
