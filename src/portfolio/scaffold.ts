// Writes a new portfolio's files. Never overwrites: every file is created with
// an exclusive open, so two runs (or a participant's own file) are never clobbered.
import { mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Document } from 'yaml';
import type { Catalogue } from '../programme/load.js';
import { NAMES_LIST_TEMPLATE } from '../privacy/names.js';
import { writeFileAtomic } from '../util/atomic.js';
import { entrySpecs } from './layout.js';
import { CONFIG_FILE, FORMAT_VERSION, type PortfolioConfig } from './config.js';
import { fill, renderEntry, template } from './template.js';

export interface NewPortfolio {
  participant: string;
  cohort: string;
  supervisor: string;
  start_date: string;
}

export function configDocument(cat: Catalogue, p: NewPortfolio): string {
  const config: PortfolioConfig = {
    permanence: FORMAT_VERSION,
    programme: cat.programme.id,
    content_version: cat.programme.version,
    participant: p.participant,
    cohort: p.cohort,
    supervisor: p.supervisor,
    start_date: p.start_date,
  };
  const doc = new Document(config);
  doc.commentBefore =
    ' Your Achieving Permanence portfolio. Edit these lines in any editor.\n' +
    ' programme and content_version say which version of the programme this portfolio follows: leave them as they are.';
  const comment = (key: string, text: string) => {
    const node = doc.get(key, true) as { comment?: string } | undefined;
    if (node) node.comment = ` ${text}`;
  };
  comment('participant', 'your name, or a pseudonym');
  comment('start_date', 'YYYY-MM-DD: the programme calendar counts 28 weeks from here');
  comment('supervisor', 'your supervisor or line manager, who verifies completion');
  return doc.toString({ lineWidth: 0 });
}

/** Files written, relative to root. */
export function writeScaffold(root: string, cat: Catalogue, p: NewPortfolio, options: { onlyMissing?: boolean } = {}): string[] {
  const written: string[] = [];
  const put = (rel: string, text: string) => {
    const path = join(root, rel);
    if (existsSync(path)) {
      if (options.onlyMissing) return;
      throw new Error(`${rel} already exists`);
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomic(path, text);
    written.push(rel);
  };
  if (!options.onlyMissing) put(CONFIG_FILE, configDocument(cat, p));
  for (const spec of entrySpecs(cat)) put(spec.file, renderEntry(spec, cat));
  put('README.md', fill(template('README.md'), { participant: p.participant, cohort: p.cohort || 'your cohort' }));
  put('.gitignore', template('gitignore'));
  put('.gitattributes', template('gitattributes'));
  put('private/names.txt', NAMES_LIST_TEMPLATE);
  return written;
}
