// One prompt flow per kind of field. Each shows the question and its guidance
// briefly, offers back what is already there (keep / add to it / replace it),
// and saves the answer the moment it is given.
import { answerText, chosenAreas, countWords } from '../assess/assess.js';
import { formatAnswer } from '../portfolio/answers.js';
import { citationText, fieldKey, RATING_LINE, type EntrySpec } from '../portfolio/layout.js';
import type { Field } from '../programme/types.js';
import { editInEditor } from '../ui/editor.js';
import { CancelledWhileTyping, lineCollector, MULTILINE_HINT, MULTILINE_HINT_SHORT } from '../ui/multiline.js';
import { PromptCancelled } from '../ui/prompts.js';
import type { Guide } from './context.js';
import { currentRaw, readEntry, saveAnswer } from './store.js';
import { brief, firstLines, plural, wrap } from './text.js';

/** One answer slot to fill: where it is and what it asks. */
export interface Target {
  spec: EntrySpec;
  key: string;
  field: Field;
  /** For a field without its own limit, the task's (a one-field task). */
  wordLimit?: number;
  /** How it is named on screen: "task 5 a)", "items/learning-goals.md a)". */
  where: string;
}

/** walk: resuming, only what is missing is asked. all: every field, with what is there offered back. */
export type Mode = 'walk' | 'all';

const BOX = /^[ \t]*[-*+][ \t]+\[([ xX])\]/;

/** Whether the field counts as answered now (as assess would say). */
export function isAnswered(g: Guide, t: Target): boolean {
  const raw = currentRaw(g.root, t.spec, g.cat, t.key);
  if (t.field.kind === 'check') return /^[ \t]*[-*+][ \t]+\[[xX]\]/m.test(raw) || answerText(raw, t.field) !== '';
  if (t.field.kind === 'areas') return chosenAreas(raw).length > 0 || answerText(raw, t.field) !== '';
  if (t.field.kind === 'entry') return itemProgress(g, t.field.entry ?? '')?.done ?? false;
  return answerText(raw, t.field) !== '';
}

export async function askField(g: Guide, t: Target, mode: Mode): Promise<void> {
  const { field } = t;
  const s = g.style;
  g.say();
  g.say(`${s.bold(`${field.id}) ${oneLine(field.label)}`)}${field.required ? '' : s.dim(' (optional)')}`);
  if (field.context) {
    g.say(`  ${s.bold(field.context.title)}`);
    for (const l of wrap(field.context.text, 76, '  │ ')) g.say(l);
    g.say();
  }
  const ask = [field.prompt, field.guidance].filter((x): x is string => Boolean(x) && oneLine(x!) !== oneLine(field.label)).join('\n');
  if (ask) for (const l of brief(ask, 4)) g.say(s.dim(l));
  if (field.citation) for (const l of wrap(citationText(field.citation).replace(/\*/g, ''), 76, '  ')) g.say(l);
  const limit = field.word_limit ?? t.wordLimit;
  switch (field.kind) {
    case 'check':
      return askCheck(g, t, mode);
    case 'areas':
      return askAreas(g, t);
    case 'entry':
      return askEntry(g, t);
    case 'short':
      return askText(g, t, 'short', limit);
    case 'list':
      return askText(g, t, 'list', limit);
    default:
      return askText(g, t, 'long', limit);
  }
}

const oneLine = (x: string) => x.replace(/\s+/g, ' ').trim();

function saved(g: Guide, t: Target, changed: boolean, extra = ''): void {
  if (changed) g.touched.add(t.spec.file);
  g.say(changed ? g.style.green(`  ✓ Saved in ${t.spec.file}${extra}`) : g.style.dim(`  Unchanged${extra}`));
}

async function askCheck(g: Guide, t: Target, mode: Mode): Promise<void> {
  const raw = currentRaw(g.root, t.spec, g.cat, t.key);
  const ticked = /^[ \t]*[-*+][ \t]+\[[xX]\]/m.test(raw);
  if (ticked && mode === 'walk') return;
  const yes = await g.ask.confirm({ message: ticked ? 'Still ticked?' : 'Tick it?', default: true });
  if (yes === ticked) {
    g.say(g.style.dim(yes ? '  ✓ Ticked already' : '  Left unticked'));
    return;
  }
  const changed = saveAnswer(g.root, g.cat, t.spec, t.key, (now) => {
    const lines = now.replace(/\s+$/, '').split(/\r?\n/);
    const i = lines.findIndex((l) => BOX.test(l));
    if (i === -1) return [formatAnswer(t.field, yes), now.trim()].filter(Boolean).join('\n\n');
    lines[i] = lines[i]!.replace(/\[[ xX]\]/, yes ? '[x]' : '[ ]');
    return lines.join('\n');
  });
  saved(g, t, changed, yes ? ': ticked' : ': unticked');
}

async function askAreas(g: Guide, t: Target): Promise<void> {
  const { field } = t;
  const raw = currentRaw(g.root, t.spec, g.cat, t.key);
  const before = new Map(chosenAreas(raw).map((a) => [a.area, a.note] as const));
  const options = [...(field.options ?? [])];
  for (const a of before.keys()) if (!options.includes(a)) options.push(a);
  const picked = await g.ask.checkbox({
    message: `Tick the areas that apply (Space ticks, Enter when done)`,
    choices: options.map((o) => ({ value: o, name: before.has(o) && before.get(o) ? `${o} (${short(before.get(o)!)})` : o, checked: before.has(o) })),
  });
  const chosen = new Set(picked);
  for (const [area, note] of before) {
    if (chosen.has(area) || !note) continue;
    const drop = await g.ask.confirm({ message: `You unticked "${area}", which has a note ("${short(note)}"). Remove it and its note?`, default: false });
    if (!drop) chosen.add(area);
  }
  // Saved after the ticks and again after every note, so Ctrl-C at the next
  // question never loses one already given.
  const value: Record<string, string> = {};
  for (const area of options.filter((o) => chosen.has(o))) value[area] = before.get(area) ?? '';
  const save = () => saveAnswer(g.root, g.cat, t.spec, t.key, (now) => rebuildAreas(now, formatAnswer(field, value)));
  let changed = save();
  const question = field.option_prompt ?? 'a note';
  for (const area of Object.keys(value)) {
    const old = value[area] ?? '';
    const note = (await g.ask.input({ message: `${area}: ${question}`, ...(old ? { default: old } : {}) })).trim();
    value[area] = note || old;
    if (save()) changed = true;
  }
  if (chosen.size === 0 && !changed) {
    g.say(g.style.dim('  Nothing ticked: left for now.'));
    return;
  }
  saved(g, t, changed, `: ${plural(chosen.size, 'area')}`);
}

const short = (s: string, n = 40) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The areas' checklist replaced, and anything else written under the heading kept. */
export function rebuildAreas(raw: string, list: string): string {
  const lines = raw.replace(/\s+$/, '').split(/\r?\n/);
  const first = lines.findIndex((l) => BOX.test(l));
  if (first === -1) return [list, raw.trim()].filter(Boolean).join('\n\n');
  const before = lines.slice(0, first).join('\n').trim();
  const after = lines
    .slice(first)
    .filter((l) => !BOX.test(l))
    .join('\n')
    .trim();
  return [before, list, after].filter(Boolean).join('\n\n');
}

/** How far a portfolio item is filled in. */
export function itemProgress(g: Guide, id: string): { done: boolean; answered: number; total: number; spec: EntrySpec } | undefined {
  const spec = g.cat.programme.items.find((i) => i.id === id);
  const entrySpec = spec && (g.specs.find((x) => x.file === spec.file));
  if (!spec || !entrySpec) return undefined;
  const entry = readEntry(g.root, entrySpec, g.cat);
  if (spec.kind === 'selfassessment') {
    const answered = g.cat.statements.filter((st) => {
      const m = RATING_LINE.exec(entry.slots.get(st.id)?.raw ?? '');
      return Boolean(m && /^[1-5]$/.test(m[1]!));
    }).length;
    return { done: answered === g.cat.statements.length, answered, total: g.cat.statements.length, spec: entrySpec };
  }
  const required = spec.fields.filter((f) => f.required);
  const answered = required.filter((f) => answerText(entry.slots.get(fieldKey(null, f.id))?.raw ?? '', f) !== '').length;
  return { done: answered === required.length, answered, total: required.length, spec: entrySpec };
}

async function askEntry(g: Guide, t: Target): Promise<void> {
  const item = g.cat.item(t.field.entry ?? '');
  const progress = item && itemProgress(g, item.id);
  if (!item || !progress) {
    g.say(g.style.dim('  (answered in another part of the portfolio)'));
    return;
  }
  const s = g.style;
  const state = progress.done
    ? s.green('✓ done')
    : progress.answered === 0
      ? `○ not started`
      : s.yellow(`◐ ${progress.answered} of ${progress.total} ${item.kind === 'selfassessment' ? 'rated' : 'answered'}`);
  g.say(`  This is answered in ${s.bold(item.file)}: ${state}`);
  g.say(s.dim(`  (${item.title})`));
  if (item.kind === 'selfassessment') {
    const stage = item.stage ?? 'baseline';
    const go = await g.ask.select({
      message: progress.done ? 'Your ratings are all there. Look at them again?' : 'Rate your confidence now?',
      choices: progress.done
        ? [
            { value: false, name: 'No, leave them as they are' },
            { value: true, name: 'Yes, go through them' },
          ]
        : [
            { value: true, name: `Yes, now (${progress.total - progress.answered} statements; you can stop at any time)` },
            { value: false, name: `Later (permanence selfassess --stage ${stage})` },
          ],
      default: !progress.done,
    });
    if (go) {
      const { rateStatements } = await import('./selfassess.js');
      await rateStatements(g, stage, progress.done ? 'all' : 'walk');
    }
    return;
  }
  const go = await g.ask.select({
    message: progress.done ? 'Leave it as it is?' : 'Fill it in now?',
    choices: progress.done
      ? [
          { value: false, name: 'Leave it as it is' },
          { value: true, name: 'Look at it and change it' },
        ]
      : [
          { value: true, name: 'Yes, fill it in now' },
          { value: false, name: `Later (it stays in ${item.file})` },
        ],
    default: !progress.done,
  });
  if (!go) return;
  g.say(s.dim(`  ── ${item.title} (${item.file}) ──`));
  for (const f of item.fields) {
    const target: Target = { spec: progress.spec, key: fieldKey(null, f.id), field: f, where: `${item.file} ${f.id})` };
    if (!progress.done && isAnswered(g, target)) continue;
    await askField(g, target, progress.done ? 'all' : 'walk');
  }
  g.say(s.dim(`  ── back to ${t.where} ──`));
}

type TextKind = 'short' | 'long' | 'list';
type Action = 'new' | 'keep' | 'add' | 'replace' | 'edit';

export async function askText(g: Guide, t: Target, kind: TextKind, limit: number | undefined): Promise<void> {
  const raw = currentRaw(g.root, t.spec, g.cat, t.key);
  const existing = answerText(raw, t.field);
  let action: Action = 'new';
  const useEditor = kind === 'long' && g.editor !== undefined;
  if (existing) {
    g.say(`  Your answer so far (${plural(countWords(existing), 'word')}):`);
    for (const l of firstLines(existing)) g.say(g.style.dim(l));
    action = await g.ask.select<Action>({
      message: 'Keep it, add to it, or replace it?',
      choices: [
        { value: 'keep', name: 'Keep it as it is' },
        useEditor ? { value: 'edit', name: `Change it in your editor (${editorName(g.editor!)})` } : { value: 'add', name: 'Add to it' },
        { value: 'replace', name: 'Replace it with a new answer' },
      ],
      default: 'keep',
    });
    if (action === 'keep') return;
  }
  let text: string | undefined;
  if (kind === 'short') {
    text = (await g.ask.input({ message: action === 'add' ? 'Add:' : `${oneLine(t.field.label)} ${g.style.dim('(Enter to leave it for now)')}` })).trim();
  } else if (kind === 'list') {
    const items = await keepTyped(g, t, action, () => askItems(g, t.field));
    text = items.length > 0 ? formatAnswer(t.field, items) : '';
  } else {
    text = await keepTyped(g, t, action, () => longText(g, t, action === 'edit' ? raw.trim() : ''));
    if (text === undefined) {
      g.say(g.style.dim('  Your answer was not changed.'));
      return;
    }
  }
  if (text === '') {
    if (action === 'edit' && existing) {
      const clear = await g.ask.confirm({ message: 'Your answer is now empty. Clear it from the file?', default: false });
      if (!clear) {
        g.say(g.style.dim('  Kept your earlier answer.'));
        return;
      }
    } else {
      g.say(g.style.dim(existing ? '  Nothing written: your earlier answer is kept.' : '  Left empty for now: you can come back to it.'));
      return;
    }
  }
  const written = text;
  const changed = saveAnswer(g.root, g.cat, t.spec, t.key, action === 'add' ? (now) => [now.trim(), written].filter(Boolean).join(kind === 'list' ? '\n' : '\n\n') : written);
  if (kind !== 'long') {
    saved(g, t, changed);
    return;
  }
  await checkLength(g, t, limit, changed);
}

async function checkLength(g: Guide, t: Target, limit: number | undefined, changed: boolean): Promise<void> {
  for (;;) {
    const words = countWords(answerText(currentRaw(g.root, t.spec, g.cat, t.key), t.field));
    const count = limit ? `${words} / ${limit} words` : plural(words, 'word');
    saved(g, t, changed, ` (${count})`);
    if (!limit || words <= limit) return;
    g.say(g.style.yellow(`  ⚠ That is ${words - limit} words over the limit of ${limit}.`));
    const again = await g.ask.select({
      message: 'Shorten it now?',
      choices: [
        g.editor ? { value: true, name: `Yes, open it in your editor (${editorName(g.editor)})` } : { value: true, name: 'Yes, write it again' },
        { value: false, name: `Not now: keep it, and shorten it later in ${t.spec.file}` },
      ],
      default: Boolean(g.editor),
    });
    if (!again) return;
    const raw = currentRaw(g.root, t.spec, g.cat, t.key);
    const text = await keepTyped(g, t, 'replace', () => longText(g, t, g.editor ? raw.trim() : ''));
    if (!text) {
      g.say(g.style.dim('  Kept it as it was.'));
      return;
    }
    changed = saveAnswer(g.root, g.cat, t.spec, t.key, text);
  }
}

/**
 * Ctrl-C in the middle of a long answer still keeps what was typed: as the
 * answer when there was none, otherwise added below the one there (never
 * replacing it half-way).
 */
async function keepTyped<T>(g: Guide, t: Target, action: Action, typing: () => Promise<T>): Promise<T> {
  try {
    return await typing();
  } catch (err) {
    if (err instanceof CancelledWhileTyping && err.text.trim()) {
      const joiner = t.field.kind === 'list' ? '\n' : '\n\n';
      const changed = saveAnswer(g.root, g.cat, t.spec, t.key, action === 'new' ? err.text : (now) => [now.trim(), err.text].filter(Boolean).join(joiner));
      if (changed) g.touched.add(t.spec.file);
      g.say(g.style.dim(`  What you had typed is saved too${action === 'new' ? '' : ', below your earlier answer'}.`));
    }
    throw err;
  }
}

const editorName = (command: string) => command.trim().split(/\s+/)[0]!.split(/[\\/]/).pop()!;

/** A long answer: in the participant's editor when they have one, otherwise typed here. Undefined: the editor failed and nothing changed. */
async function longText(g: Guide, t: Target, initial: string): Promise<string | undefined> {
  if (g.editor) {
    g.say(`  Opening your editor (${editorName(g.editor)}): write your answer, save it, and close the editor to carry on.`);
    const limit = t.field.word_limit ?? t.wordLimit;
    const r = editInEditor(
      g.editor,
      initial,
      `${t.where} ${oneLine(t.field.label)}${limit ? ` (maximum ${limit} words)` : ''}. Write below this line, save, and close the editor. This note is not saved.`,
      `${t.spec.file.replace(/\.md$/, '')}-${t.key}`,
    );
    if (r.ok) return r.text;
    g.say(g.style.yellow(`  ⚠ ${r.reason[0]!.toUpperCase()}${r.reason.slice(1)}. Type your answer here instead.`));
    if (initial) return undefined;
  }
  // The whole hint the first time in a session, then a short reminder.
  const hint = g.style.dim(hinted.has(g) ? `  ${MULTILINE_HINT_SHORT}` : MULTILINE_HINT.split('\n').map((l) => `  ${l}`).join('\n'));
  hinted.add(g);
  if (g.ask.multiline) return g.ask.multiline({ message: '', hint });
  // A prompter without multi-line entry: one line per question, the same rules to finish.
  g.say(hint);
  const lines = lineCollector();
  for (let i = 1; ; i++) {
    let line: string;
    try {
      line = await g.ask.input({ message: '›' });
    } catch (err) {
      if (err instanceof PromptCancelled && lines.text()) throw new CancelledWhileTyping(lines.text());
      throw err;
    }
    if (lines.push(line, i * 1000)) break;
  }
  return lines.text();
}

const hinted = new WeakSet<Guide>();

async function askItems(g: Guide, field: Field): Promise<string[]> {
  g.say(g.style.dim('  One item at a time; press Enter on an empty line to finish.'));
  const items: string[] = [];
  for (;;) {
    let item: string;
    try {
      item = (await g.ask.input({ message: `Item ${items.length + 1}:` })).trim();
    } catch (err) {
      // Ctrl-C after some items: they are kept, like text typed in a long answer.
      if (err instanceof PromptCancelled && !(err instanceof CancelledWhileTyping) && items.length > 0) throw new CancelledWhileTyping(formatAnswer(field, items));
      throw err;
    }
    if (!item) return items;
    items.push(item.replace(/^[-*+]\s+/, ''));
  }
}
