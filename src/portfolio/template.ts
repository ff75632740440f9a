// Fresh entry files for a new portfolio, from templates/ and the programme.
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import type { Catalogue } from '../programme/load.js';
import { fieldHeading, fieldTemplate, quote, sectionCommentHeading, sectionHeading, statementHeading, taskHeading, type EntrySpec } from './layout.js';

const templateDir = new URL('../../templates/', import.meta.url);
const templates = new Map<string, string>();

export function template(name: string): string {
  let t = templates.get(name);
  if (t === undefined) {
    t = readFileSync(new URL(name, templateDir), 'utf8');
    templates.set(name, t);
  }
  return t;
}

export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');
}

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
  const dir = spec.file.includes('/') ? spec.file.slice(0, spec.file.lastIndexOf('/')) : '';
  let body: string;
  if (spec.kind === 'week') {
    const w = spec.week;
    const ref = `${spec.module}.${w.number}`;
    const about: string[] = [];
    const kind = { activities: 'Exercises, tasks and activities', reading: 'Essential reading', workshop: 'Workshop' }[w.kind];
    about.push(quote(`${kind}.${w.introduction ? `\n\n${w.introduction}` : ''}`));
    const linked = cat.statementsForWeek(ref);
    if (linked.length > 0) {
      about.push(`Linked KSS-AP statements: ${linked.map((s) => s.id).join(', ')}.`);
    }
    for (const m of w.material ?? []) about.push(`<details>\n<summary>${m.title}</summary>\n\n${m.text.trim()}\n\n</details>`);
    const tasks = w.tasks.map((t) => {
      const head = [taskHeading(t)];
      if (t.portfolio) head.push('*This task feeds your portfolio.*');
      if (t.guidance) head.push(quote(t.guidance));
      const fields = t.fields.map((f) => [fieldHeading(f, 3), fieldTemplate(f, cat, dir)].filter(Boolean).join('\n\n'));
      return [...head, ...fields].join('\n\n');
    });
    body = fill(template('week.md'), { title: spec.title, about: about.join('\n\n'), tasks: tasks.join('\n\n') });
  } else if (spec.kind === 'item') {
    const fields = spec.item.fields.map((f) => [fieldHeading(f, 2), fieldTemplate(f, cat, dir)].filter(Boolean).join('\n\n'));
    body = fill(template('item.md'), { title: spec.title, about: quote(spec.item.description), fields: fields.join('\n\n') });
  } else {
    const fw = cat.programme.framework;
    const scale = fw.scale.points.map((p) => `- **${p.value}** ${p.label}: ${p.description}`).join('\n');
    const sections = fw.sections.map((s) => {
      const statements = s.statements.map(
        (st) => `${statementHeading(st)}\n\n${quote(st.text)}\n\nConfidence (1-5):`,
      );
      return [sectionHeading(s), ...statements, sectionCommentHeading(s)].join('\n\n');
    });
    body = fill(template('selfassessment.md'), {
      title: spec.title,
      about: quote(spec.item.description),
      scale,
      stage: spec.item.stage ?? 'baseline',
      sections: sections.join('\n\n'),
    });
  }
  return withFrontMatter(frontMatter(spec), body);
}
