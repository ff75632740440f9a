import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);

/** A file of the repository, by its path from the root. */
export const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

/** Collapse runs of whitespace. */
export const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Letters and digits only, lower case: for comparing wording regardless of punctuation. */
export const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
