// An entry's body as the template writes it: headings, the programme's text
// quoted under them, and where each answer goes. No YAML here, so reading a
// portfolio can compare its lines with the template's without loading a YAML writer.
import { readFileSync } from 'node:fs';
import { KEY_QUESTIONS_INTRO, portfolioLine, taskSource } from './source.js';
import type { Catalogue } from '../programme/load.js';
import { LineSet, type Lines } from '../util/line-set.js';
import {
  fieldHeading,
  fieldTemplate,
  quote,
  sectionCommentHeading,
  sectionHeading,
  SOURCE_LEGEND,
  sourceText,
  statementHeading,
  taskHeading,
  type EntrySpec,
} from './layout.js';

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

/** An entry's text below its front matter, as a fresh portfolio has it. */
export function renderBody(spec: EntrySpec, cat: Catalogue): string {
  const dir = spec.file.includes('/') ? spec.file.slice(0, spec.file.lastIndexOf('/')) : '';
  let body: string;
  if (spec.kind === 'week') {
    const w = spec.week;
    const ref = `${spec.module}.${w.number}`;
    const about: string[] = [];
    const kind = { activities: 'Exercises, tasks and activities', reading: 'Essential reading', workshop: 'Workshop' }[w.kind];
    about.push(SOURCE_LEGEND);
    about.push(quote(`${kind}.${w.introduction ? `\n\n${w.introduction}` : ''}`));
    if (w.introduction) about.push(`*${sourceText(w.provenance)}*`);
    const module = cat.programme.modules.find((m) => m.number === spec.module);
    if (module?.key_questions?.length) {
      const list = module.key_questions.map((q) => `- ${q}`).join('\n');
      about.push(
        `<details>\n<summary>Key questions for Module ${module.number}</summary>\n\n` +
          `${KEY_QUESTIONS_INTRO}\n\n${list}\n\n` +
          `*${sourceText({ source: 'workbook', ref: `Module ${module.number}, Key Questions` })}*\n\n</details>`,
      );
    }
    const linked = cat.statementsForWeek(ref);
    if (linked.length > 0) {
      about.push(`KSS-AP statements linked to this week:\n\n${linked.map((s) => `- **${s.id}** ${oneLine(s.heading)}`).join('\n')}`);
    }
    for (const m of w.material ?? []) {
      about.push(`<details>\n<summary>${m.title}</summary>\n\n${m.text.trim()}\n\n*${sourceText(m.provenance)}*\n\n</details>`);
    }
    const tasks = w.tasks.map((t) => {
      const head = [taskHeading(t), `*${taskSource(t)}*`];
      if (t.portfolio) head.push(`*${portfolioLine(t, ref, cat)}*`);
      if (t.statements?.length) {
        const named = t.statements.map((id) => cat.statements.find((s) => s.id === id)).filter((s) => s !== undefined);
        head.push(`*This task asks for evidence of:* ${named.map((s) => `**${s.id}** ${oneLine(s.heading)}`).join('; ')}.`);
      }
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
      // Said once, with the section: what the KSS-AP says here that no statement carries.
      const unheaded = s.unheaded?.length
        ? [
            `The KSS-AP also says, in this section: ${s.unheaded.map((u) => `"${oneLine(u)}"`).join(' ')} ` +
              'The mapping to the programme gives this no statement of its own, so it has no rating here.',
          ]
        : [];
      return [sectionHeading(s), ...unheaded, ...statements, sectionCommentHeading(s)].join('\n\n');
    });
    body = fill(template('selfassessment.md'), {
      title: spec.title,
      about: quote(spec.item.description),
      scale,
      stage: spec.item.stage ?? 'baseline',
      sections: sections.join('\n\n'),
    });
  }
  return body;
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The lines each kind of entry's template writes, trimmed: nothing on them is
 * the participant's. The same for every portfolio of one programme, so made
 * once per entry kind.
 */
const linesOf = new WeakMap<EntrySpec, LineSet>();
export function templateLines(spec: EntrySpec, cat: Catalogue): Lines {
  let lines = linesOf.get(spec);
  if (!lines) {
    lines = new LineSet();
    for (const l of renderBody(spec, cat).split(/\r\n|\r|\n/)) if (l.trim() !== '') lines.add(l.trim());
    linesOf.set(spec, lines);
  }
  return lines;
}
