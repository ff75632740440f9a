// Fresh entry files for a new portfolio, from templates/ and the programme.
import { stringify } from 'yaml';
import type { Catalogue } from '../programme/load.js';
import type { EntrySpec } from './layout.js';
import { renderBody } from './body.js';

export { fill, renderBody, template } from './body.js';

/** Front matter that says what the file is. */
export function frontMatter(spec: EntrySpec): Record<string, unknown> {
  switch (spec.kind) {
    case 'week':
      return { permanence: 'week', module: spec.module, week: spec.week.number, title: spec.title };
    case 'item':
      return { permanence: 'item', item: spec.item.id, title: spec.title };
    case 'selfassessment':
      return { permanence: 'item', item: spec.item.id, stage: spec.item.stage, title: spec.title };
  }
}

export function withFrontMatter(data: Record<string, unknown>, body: string): string {
  return `---\n${stringify(data, { lineWidth: 0 })}---\n\n${body.replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

export function renderEntry(spec: EntrySpec, cat: Catalogue): string {
  return withFrontMatter(frontMatter(spec), renderBody(spec, cat));
}
