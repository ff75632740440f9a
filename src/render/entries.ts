// Every entry in programme order: the weeks with their tasks and the
// participant's answers, then the portfolio items and the self-assessments.
import type { FieldResult, ItemResult, TaskResult } from '../assess/assess.js';
import { answerText, chosenAreas } from '../assess/answers.js';
import { citationText, commentKey, fieldKey, SOURCE_LEGEND, sourceText, weekFile } from '../portfolio/layout.js';
import type { ParsedEntry } from '../portfolio/entry.js';
import type { Field, Item, Module, Task, Week } from '../programme/types.js';
import { bodyLines, heading, headingHeight, KEEP_LINES, partHeading, sectionBreak, type Ctx } from './context.js';
import { CONTEXT, fieldHead, MATERIAL, PROMPT, SOURCE, taskHead, weekHead } from './keep.js';
import { KIND_LABEL, plural } from './format.js';
import { renderMarkdown } from './markdown.js';
import { KEY_QUESTIONS_INTRO, keyQuestionsSource, portfolioLine, taskSource } from '../portfolio/source.js';
import { COLOURS, run, type Run } from './writer.js';

export const weekId = (m: number, w: number) => `week-${m}.${w}`;
export const moduleId = (m: number) => `module-${m}`;
export const itemId = (id: string) => `item-${id}`;

export function renderModules(ctx: Ctx): void {
  const { cat, assessment } = ctx.input;
  for (const module of cat.programme.modules) {
    const result = assessment.modules.find((m) => m.number === module.number);
    partHeading(ctx, moduleId(module.number), `Module ${module.number}: ${module.title}`, result ? `${result.answered} of ${plural(result.total, 'task')} answered` : undefined);
    if (module === cat.programme.modules[0]) legend(ctx);
    moduleIntro(ctx, module);
    module.weeks.forEach((week, i) => {
      if (i > 0) sectionBreak(ctx);
      renderWeek(ctx, module, week);
    });
  }
}

/** Once, where the weeks start: how the programme's words are told apart from the product's (the week files' legend). */
function legend(ctx: Ctx): void {
  const { w } = ctx;
  w.group('Div', () => {
    w.quoted(() => renderMarkdown(w, SOURCE_LEGEND, { size: 9, color: COLOURS.text, gap: 2 }));
  });
  w.space(8);
}

function sourceLine(ctx: Ctx, text: string, after = 4): void {
  ctx.w.paragraph([run(text, SOURCE)], { after, keep: 2 });
}

function moduleIntro(ctx: Ctx, module: Module): void {
  const { w } = ctx;
  if (module.summary) renderMarkdown(w, module.summary, PROMPT);
  if (module.learning_outcomes.length > 0) {
    w.paragraph([run('Learning outcomes', { face: 'bold', size: 9.5, color: COLOURS.muted })], { after: 1, keep: 3, tag: 'H2' });
    renderMarkdown(w, module.learning_outcomes.map((o) => `- ${o.text.replace(/\s+/g, ' ')}`).join('\n'), PROMPT);
  }
  sourceLine(ctx, sourceText(module.provenance));
  if (module.key_questions?.length) {
    // Shown once, with the module: the workbook asks them of every week.
    w.space(4);
    material(ctx, `Key questions for Module ${module.number}`, `${KEY_QUESTIONS_INTRO}\n\n${module.key_questions.map((q) => `- ${q}`).join('\n')}`, keyQuestionsSource(module), 2);
  }
  w.space(6);
}

/** A piece of week material, set apart from the answers by a bar and its label, ending with its source. */
function material(ctx: Ctx, title: string, text: string, source: string, level: 2 | 3): void {
  const { w } = ctx;
  w.group('Div', () => {
    w.quoted(() => {
      w.paragraph([run('Material · ', { face: 'bold', size: 9, color: COLOURS.muted }), run(title, { face: 'bold', size: 9.5 })], { after: 2, keep: 3, tag: `H${level}` });
      renderMarkdown(w, text, MATERIAL);
      sourceLine(ctx, source, 2);
    });
  });
  w.space(6);
}

function renderWeek(ctx: Ctx, module: Module, week: Week): void {
  const { w, input } = ctx;
  const ref = `${module.number}.${week.number}`;
  const result = input.assessment.modules.flatMap((m) => m.weeks).find((x) => x.ref === ref);
  const file = weekFile(module.number, week.number);
  const entry = input.portfolio.entries.get(file);
  w.source = file;
  const firstTask = week.tasks[0];
  const keep = weekHead(w, week.introduction, firstTask && !week.material?.length ? taskKeep(ctx, firstTask, result?.tasks.find((t) => t.number === firstTask.number), entry, ref) : 0);
  w.group('Sect', () => {
    heading(ctx, 2, [run(`Week ${week.number}: ${week.title}`, { face: 'bold', color: COLOURS.accent })], { id: weekId(module.number, week.number), before: 0, after: 1, keep, section: `Module ${module.number}: ${module.title} · Week ${week.number}: ${week.title}` });
    const state = result ? (result.state === 'answered' ? '✓ all tasks answered' : `${result.answered} of ${plural(result.total, 'task')} answered`) : '';
    w.paragraph([run(`Module ${module.number}, week ${week.number} · ${KIND_LABEL[week.kind] ?? week.kind}${state ? ` · ${state}` : ''}`, { size: 9, color: COLOURS.muted })], { after: 6 });
    if (week.introduction) {
      renderMarkdown(w, week.introduction, PROMPT);
      sourceLine(ctx, sourceText(week.provenance), 6);
    }
    for (const m of week.material ?? []) material(ctx, m.title, m.text.trim(), sourceText(m.provenance), 3);
    if (!entry) {
      notice(ctx, 'This week’s file is missing from the portfolio.');
      return;
    }
    ownNotes(ctx, entry, undefined);
    for (const task of week.tasks) {
      const tr = result?.tasks.find((t) => t.number === task.number);
      w.group('Sect', () => {
        heading(ctx, 3, [run(`Task ${task.number}: ${task.title}`, { face: 'bold' })], { after: 1, keep: taskKeep(ctx, task, tr, entry, ref) });
        const source = [run(taskSource(task), SOURCE)];
        if (task.portfolio) source.push(run(` ${portfolioLine(task, ref, input.cat)}`, SOURCE));
        w.paragraph(source, { after: 3, keep: 2 });
        if (task.guidance) renderMarkdown(w, task.guidance, PROMPT);
        const allOptional = task.fields.every((f) => !f.required);
        const anyAnswered = tr?.fields.some((f) => f.answered) ?? false;
        if (allOptional && !anyAnswered) {
          w.paragraph([run('Optional; nothing added.', { face: 'italic', size: 9.5, color: COLOURS.muted })], { after: 4 });
        } else {
          for (const field of task.fields) {
            const fr = tr?.fields.find((f) => f.id === field.id);
            renderField(ctx, field, fr, entry, fieldKey(task.number, field.id), task.fields.length > 1);
          }
        }
        ownNotes(ctx, entry, task.number);
      });
    }
  });
}

/** Whether a field is drawn at all: an optional one only when answered. */
function fieldShown(field: Field, result: FieldResult | undefined, entry: ParsedEntry | undefined, key: string): boolean {
  if (field.required) return true;
  return result?.answered ?? answerText(entry?.slots.get(key)?.raw ?? '', field) !== '';
}

/** What a task's heading keeps with it: its source line, guidance and its first shown field's head. */
function taskKeep(ctx: Ctx, task: Task, tr: TaskResult | undefined, entry: ParsedEntry | undefined, ref: string): number {
  const { w } = ctx;
  const labelled = task.fields.length > 1;
  const first = task.fields.find((f) => fieldShown(f, tr?.fields.find((x) => x.id === f.id), entry, fieldKey(task.number, f.id)));
  const field = first ? fieldHead(w, first, true, labelled) : 20;
  return taskHead(w, task, task.portfolio ? portfolioLine(task, ref, ctx.input.cat) : '', field);
}

/** One answer: its label and question, then the participant's words (or that there are none). */
/** `level`: the label's place in the outline, under a task (4) or straight under an item (3). */
function renderField(ctx: Ctx, field: Field, result: FieldResult | undefined, entry: ParsedEntry | undefined, key: string, labelled: boolean, level: 3 | 4 = 4): void {
  const { w } = ctx;
  const raw = entry?.slots.get(key)?.raw ?? '';
  const text = answerText(raw, field);
  const answered = result?.answered ?? text !== '';
  if (!field.required && !answered) return;

  const label: Run[] = [];
  if (labelled || field.kind !== 'check') label.push(run(`${field.id}) ${field.label.replace(/\s+/g, ' ').trim()}`, { face: 'bold' }));
  if (result?.word_limit !== undefined && field.kind !== 'check') {
    const over = result.over_limit;
    label.push(run(`   ${result.words} / ${result.word_limit} words${over ? ' — over the limit' : ''}`, { size: 9, color: over ? COLOURS.bad : COLOURS.muted, face: over ? 'bold' : 'regular' }));
  }
  w.space(3);
  if (label.length > 0) heading(ctx, 4, label, { before: 2, keep: fieldHead(w, field, true, labelled) - headingHeight(w, label) - 6, as: level });
  if (field.prompt || field.guidance) renderMarkdown(w, [field.prompt, field.guidance].filter(Boolean).join('\n\n'), PROMPT);
  if (field.citation) renderMarkdown(w, citationText(field.citation), PROMPT);
  if (field.context) {
    w.quoted(() => {
      w.paragraph([run(field.context!.title, { face: 'bold', size: 9, color: COLOURS.muted })], { after: 1, keep: 3 });
      renderMarkdown(w, field.context!.text, CONTEXT);
    });
  }
  w.space(2);

  switch (field.kind) {
    case 'check': {
      w.paragraph(answered ? [run('✓ Done', { face: 'bold', color: COLOURS.good })] : [run('○ Not done', { face: 'bold', color: COLOURS.bad })], { after: 4 });
      // Words written beside the box, or in its place ("Yes, watched it twice."), are the participant's too.
      const written = text.replace(/^[ \t]*[-*+][ \t]+\[[ xX]\][^\n]*$/gm, '').trim();
      if (written) renderMarkdown(w, written);
      return;
    }
    case 'entry': {
      const item = ctx.input.cat.item(field.entry ?? '');
      const done = ctx.input.assessment.items.find((i) => i.id === field.entry)?.state === 'answered';
      if (!item) return;
      const runs: Run[] = [
        run(done ? '✓ ' : '○ ', { color: done ? COLOURS.good : COLOURS.bad, face: 'bold' }),
        run('Answered in ', { color: COLOURS.text }),
        run(item.title, { face: 'italic', color: COLOURS.link }),
        run(done ? ' (see that section).' : ' — not yet complete.', { color: done ? COLOURS.text : COLOURS.bad }),
      ];
      w.paragraph(runs, { after: 4 });
      return;
    }
    case 'areas': {
      const areas = chosenAreas(raw);
      if (areas.length > 0) {
        w.group('L', () => {
          for (const a of areas) {
            const runs: Run[] = [run(a.area, { face: 'bold' })];
            if (a.note) runs.push(run(`: ${a.note}`));
            w.indented(14, () => w.paragraph(runs, { marker: run('✓', { color: COLOURS.good }), markerX: w.left - 13, after: 2.5, tag: 'LI' }));
          }
        });
        // Anything else written under the list.
        const rest = text.replace(/^[ \t]*[-*+][ \t]+\[[ xX]\][^\n]*$/gm, '').trim();
        if (rest) renderMarkdown(w, rest);
        w.space(3);
        return;
      }
      break;
    }
    default:
      break;
  }
  if (text === '') {
    notAnswered(ctx);
    return;
  }
  renderMarkdown(w, text);
}

function notAnswered(ctx: Ctx): void {
  ctx.w.paragraph([run('○ Not answered', { face: 'boldItalic', color: COLOURS.bad })], { after: 5 });
}

/**
 * What the participant wrote outside any answer, where it sits: before the
 * tasks (task undefined) or at the end of its task. Kept and shown, never
 * counted as an answer (status and verify say so).
 */
function ownNotes(ctx: Ctx, entry: ParsedEntry, task: number | undefined): void {
  const blocks = entry.outside.filter((o) => o.task === task);
  if (blocks.length === 0) return;
  const { w } = ctx;
  w.group('Div', () => {
    w.paragraph([run('Your own notes', { face: 'bold', size: 9.5 }), run(' (written outside the answers; not counted as an answer)', { size: 9, color: COLOURS.muted })], { after: 2, keep: 2, tag: task === undefined ? 'H3' : 'H4' });
    for (const b of blocks) renderMarkdown(w, b.text);
  });
  w.space(4);
}

function notice(ctx: Ctx, text: string): void {
  ctx.w.paragraph([run(text, { face: 'italic', color: COLOURS.bad })], { after: 6 });
}

export function renderItems(ctx: Ctx): void {
  const { cat, assessment, portfolio } = ctx.input;
  const items = cat.programme.items.filter((i) => i.kind === 'text');
  items.forEach((item, i) => {
    const result = assessment.items.find((r) => r.id === item.id);
    const entry = portfolio.entries.get(item.file);
    ctx.w.source = item.file;
    if (i === 0) partHeading(ctx, 'items', 'Portfolio items', 'Learning goals, agreement, briefing paper, case review and CPD plan');
    else sectionBreak(ctx);
    ctx.w.group('Sect', () => {
      heading(ctx, 2, [run(item.title, { face: 'bold', color: COLOURS.accent })], { id: itemId(item.id), before: 0, after: 1, section: `Portfolio items · ${item.title}` });
      ctx.w.paragraph([run(itemState(result), { size: 9, color: COLOURS.muted })], { after: 3 });
      if (item.description) renderMarkdown(ctx.w, item.description, PROMPT);
      if (!entry) {
        notice(ctx, `The file ${item.file} is missing from the portfolio.`);
        return;
      }
      for (const field of item.fields) {
        renderField(ctx, field, result?.fields.find((f) => f.id === field.id), entry, fieldKey(null, field.id), true, 3);
      }
      ownNotes(ctx, entry, undefined);
    });
  });
}

function itemState(result: ItemResult | undefined): string {
  if (!result) return '';
  if (result.state === 'answered') return result.kind === 'selfassessment' ? `✓ all ${result.total} statements rated` : '✓ complete';
  return result.kind === 'selfassessment' ? `${result.answered} of ${result.total} statements rated` : `${result.answered} of ${plural(result.total, 'part')} answered`;
}

export function renderSelfAssessments(ctx: Ctx): void {
  const { cat, assessment, portfolio } = ctx.input;
  const items = cat.programme.items.filter((i) => i.kind === 'selfassessment');
  const scale = cat.programme.framework.scale.points;
  items.forEach((item: Item, i) => {
    const result = assessment.items.find((r) => r.id === item.id);
    const entry = portfolio.entries.get(item.file);
    ctx.w.source = item.file;
    if (i === 0) partHeading(ctx, 'selfassessments', 'Self-assessments', `Confidence against the ${cat.programme.framework.title}, on a scale of 1 to 5`);
    else sectionBreak(ctx);
    ctx.w.group('Sect', () => {
      heading(ctx, 2, [run(item.title, { face: 'bold', color: COLOURS.accent })], { id: itemId(item.id), before: 0, after: 1, section: `Self-assessments · ${item.title}` });
      ctx.w.paragraph([run(itemState(result), { size: 9, color: COLOURS.muted })], { after: 6 });
      if (!entry) {
        notice(ctx, `The file ${item.file} is missing from the portfolio.`);
        return;
      }
      for (const section of cat.programme.framework.sections) {
        heading(ctx, 3, [run(`Section ${section.number}: ${section.title}`, { face: 'bold' })], { before: 6 });
        const rows = section.statements.map((s) => {
          const value = result?.ratings?.find((r) => r.id === s.id)?.value ?? null;
          const point = scale.find((p) => p.value === value);
          return [
            { runs: [run(s.id, { face: 'bold' })] },
            { runs: [run(s.heading.replace(/\s+/g, ' '))] },
            value === null
              ? { runs: [run('○ Not rated', { face: 'italic', color: COLOURS.bad })] }
              : { runs: [run(`${value}`, { face: 'bold' }), run(` · ${point?.label ?? ''}`)] },
          ];
        });
        ctx.w.table(
          [{ runs: [run('Ref.', { face: 'bold' })] }, { runs: [run('Statement', { face: 'bold' })] }, { runs: [run('Confidence (1–5)', { face: 'bold' })] }],
          rows,
          { size: 9, widths: [48, ctx.w.width - 48 - 130, 130] },
        );
        const comment = entry.slots.get(commentKey(section.number));
        const text = comment ? answerText(comment.raw) : '';
        if (text) {
          ctx.w.space(6);
          // The label kept with the first lines of the comment.
          ctx.w.ensure(ctx.w.heightOf([run('Comment', { face: 'bold', size: 9.5 })], ctx.w.width) + 1 + bodyLines(KEEP_LINES));
          ctx.w.paragraph([run('Comment', { face: 'bold', size: 9.5 })], { after: 1, keep: 1, tag: 'H4' });
          renderMarkdown(ctx.w, text);
        }
        ctx.w.space(4);
      }
    });
  });
}
