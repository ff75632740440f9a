// permanence week [ref]: one week's tasks, asked in the workbook's words,
// each answer saved the moment it is given.
import { assess, type State, type TaskResult, type WeekResult } from '../assess/assess.js';
import { calendarOf, PROGRAMME_WEEKS } from '../assess/calendar.js';
import { EXIT, usageError } from '../errors.js';
import { readAnswers } from '../portfolio/answers.js';
import { fieldKey, sourceText, weekFile, type EntrySpec } from '../portfolio/layout.js';
import { readPortfolio } from '../portfolio/portfolio.js';
import type { Task } from '../programme/types.js';
import type { IO } from '../ui/io.js';
import { PromptCancelled, type Prompter } from '../ui/prompts.js';
import { history, offerCommit } from '../guide/commit.js';
import type { Guide } from '../guide/context.js';
import { warnDetails } from '../guide/details.js';
import { askField, isAnswered, type Mode, type Target } from '../guide/fields.js';
import { resolveWeek, type WeekRef } from '../guide/ref.js';
import { answersPath, noQuestions, openSession, prompterFor } from '../guide/session.js';
import { readEntry, saveAnswer } from '../guide/store.js';
import { brief, WIDTH, wrap } from '../guide/text.js';
import { portfolioLine, taskSource } from '../portfolio/source.js';

export interface WeekOptions {
  dir?: string;
  module?: string | number;
  task?: string | number;
  answers?: string;
  commit?: boolean;
}

const KIND = { activities: 'exercises, tasks and activities', reading: 'essential reading', workshop: 'workshop' } as const;
const STATE_WORD: Record<State, string> = { answered: 'answered', partial: 'partly answered', empty: 'not started' };

export async function week(io: IO, ref: string | undefined, opts: WeekOptions, prompter?: Prompter): Promise<number> {
  const since = Date.now();
  const session = openSession(io, opts.dir);
  const { cat, root, style: s } = session;
  // After the 28 weeks, "this week" is the earliest week not finished.
  let late: string | undefined;
  if ((ref ?? '').trim() === '' && opts.module === undefined && calendarOf(session.config?.start_date, io.today()).state === 'after') {
    const weeks = assess(cat, readPortfolio(root, cat), { today: io.today() }).modules.flatMap((m) => m.weeks);
    late = weeks.find((w) => w.tasks.some((t) => !t.optional && t.state !== 'answered'))?.ref;
  }
  const placed = resolveWeek(cat, late ?? ref, opts, session.config, io.today());
  const { module, week: wk } = placed;
  const weekRef = `${module.number}.${wk.number}`;
  const file = weekFile(module.number, wk.number);
  const spec = session.specs.find((x): x is Extract<EntrySpec, { kind: 'week' }> => x.file === file)!;
  let only: Task | undefined;
  if (opts.task !== undefined && String(opts.task).trim() !== '') {
    const n = Number(String(opts.task).trim());
    only = wk.tasks.find((t) => t.number === n);
    if (!only) {
      throw usageError(
        `Week ${weekRef} has no task ${String(opts.task)}. It has tasks 1 to ${wk.tasks.length}:\n${wk.tasks.map((t) => `  ${t.number}  ${short(t.title, 70)}`).join('\n')}`,
      );
    }
  }
  const say = session.say;
  const ask = opts.answers === undefined ? prompterFor(io, prompter, 'week', `permanence week ${weekRef} --answers answers.yaml`) : noQuestions;
  for (const l of wrap(`Module ${module.number}, week ${wk.number} (programme week ${placed.programmeWeek}): ${wk.title}`)) say(s.bold(l));
  for (const l of wrap(`${howPlaced(ref, placed)}This week: ${KIND[wk.kind]}.`)) say(s.dim(l));
  if (late) say(s.dim(`The ${PROGRAMME_WEEKS} weeks from ${session.config?.start_date} have ended: this is the earliest week not finished.`));
  say(s.dim(`Your answers go in ${file}.`));
  readEntry(root, spec, cat); // a missing or unreadable file stops here, before any question

  const progress = (): WeekResult => {
    const a = assess(cat, readPortfolio(root, cat), { today: io.today() });
    return a.modules.find((m) => m.number === module.number)!.weeks.find((w) => w.week === wk.number)!;
  };

  if (opts.answers !== undefined) {
    const path = answersPath(io, opts.answers);
    const targets = readAnswers(path, cat, session.specs, weekRef).filter((t) => !only || parseInt(t.key, 10) === only.number);
    if (targets.length === 0) throw usageError(`${opts.answers} has no answers for week ${weekRef}${only ? ` task ${only.number}` : ''}.\nExample:\n  "${weekRef}":\n    ${wk.tasks[0]?.number ?? 1}: { a: "your answer" }`);
    const g: Guide = { ...session, ask: noQuestions };
    for (const t of targets) {
      const changed = saveAnswer(root, cat, t.spec, t.key, t.markdown);
      if (changed) g.touched.add(t.spec.file);
      const [, n, id] = /^(\d+)([a-z])$/.exec(t.key) ?? [];
      say(`${changed ? s.green('✓ Saved') : s.dim('= Already there:')} task ${n} ${id}) ${short(t.field?.label ?? '', 60)}`);
      warnDetails(g, t);
    }
    const result = progress();
    summary(g, result);
    await offerCommit(g, commitMessage(result), opts.commit === true ? true : false, false, { since, file });
    return EXIT.ok;
  }

  const g: Guide = { ...session, ask };
  if (wk.introduction) for (const l of brief(wk.introduction, 4)) say(s.dim(l));
  if (module.key_questions?.length) {
    // Once, briefly: the file has them all, with their source.
    const n = module.key_questions.length;
    for (const l of wrap(`Module ${module.number}'s key questions, from the Participants' Workbook, to reflect on throughout the module:`)) say(s.dim(l));
    for (const q of module.key_questions.slice(0, 3)) wrap(q, WIDTH, '    ').forEach((l, i) => say(s.dim(i === 0 ? `  - ${l.slice(4)}` : l)));
    say(s.dim(`  ${n > 3 ? `… and ${n - 3} more: all ${n}` : 'They'} are at the top of ${file}.`));
  }
  for (const m of wk.material ?? []) for (const l of wrap(`This week's material, "${m.title}", is in ${file}. ${sourceText(m.provenance, false)}`, 76, '  ')) say(s.dim(l));
  say(s.dim(`Stop at any time with Ctrl-C: every answer is saved as you give it.`));
  try {
    if (only) {
      await doTask(g, only, 'all');
    } else {
      await menu(g, progress);
    }
  } catch (err) {
    if (err instanceof PromptCancelled) return stopped(g, file);
    throw err;
  }
  const result = progress();
  summary(g, result);
  try {
    await offerCommit(g, commitMessage(result), opts.commit, true, { since, file });
  } catch (err) {
    if (err instanceof PromptCancelled) return stopped(g, file);
    throw err;
  }
  return EXIT.ok;

  function taskHeader(task: Task, t?: TaskResult): void {
    say();
    const state = t ? `  ${mark(t.state, g)} ${STATE_WORD[t.state]}${t.state === 'partial' ? ` (${t.fields.filter((f) => f.answered).length} of ${t.fields.length} parts)` : ''}${t.optional ? ' (optional)' : ''}` : '';
    say(s.bold(`── Task ${task.number} of ${wk.tasks.length} ${'─'.repeat(30)}`) + state);
    for (const l of wrap(task.title)) say(s.bold(l));
    for (const l of brief(taskSource(task), 2, '')) say(s.dim(l));
    if (task.portfolio) for (const l of wrap(portfolioLine(task, weekRef, cat))) say(s.cyan(l));
    if (task.guidance && !restates(task.guidance, task.title)) for (const l of brief(task.guidance, 4)) say(s.dim(l));
  }

  async function doTask(g: Guide, task: Task, mode: Mode, header = true): Promise<void> {
    if (header) taskHeader(task);
    // Opened on its own, a tick that confirms what the next task shows shows it first: nobody ticks "I have read" what they have not been shown.
    const shows = mode === 'all' ? confirmedBy(task) : undefined;
    if (shows) {
      say();
      say(s.dim(`What task ${shows.number} shows, to read before you tick:`));
      for (const f of shows.fields.filter((x) => x.context)) {
        say(`  ${s.bold(f.context!.title)}`);
        for (const l of wrap(f.context!.text, 76, '  │ ')) say(l);
        say();
      }
    }
    for (const field of task.fields) {
      const target: Target = {
        spec,
        key: fieldKey(task.number, field.id),
        field,
        where: `Task ${task.number} ${field.id})`,
        ...(task.word_limit !== undefined && task.fields.length === 1 ? { wordLimit: task.word_limit } : {}),
      };
      if (mode === 'walk' && isAnswered(g, target)) continue;
      await askField(g, target, mode);
    }
    const t = progress().tasks.find((x) => x.number === task.number)!;
    say(`${mark(t.state, g)} Task ${task.number}: ${STATE_WORD[t.state]}`);
  }

  /** The next task, when `task` is only ticks confirming the material that task shows (week 1.2: the six vignettes). */
  function confirmedBy(task: Task): Task | undefined {
    const next = wk.tasks.find((x) => x.number === task.number + 1);
    return next && task.fields.every((f) => f.kind === 'check') && next.fields.some((f) => f.context) ? next : undefined;
  }

  /**
   * A tick that confirms material the next task shows (week 1.2: "I have read
   * the six vignettes", shown with task 2) is asked once that task has shown it.
   */
  function confirmAfterShown(open: TaskResult[]): TaskResult[] {
    const order = [...open];
    for (let i = 0; i + 1 < order.length; i++) {
      const tick = wk.tasks.find((x) => x.number === order[i]!.number)!;
      const next = wk.tasks.find((x) => x.number === order[i + 1]!.number)!;
      if (confirmedBy(tick) === next) {
        [order[i], order[i + 1]] = [order[i + 1]!, order[i]!];
        say(s.dim(`Task ${tick.number} asks you to confirm what task ${next.number} shows, so it comes after task ${next.number}.`));
        i++;
      }
    }
    return order;
  }

  async function menu(g: Guide, now: () => WeekResult): Promise<void> {
    for (let first = true; ; first = false) {
      const result = now();
      const open = result.tasks.filter((t) => t.state !== 'answered');
      const required = open.filter((t) => !t.optional);
      const choice = await g.ask.select<number | 'walk' | 'stop'>({
        message: open.length === 0 ? 'Every task is answered. Look at one again, or stop?' : 'What would you like to do?',
        choices: [
          ...(open.length > 0 ? [{ value: 'walk' as const, name: `Carry on with the tasks not finished yet (${open.map((t) => t.number).join(', ')})` }] : []),
          ...result.tasks.map((t) => ({ value: t.number, name: `${mark(t.state, g)} Task ${t.number}: ${short(t.title, 60)} (${STATE_WORD[t.state]})` })),
          { value: 'stop' as const, name: open.length === 0 ? 'Finish' : 'Stop for now' },
        ],
        default: open.length > 0 && (first || required.length > 0) ? 'walk' : 'stop',
      });
      if (choice === 'stop') return;
      if (choice === 'walk') {
        for (const t of confirmAfterShown(open)) {
          const task = wk.tasks.find((x) => x.number === t.number)!;
          taskHeader(task, t);
          // A task that is only ticks asks its tick straight away: "No" leaves it.
          if (task.fields.every((f) => f.kind === 'check')) {
            await doTask(g, task, 'walk', false);
            continue;
          }
          const go = await g.ask.select<'answer' | 'skip' | 'stop'>({
            message: `Task ${task.number}?`,
            choices: [
              { value: 'answer', name: t.state === 'partial' ? 'Go on with it' : 'Answer it now' },
              { value: 'skip', name: 'Skip it for now' },
              { value: 'stop', name: 'Stop for now (your answers are saved)' },
            ],
            default: t.optional ? 'skip' : 'answer',
          });
          if (go === 'stop') return;
          if (go === 'skip') continue;
          await doTask(g, task, 'walk', false);
        }
        return;
      }
      await doTask(g, wk.tasks.find((x) => x.number === choice)!, 'all');
    }
  }
}


/** How a reference was placed in the programme, when it was not a module and week ("1.2"). */
function howPlaced(ref: string | undefined, p: WeekRef): string {
  if (!p.why) return '';
  const r = (ref ?? '').trim();
  if (r === '') return p.why.startsWith('as ') ? `Opened module ${p.module.number}, week ${p.week.number}, ${p.why}. ` : `This is ${p.why}. `;
  if (p.why.startsWith('programme week')) return `"${r}" is programme week ${r} (of 28): module ${p.module.number}, week ${p.week.number}. `;
  return `"${r}" is week ${p.week.number} of module ${p.module.number}, ${p.why}. `;
}

const short = (text: string, n: number) => {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1).replace(/\s+\S*$/, '')}…` : t;
};

/** Guidance that only says the title again is not shown twice. */
function restates(guidance: string, title: string): boolean {
  const words = (x: string) => new Set(x.toLowerCase().match(/[a-z']+/g) ?? []);
  const g = words(guidance);
  const t = [...words(title)];
  return t.filter((w) => g.has(w)).length >= t.length * 0.8 && g.size <= t.length * 1.6;
}

function mark(state: State, g: Guide): string {
  const s = g.style;
  return state === 'answered' ? s.green('✓') : state === 'partial' ? s.yellow('◐') : s.dim('○');
}

function taskLine(g: Guide, t: TaskResult): string {
  const parts = t.fields.length > 1 && t.state === 'partial' ? ` (${t.fields.filter((f) => f.answered).length} of ${t.fields.length} parts)` : '';
  return `  ${mark(t.state, g)} ${String(t.number).padStart(2)}  ${short(t.title, 58).padEnd(58)}  ${STATE_WORD[t.state]}${parts}${t.optional ? g.style.dim(' (optional)') : ''}`;
}

export const commitMessage = (w: WeekResult) => `Module ${w.module}, week ${w.week}: ${w.answered} of ${w.total} tasks answered`;

function summary(g: Guide, w: WeekResult): void {
  const s = g.style;
  g.say();
  g.say(s.bold(`${commitMessage(w)}.`));
  for (const t of w.tasks) g.say(taskLine(g, t));
  const next = w.tasks.find((t) => t.state !== 'answered' && !t.optional);
  if (!next) {
    const all = g.cat.weeks;
    const i = all.findIndex((x) => x.ref === w.ref);
    const after = all[i + 1];
    g.say(`${s.green('✓')} Week ${w.ref} is done.${after ? ` Next: permanence week ${after.ref} (${after.week.title})` : ''}`);
  } else {
    g.say(`To carry on later: permanence week ${w.ref} (task ${next.number} next)`);
  }
  if (g.touched.size > 1) g.say(s.dim(`Saved in: ${[...g.touched].sort().join(', ')}`));
}

function stopped(g: Guide, file: string): number {
  const others = [...g.touched].filter((f) => f !== file).sort();
  g.say();
  g.say(`Stopped. Your answers so far are saved in ${[file, ...others].join(' and ')}.`);
  if (history(g.root).kind === 'repo') g.say(g.style.dim("To keep them in your portfolio's history as well: permanence save"));
  return EXIT.interrupted;
}

