// A text answer typed in the terminal or written in the participant's editor:
// what is there is offered back (keep / add to it / replace it), and the answer
// is saved the moment it is given, as is text typed before a Ctrl-C.
import { answerText, countWords } from '../assess/answers.js';
import { formatAnswer } from '../portfolio/answers.js';
import type { Field } from '../programme/types.js';
import { editInEditor } from '../ui/editor.js';
import { CancelledWhileTyping, lineCollector, MULTILINE_HINT, MULTILINE_HINT_SHORT } from '../ui/multiline.js';
import { PromptCancelled } from '../ui/prompts.js';
import type { Guide } from './context.js';
import type { Target } from './target.js';
import { currentRaw, saveAnswer } from './store.js';
import { firstLines, plural, wrap } from './text.js';
import { reviewDetails, type AnswerDetails } from './details.js';
import { LINE_BREAK } from '../privacy/identifying.js';

export const oneLine = (x: string) => x.replace(/\s+/g, ' ').trim();

export function saved(g: Guide, t: Target, changed: boolean, extra = ''): void {
  if (changed) g.touched.add(t.spec.file);
  g.say(changed ? g.style.green(`  ✓ Saved in ${t.spec.file}${extra}`) : g.style.dim(`  Unchanged${extra}`));
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
  if (kind !== 'long') saved(g, t, changed);
  else await checkLength(g, t, limit, changed);
  await reviewDetails(g, t, (d) => rewrite(g, t, kind, limit, d), kind === 'long' && g.editor ? `Rewrite it now in your editor (${editorName(g.editor)})` : 'Rewrite it now');
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
    const text = await longText(g, t, raw.trim());
    if (!text || text.trim() === raw.trim()) return false;
    const changed = saveAnswer(g.root, g.cat, t.spec, t.key, text);
    await checkLength(g, t, limit, changed);
    return changed;
  }
  // Lines (short, list) or paragraphs (long) to write again, as [first, last] line ranges.
  const ranges: [number, number][] = [];
  for (const i of at) {
    let first = i;
    let last = i;
    if (kind === 'long') {
      while (first > 0 && lines[first - 1]!.trim() !== '') first--;
      while (last < lines.length - 1 && lines[last + 1]!.trim() !== '') last++;
    }
    const prev = ranges[ranges.length - 1];
    if (prev && first <= prev[1]) prev[1] = Math.max(prev[1], last);
    else ranges.push([first, last]);
  }
  const replacements = new Map<number, string[]>();
  for (const [first, last] of ranges) {
    if (kind === 'long') {
      g.say(`  ${ranges.length > 1 ? `Paragraph ${replacements.size + 1} of ${ranges.length} with a detail` : 'The paragraph it is in'}:`);
      for (const l of wrap(lines.slice(first, last + 1).join('\n'), 76, '  │ ')) g.say(g.style.dim(l));
      for (const l of wrap('Type the paragraph again as it should be: it replaces the one above. Finishing without typing anything keeps it as it is.', 76, '  ')) g.say(l);
      const text = (await longText(g, t, ''))?.trim();
      if (text) replacements.set(first, text.split(LINE_BREAK));
    } else {
      const line = lines[first]!;
      const item = kind === 'list' ? /^([ \t]*[-*+][ \t]+)(.*)$/.exec(line) : null;
      const old = item ? item[2]! : line.trim();
      const typed = (await g.ask.input({ message: `${kind === 'list' ? 'That item' : 'Your answer'} again ${g.style.dim('(Tab brings back what you wrote, to change it)')}`, default: old })).trim();
      if (typed && typed !== old) replacements.set(first, [item ? `${item[1]}${typed}` : typed]);
    }
  }
  if (replacements.size === 0) return false;
  const next: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const range = ranges.find(([first]) => first === i);
    const r = range && replacements.get(i);
    if (range && r) {
      next.push(...r);
      i = range[1];
    } else next.push(lines[i]!);
  }
  const changed = saveAnswer(g.root, g.cat, t.spec, t.key, next.join('\n'));
  if (kind === 'long') await checkLength(g, t, limit, changed);
  else saved(g, t, changed);
  return changed;
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
