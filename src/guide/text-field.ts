// A text answer typed in the terminal or written in the participant's editor:
// what is there is offered back (keep / add to it / replace it), the answer
// is saved the moment it is given, as is text typed before a Ctrl-C, and what
// was being typed when the terminal went away is offered back.
import { answerText, countWords } from '../assess/answers.js';
import { formatAnswer } from '../portfolio/answers.js';
import type { Field } from '../programme/types.js';
import { CancelledWhileTyping } from '../ui/multiline.js';
import { PromptCancelled } from '../ui/prompts.js';
import type { Guide } from './context.js';
import type { Target } from './target.js';
import { currentRaw, saveAnswer } from './store.js';
import { firstLines, plural, wrap } from './text.js';
import { reviewDetails, type AnswerDetails } from './details.js';
import { LINE_BREAK } from '../privacy/identifying.js';
import { keepDraft, readDraft, removeDraft, type Draft, type DraftAction } from './drafts.js';
import { editorName, longText, oneLine } from './long-text.js';

export { oneLine } from './long-text.js';

export function saved(g: Guide, t: Target, changed: boolean, extra = ''): void {
  if (changed) g.touched.add(t.spec.file);
  g.say(changed ? g.style.green(`  ✓ Saved in ${t.spec.file}${extra}`) : g.style.dim(`  Unchanged${extra}`));
}

type TextKind = 'short' | 'long' | 'list';
type Action = 'new' | 'keep' | 'add' | 'replace' | 'edit';

export async function askText(g: Guide, t: Target, kind: TextKind, limit: number | undefined): Promise<void> {
  const kept = kind === 'short' ? undefined : readDraft(g.root, t);
  if (kept && (await takeUp(g, t, kind, limit, kept))) return;
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
  let joiner = kind === 'list' ? '\n' : '\n\n';
  const draft: DraftAction = action === 'edit' ? 'replace' : action;
  if (kind === 'short') {
    text = (await g.ask.input({ message: action === 'add' ? 'Add:' : `${oneLine(t.field.label)} ${g.style.dim('(Enter to leave it for now)')}` })).trim();
  } else if (kind === 'list') {
    const items = await keepTyped(g, t, action, () => askItems(g, t, draft));
    text = items.length > 0 ? formatAnswer(t.field, items) : '';
  } else {
    if (action === 'add') joiner = await whereAdded(g, existing);
    text = await keepTyped(g, t, action, () => longText(g, t, { initial: action === 'edit' ? raw.trim() : '', draft: joiner === ' ' ? 'continue' : draft }), joiner);
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
      removeDraft(g.root, t);
      return;
    }
  }
  const written = text;
  await store(g, t, kind, limit, action === 'add' ? (now) => [now.trim(), written].filter(Boolean).join(joiner) : written);
}

/** Saves, then says so (with the length of a long answer), and looks for identifying details. */
async function store(g: Guide, t: Target, kind: TextKind, limit: number | undefined, markdown: string | ((raw: string) => string)): Promise<void> {
  const changed = saveAnswer(g.root, g.cat, t.spec, t.key, markdown);
  removeDraft(g.root, t);
  if (kind !== 'long') saved(g, t, changed);
  else await checkLength(g, t, limit, changed);
  await reviewDetails(g, t, (d) => rewrite(g, t, kind, limit, d), kind === 'long' && g.editor ? `Rewrite it now in your editor (${editorName(g.editor)})` : 'Rewrite it now');
}

/**
 * What was being typed when permanence last stopped without a word (the
 * terminal closed, the computer shut down): shown in full, to carry on, save
 * as it is, or throw away. True when it was dealt with.
 */
async function takeUp(g: Guide, t: Target, kind: TextKind, limit: number | undefined, kept: Draft): Promise<boolean> {
  const existing = answerText(currentRaw(g.root, t.spec, g.cat, t.key), t.field);
  // A draft of a first answer, when an answer was written meanwhile, goes below it: never over it.
  const action: DraftAction = kept.action === 'new' && existing ? 'add' : kept.action === 'continue' && !existing ? 'new' : kept.action;
  g.say(g.style.yellow(`  You were typing this answer when permanence last stopped${kept.at ? ` (${kept.at})` : ''}. What you had typed is kept (${plural(countWords(kept.text), 'word')}):`));
  for (const l of wrap(kept.text, 76, '  │ ')) g.say(l);
  g.say(g.style.dim(`  It is in ${kept.rel} until you save it or throw it away.`));
  const where = !existing ? '' : action === 'replace' ? ' in place of your earlier answer' : action === 'continue' ? ' at the end of your last paragraph' : ' below your earlier answer';
  for (;;) {
    const choice = await g.ask.select<'carry' | 'save' | 'drop'>({
      message: 'Take it up where you left off?',
      choices: [
        { value: 'carry', name: kind === 'list' ? `Save it${where} and carry on adding items` : `Carry on writing it, from where you left off${g.editor ? ` (in ${editorName(g.editor)})` : ''}` },
        { value: 'save', name: `Save it${where} as it is` },
        { value: 'drop', name: 'Throw it away' },
      ],
      default: 'carry',
    });
    if (choice === 'drop') {
      if (!(await g.ask.confirm({ message: `Throw away the ${plural(countWords(kept.text), 'word')} kept? This cannot be undone.`, default: false }))) continue;
      removeDraft(g.root, t);
      g.say(g.style.dim('  Thrown away.'));
      return false;
    }
    const joiner = kind === 'list' ? '\n' : action === 'continue' ? ' ' : '\n\n';
    let text: string | undefined = kept.text;
    if (choice === 'carry' && kind === 'long') {
      const typing = g.editor ? { initial: kept.text, draft: action } : { before: kept.text, draft: action };
      text = await keepTyped(g, t, action === 'continue' ? 'add' : action, () => longText(g, t, typing), joiner);
      if (!text?.trim()) text = kept.text;
    }
    const full = text;
    await store(g, t, kind, limit, action === 'add' || action === 'continue' ? (now) => [now.trim(), full].filter(Boolean).join(joiner) : full);
    if (choice === 'carry' && kind === 'list') await askText(g, t, kind, limit);
    return true;
  }
}

/** An addition to a long answer: a new paragraph, or carrying on the last one (where the text stopped mid-sentence). */
async function whereAdded(g: Guide, existing: string): Promise<string> {
  g.say('  All of it, so you can see where it stops:');
  for (const l of wrap(existing, 76, '  │ ')) g.say(l);
  const tail = existing.replace(/\s+$/, '').split(/\s+/).slice(-6).join(' ');
  const stopped = !/[.!?…)"'”’]$/.test(existing.trim());
  const how = await g.ask.select<'para' | 'on'>({
    message: 'Where does what you add go?',
    choices: [
      { value: 'on', name: `Carrying on the last paragraph, after "…${tail}"` },
      { value: 'para', name: 'As a new paragraph below it' },
    ],
    default: stopped ? 'on' : 'para',
  });
  return how === 'on' ? ' ' : '\n\n';
}

/** Paragraphs of an answer as [first, last] line ranges. */
function paragraphs(lines: string[]): [number, number][] {
  const out: [number, number][] = [];
  lines.forEach((l, i) => {
    if (l.trim() === '') return;
    const prev = out[out.length - 1];
    if (prev && prev[1] === i - 1) prev[1] = i;
    else out.push([i, i]);
  });
  return out;
}

/** One paragraph shown in full and typed again; undefined when nothing was typed (it stays as it is). */
async function typeParagraph(g: Guide, t: Target, shown: string, heading: string): Promise<string[] | undefined> {
  g.say(`  ${heading}:`);
  for (const l of wrap(shown, 76, '  │ ')) g.say(g.style.dim(l));
  for (const l of wrap('Type the paragraph again as it should be: it replaces the one above. Finishing without typing anything keeps it as it is.', 76, '  ')) g.say(l);
  // The draft keeps it as an addition: if the terminal goes away, the old paragraph is still there and the new one is not lost.
  const text = (await longText(g, t, { draft: 'add' }))?.trim();
  return text ? text.split(LINE_BREAK) : undefined;
}

/** The answer with some of its line ranges replaced. */
function replaced(lines: string[], ranges: [number, number][], replacements: Map<number, string[]>): string {
  const next: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const range = ranges.find(([first]) => first === i);
    const r = range && replacements.get(i);
    if (range && r) {
      next.push(...r);
      i = range[1];
    } else next.push(lines[i]!);
  }
  return next.join('\n');
}

/**
 * The answer's own flow again, with the text so far: a short answer or a list
 * item offered back to edit (Tab brings it back), a long answer in the editor,
 * or, typed in the terminal, each paragraph with a detail shown in full to
 * type again. Whatever is not rewritten stays as it was. Returns whether the
 * answer changed.
 */
async function rewrite(g: Guide, t: Target, kind: TextKind, limit: number | undefined, d: AnswerDetails): Promise<boolean> {
  const raw = currentRaw(g.root, t.spec, g.cat, t.key);
  const lines = raw.split(LINE_BREAK);
  const at = [...new Set(d.findings.map((f) => f.line - d.firstLine))].filter((i) => i >= 0 && i < lines.length).sort((a, b) => a - b);
  if (kind === 'long' && g.editor) {
    const text = await longText(g, t, { initial: raw.trim() });
    if (!text || text.trim() === raw.trim()) return false;
    const changed = saveAnswer(g.root, g.cat, t.spec, t.key, text);
    await checkLength(g, t, limit, changed);
    return changed;
  }
  // Lines (short, list) or paragraphs (long) to write again, as [first, last] line ranges.
  const paras = kind === 'long' ? paragraphs(lines) : [];
  const ranges: [number, number][] = [];
  for (const i of at) {
    const [first, last] = paras.find(([a, b]) => a <= i && i <= b) ?? [i, i];
    const prev = ranges[ranges.length - 1];
    if (prev && first <= prev[1]) prev[1] = Math.max(prev[1], last);
    else ranges.push([first, last]);
  }
  const replacements = new Map<number, string[]>();
  for (const [first, last] of ranges) {
    if (kind === 'long') {
      const heading = ranges.length > 1 ? `Paragraph ${replacements.size + 1} of ${ranges.length} with a detail` : 'The paragraph it is in';
      const text = await typeParagraph(g, t, lines.slice(first, last + 1).join('\n'), heading);
      if (text) replacements.set(first, text);
    } else {
      const line = lines[first]!;
      const item = kind === 'list' ? /^([ \t]*[-*+][ \t]+)(.*)$/.exec(line) : null;
      const old = item ? item[2]! : line.trim();
      const typed = (await g.ask.input({ message: `${kind === 'list' ? 'That item' : 'Your answer'} again ${g.style.dim('(Tab brings back what you wrote, to change it)')}`, default: old })).trim();
      if (typed && typed !== old) replacements.set(first, [item ? `${item[1]}${typed}` : typed]);
    }
  }
  if (replacements.size === 0) return false;
  const changed = saveAnswer(g.root, g.cat, t.spec, t.key, replaced(lines, ranges, replacements));
  removeDraft(g.root, t);
  if (kind === 'long') await checkLength(g, t, limit, changed);
  else saved(g, t, changed);
  return changed;
}

/**
 * Over the limit: shortened from the text as it is, never from a blank. In the
 * editor, all of it; in the terminal, one paragraph at a time, chosen from the
 * whole text shown in full.
 */
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
        g.editor ? { value: true, name: `Yes, open it in your editor (${editorName(g.editor)})` } : { value: true, name: 'Yes: choose a paragraph to write shorter (the rest stays as it is)' },
        { value: false, name: `Not now: keep it, and shorten it later in ${t.spec.file}` },
      ],
      default: true,
    });
    if (!again) return;
    const raw = currentRaw(g.root, t.spec, g.cat, t.key);
    let text: string | undefined;
    if (g.editor) text = await longText(g, t, { initial: raw.trim() });
    else text = await shortenParagraph(g, t, raw);
    if (!text || text.trim() === raw.trim()) {
      g.say(g.style.dim('  Kept it as it was.'));
      return;
    }
    changed = saveAnswer(g.root, g.cat, t.spec, t.key, text);
    removeDraft(g.root, t);
  }
}

/** The whole answer shown paragraph by paragraph with their lengths; the one chosen is typed again. */
async function shortenParagraph(g: Guide, t: Target, raw: string): Promise<string | undefined> {
  const lines = raw.replace(/\s+$/, '').split(LINE_BREAK);
  const paras = paragraphs(lines);
  const textOf = ([a, b]: [number, number]) => lines.slice(a, b + 1).join('\n');
  for (const [i, p] of paras.entries()) {
    g.say(g.style.bold(`  Paragraph ${i + 1} (${plural(countWords(textOf(p)), 'word')}):`));
    for (const l of wrap(textOf(p), 76, '  │ ')) g.say(l);
  }
  const which = paras.length === 1 ? 0 : await g.ask.select<number>({
    message: 'Which paragraph will you write shorter?',
    choices: paras.map((p, i) => ({ value: i, name: `Paragraph ${i + 1} (${plural(countWords(textOf(p)), 'word')}): ${short(textOf(p))}` })),
  });
  const range = paras[which]!;
  const text = await typeParagraph(g, t, textOf(range), `Paragraph ${which + 1}`);
  return text ? replaced(lines, [range], new Map([[range[0], text]])) : undefined;
}

const short = (s: string, n = 50) => {
  const x = oneLine(s);
  return x.length > n ? `${x.slice(0, n - 1).replace(/\s+\S*$/, '')}…` : x;
};

/**
 * Ctrl-C in the middle of a long answer still keeps what was typed: as the
 * answer when there was none, otherwise added below the one there (never
 * replacing it half-way). The draft kept while typing goes once it is saved.
 */
async function keepTyped<T>(g: Guide, t: Target, action: Action, typing: () => Promise<T>, joiner = t.field.kind === 'list' ? '\n' : '\n\n'): Promise<T> {
  try {
    return await typing();
  } catch (err) {
    if (err instanceof CancelledWhileTyping && err.text.trim()) {
      const changed = saveAnswer(g.root, g.cat, t.spec, t.key, action === 'new' ? err.text : (now) => [now.trim(), err.text].filter(Boolean).join(action === 'add' ? joiner : '\n\n'));
      removeDraft(g.root, t);
      if (changed) g.touched.add(t.spec.file);
      g.say(g.style.dim(`  What you had typed is saved too${action === 'new' ? '' : ', below your earlier answer'}.`));
    }
    throw err;
  }
}

async function askItems(g: Guide, t: Target, draft: DraftAction): Promise<string[]> {
  const field: Field = t.field;
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
    keepDraft(g.root, t, draft, formatAnswer(field, items));
  }
}
