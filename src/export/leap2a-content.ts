// The XHTML body of each Leap2A entry: a week or an item as the participant
// answered it, with the programme's questions above their answers. Built from
// the same parsed files and assessment the PDF uses; nothing else is read.
import type { Assessment, FieldResult } from '../assess/assess.js';
import { answerText, chosenAreas } from '../assess/answers.js';
import type { Catalogue } from '../programme/load.js';
import type { Field, Item, Week } from '../programme/types.js';
import type { ParsedEntry } from '../portfolio/entry.js';
import { citationText, commentKey, fieldKey, sourceText } from '../portfolio/layout.js';
import { taskSource } from '../portfolio/source.js';
import { markdownToXhtml, textToXhtml } from './xhtml.js';
import { escapeText } from './xml.js';

const TICKED_LINE = /^[ \t]*[-*+][ \t]+\[[ xX]\][^\n]*$/gm;
const muted = (text: string) => `<p><em>${escapeText(text)}</em></p>`;
const quoted = (xhtml: string) => (xhtml ? `<blockquote>${xhtml}</blockquote>` : '');

/** One answer: the question in a quotation, then the participant's words, or that there are none. */
function fieldBody(cat: Catalogue, assessment: Assessment, field: Field, result: FieldResult | undefined, entry: ParsedEntry, key: string): string {
  const raw = entry.slots.get(key)?.raw ?? '';
  const text = answerText(raw, field);
  const answered = result?.answered ?? text !== '';
  if (!field.required && !answered) return '';
  let out = `<h4>${escapeText(`${field.id}) ${field.label.replace(/\s+/g, ' ').trim()}`)}</h4>`;
  out += quoted(
    [field.prompt, field.guidance].filter((t): t is string => Boolean(t)).map(textToXhtml).join('') +
      (field.citation ? textToXhtml(citationText(field.citation)) : '') +
      (field.context ? `<p><strong>${escapeText(field.context.title)}</strong></p>${textToXhtml(field.context.text)}` : ''),
  );
  switch (field.kind) {
    case 'check': {
      const written = text.replace(TICKED_LINE, '').trim();
      return out + `<p><strong>${answered ? '✓ Done' : '○ Not done'}</strong></p>` + (written ? markdownToXhtml(written) : '');
    }
    case 'entry': {
      const item = cat.item(field.entry ?? '');
      const done = assessment.items.find((i) => i.id === field.entry)?.state === 'answered';
      return item ? out + `<p>${escapeText(`${done ? '✓' : '○'} Answered in “${item.title}”${done ? '.' : ' (not yet complete).'}`)}</p>` : out;
    }
    case 'areas': {
      const areas = chosenAreas(raw);
      if (areas.length === 0) break;
      const rest = text.replace(TICKED_LINE, '').trim();
      const list = areas.map((a) => `<li><strong>${escapeText(a.area)}</strong>${a.note ? escapeText(`: ${a.note}`) : ''}</li>`).join('');
      return out + `<ul>${list}</ul>` + (rest ? markdownToXhtml(rest) : '');
    }
    default:
      break;
  }
  return out + (text === '' ? muted('○ Not answered') : markdownToXhtml(text));
}

/** What the participant wrote outside any answer: kept, as the PDF keeps it. */
function ownNotes(entry: ParsedEntry, task: number | undefined): string {
  const blocks = entry.outside.filter((o) => o.task === task);
  if (blocks.length === 0) return '';
  return `<h4>Your own notes</h4>${muted('Written outside the answers; not counted as an answer.')}${blocks.map((b) => markdownToXhtml(b.text)).join('')}`;
}

export function weekBody(cat: Catalogue, assessment: Assessment, moduleNumber: number, week: Week, entry: ParsedEntry | undefined): string {
  const ref = `${moduleNumber}.${week.number}`;
  const result = assessment.modules.flatMap((m) => m.weeks).find((w) => w.ref === ref);
  let out = muted(`Module ${moduleNumber}, week ${week.number}${result ? ` · ${result.answered} of ${result.total} tasks answered` : ''}`);
  if (week.introduction) out += quoted(textToXhtml(week.introduction) + muted(sourceText(week.provenance)));
  if (!entry) return out + muted('This week’s file is missing from the portfolio.');
  out += ownNotes(entry, undefined);
  for (const task of week.tasks) {
    const tr = result?.tasks.find((t) => t.number === task.number);
    out += `<h3>${escapeText(`Task ${task.number}: ${task.title}`)}</h3>${muted(taskSource(task))}`;
    if (task.guidance) out += quoted(textToXhtml(task.guidance));
    if (task.fields.every((f) => !f.required) && !tr?.fields.some((f) => f.answered)) out += muted('Optional; nothing added.');
    else for (const field of task.fields) out += fieldBody(cat, assessment, field, tr?.fields.find((f) => f.id === field.id), entry, fieldKey(task.number, field.id));
    out += ownNotes(entry, task.number);
  }
  return out;
}

export function itemBody(cat: Catalogue, assessment: Assessment, item: Item, entry: ParsedEntry | undefined): string {
  const result = assessment.items.find((r) => r.id === item.id);
  let out = item.description ? quoted(textToXhtml(item.description)) : '';
  if (!entry) return out + muted(`The file ${item.file} is missing from the portfolio.`);
  if (item.kind === 'selfassessment') {
    const scale = cat.programme.framework.scale.points;
    for (const section of cat.programme.framework.sections) {
      out += `<h3>${escapeText(`Section ${section.number}: ${section.title}`)}</h3><table><thead><tr><th>Ref.</th><th>Statement</th><th>Confidence (1–5)</th></tr></thead><tbody>`;
      for (const st of section.statements) {
        const value = result?.ratings?.find((r) => r.id === st.id)?.value ?? null;
        const label = value === null ? '○ Not rated' : `${value} · ${scale.find((p) => p.value === value)?.label ?? ''}`;
        out += `<tr><td>${escapeText(st.id)}</td><td>${escapeText(st.heading.replace(/\s+/g, ' '))}</td><td>${escapeText(label)}</td></tr>`;
      }
      out += '</tbody></table>';
      const comment = entry.slots.get(commentKey(section.number));
      const text = comment ? answerText(comment.raw) : '';
      if (text) out += `<h4>Comment</h4>${markdownToXhtml(text)}`;
    }
  } else {
    for (const field of item.fields) out += fieldBody(cat, assessment, field, result?.fields.find((f) => f.id === field.id), entry, fieldKey(null, field.id));
  }
  return out + ownNotes(entry, undefined);
}
