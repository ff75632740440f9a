// Where a long answer is written: the participant's editor when they have one,
// otherwise the terminal entry, with every line kept on disk as it is typed.
import { editInEditor, editorProblem, programName } from '../ui/editor.js';
import { CancelledWhileTyping, lineCollector, MULTILINE_HINT, MULTILINE_HINT_SHORT, TerminalClosed } from '../ui/multiline.js';
import { PromptCancelled } from '../ui/prompts.js';
import type { Guide } from './context.js';
import type { Target } from './target.js';
import { keepDraft, type DraftAction } from './drafts.js';
import { wrap } from './text.js';

export const oneLine = (x: string) => x.replace(/\s+/g, ' ').trim();

export const editorName = (command: string) => programName(command);

export interface Typing {
  /** Text the editor opens with. In the terminal it is not typed again: `before` is. */
  initial?: string;
  /** Typed text carries on from this (a draft taken up): the draft holds both. */
  before?: string;
  /** How the draft of this typing is to be saved if the terminal goes away. */
  draft?: DraftAction;
}

/** A long answer: in the participant's editor when they have one, otherwise typed here. Undefined: the editor failed and nothing changed. */
export async function longText(g: Guide, t: Target, typing: Typing = {}): Promise<string | undefined> {
  const initial = typing.initial ?? '';
  const problem = g.editor ? editorProblem(g.editor) : undefined;
  if (problem) {
    const [why, setting] = problem.split('\n');
    for (const l of wrap(`⚠ ${why![0]!.toUpperCase()}${why!.slice(1)}`, 76, '  ')) g.say(g.style.yellow(l));
    g.say(`    ${setting}`);
    g.say('  Type your answer here instead.');
    if (initial) return undefined;
  } else if (g.editor) {
    const r = await inEditor(g, t, g.editor, initial);
    if (r.ok) return r.text;
    g.say(g.style.yellow(`  ⚠ ${r.reason[0]!.toUpperCase()}${r.reason.slice(1)}. Type your answer here instead.`));
    if (initial) return undefined;
  }
  const before = typing.before?.replace(/\s+$/, '') ?? '';
  const joined = (text: string) => [before, text].filter(Boolean).join('\n');
  const onChange = typing.draft ? (text: string) => keepDraft(g.root, t, typing.draft!, joined(text)) : undefined;
  // The whole hint the first time in a session, then a short reminder.
  const hint = g.style.dim(hinted.has(g) ? `  ${MULTILINE_HINT_SHORT}` : MULTILINE_HINT.split('\n').map((l) => `  ${l}`).join('\n'));
  hinted.add(g);
  try {
    if (g.ask.multiline) return joined(await g.ask.multiline({ message: '', hint, ...(onChange ? { onChange } : {}) }));
    return joined(await lineByLine(g, hint, onChange));
  } catch (err) {
    // The terminal gone: everything typed is in the draft already, to be offered back.
    if (err instanceof TerminalClosed) throw err;
    if (before && err instanceof CancelledWhileTyping) throw new CancelledWhileTyping(joined(err.text));
    if (before && err instanceof PromptCancelled) throw new CancelledWhileTyping(before);
    throw err;
  }
}

const hinted = new WeakSet<Guide>();

/** A prompter without multi-line entry: one line per question, the same rules to finish. */
async function lineByLine(g: Guide, hint: string, onChange?: (text: string) => void): Promise<string> {
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
    onChange?.(lines.text());
  }
  return lines.text();
}

function inEditor(g: Guide, t: Target, editor: string, initial: string) {
  g.say(`  Opening your editor (${editorName(editor)}): write your answer, save it, and close the editor to carry on.`);
  const limit = t.field.word_limit ?? t.wordLimit;
  return editInEditor(
    editor,
    initial,
    `${t.where} ${oneLine(t.field.label)}${limit ? ` (maximum ${limit} words)` : ''}. Write below this line, save, and close the editor. This note is not saved.`,
    `${t.spec.file.replace(/\.md$/, '')}-${t.key}`,
    async ({ file, hint, first }) => {
      if (first) {
        g.say(g.style.yellow('  ⚠ Your editor came back at once, and the file is as it was: your editor may still be open.'));
        g.say('  Save and close the file, then press Enter. Nothing is read until you do.');
        g.say(g.style.dim(`  The file: ${file}`));
        // Not wrapped: the setting is to be copied as it is.
        if (hint) for (const l of `So that permanence waits for it next time: ${hint}`.split('\n')) g.say(g.style.dim(`  ${l}`));
      } else if (!(await g.ask.confirm({ message: 'The file is still as it was. Wait for your editor again?', default: true }))) {
        return false;
      }
      await g.ask.input({ message: 'Press Enter once you have saved and closed the file' });
      return true;
    },
  );
}
