import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { CancelledWhileTyping, lineCollector, MULTILINE_HINT, readMultiline } from '../../src/ui/multiline.js';
import { PromptCancelled } from '../../src/ui/prompts.js';
import { editInEditor, chooseEditor, stripNote } from '../../src/ui/editor.js';
import { brief, safeAnswer } from '../../src/guide/text.js';
import { rebuildAreas } from '../../src/guide/fields.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the long-answer terminal entry', () => {
  it('finishes on a line with just "." or on two empty lines in a row; one empty line is a paragraph break', () => {
    let c = lineCollector();
    expect(c.push('First paragraph.', 0)).toBe(false);
    expect(c.push('', 1000)).toBe(false);
    expect(c.push('Second.', 2000)).toBe(false);
    expect(c.push('', 3000)).toBe(false);
    expect(c.push('', 4000)).toBe(true);
    expect(c.text()).toBe('First paragraph.\n\nSecond.');
    c = lineCollector();
    c.push('Only line', 0);
    expect(c.push(' . ', 1000)).toBe(true);
    expect(c.text()).toBe('Only line');
  });

  it('does not finish on blank lines that arrive in one paste', () => {
    const c = lineCollector();
    c.push('Pasted one', 0);
    c.push('', 1);
    expect(c.push('', 2)).toBe(false);
    c.push('Pasted two', 3);
    expect(c.push('.', 2000)).toBe(true);
    expect(c.text()).toBe('Pasted one\n\n\nPasted two');
  });

  it('says on screen how to finish', () => {
    expect(MULTILINE_HINT).toContain('press Enter on two empty lines');
    expect(MULTILINE_HINT).toContain('full stop . alone on a line');
  });

  it('reads typed lines from a stream until the participant finishes', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (d: Buffer) => (shown += d.toString()));
    const answer = readMultiline({ message: 'Notes:', hint: MULTILINE_HINT }, { input, output, terminal: false });
    input.write('My notes\n');
    await sleep(40);
    input.write('\n');
    await sleep(40);
    input.write('\n');
    expect(await answer).toBe('My notes');
    expect(shown).toContain('Notes:\n');
    expect(shown).toContain(MULTILINE_HINT);
  });

  it('Ctrl-C rejects with PromptCancelled, carrying what was typed (the line being typed too)', async () => {
    const input = new PassThrough() as PassThrough & { isTTY?: boolean; setRawMode?: (b: boolean) => void };
    input.isTTY = true;
    input.setRawMode = () => {};
    const output = new PassThrough();
    output.resume();
    const answer = readMultiline({ message: '', hint: MULTILINE_HINT }, { input, output, terminal: true });
    input.write('Half a thought\r');
    await sleep(30);
    input.write('and more');
    await sleep(30);
    input.write('\x03');
    const err = await answer.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PromptCancelled);
    expect(err).toBeInstanceOf(CancelledWhileTyping);
    expect((err as CancelledWhileTyping).text).toBe('Half a thought\nand more');

    const empty = new PassThrough() as PassThrough & { isTTY?: boolean; setRawMode?: (b: boolean) => void };
    empty.setRawMode = () => {};
    const nothing = readMultiline({ message: '', hint: '' }, { input: empty, output, terminal: true });
    empty.write('\x03');
    const e2 = await nothing.catch((e: unknown) => e);
    expect(e2).toBeInstanceOf(PromptCancelled);
    expect(e2).not.toBeInstanceOf(CancelledWhileTyping);
  });
});

describe('the participant\'s editor', () => {
  it('is only the one they named: portfolio.yaml, then $VISUAL, then $EDITOR; never a fallback', () => {
    expect(chooseEditor({})).toBeUndefined();
    expect(chooseEditor({ EDITOR: 'nano' })).toBe('nano');
    expect(chooseEditor({ EDITOR: 'nano', VISUAL: 'code --wait' })).toBe('code --wait');
    expect(chooseEditor({ VISUAL: 'code --wait' }, 'notepad')).toBe('notepad');
    expect(chooseEditor({ EDITOR: 'vim' }, 'none')).toBeUndefined();
  });

  it('runs the command through a shell with the file, and reads back what was saved, without the note on top', async () => {
    const r = await editInEditor(`node -e "const f=process.argv[1];const fs=require('fs');fs.writeFileSync(f, fs.readFileSync(f,'utf8').replace('old','new'))"`, 'The old text.', 'task 3 a) Notes');
    expect(r).toEqual({ ok: true, text: 'The new text.' });
    const failed = await editInEditor('node -e "process.exit(3)"', 'x', 'note');
    expect(failed.ok).toBe(false);
    expect(stripNote('<!-- permanence: a note -->\n\nBody\n')).toBe('Body');
  });
});

describe('text helpers', () => {
  it('trims guidance to a few lines', () => {
    const lines = brief('word '.repeat(200), 3);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/…$/);
  });

  it('escapes lines that would read as structure, and closes an open fence', () => {
    expect(safeAnswer('### a) not a field\n## Section 2 nope\nplain')).toBe('\\### a) not a field\n\\## Section 2 nope\nplain');
    expect(safeAnswer('```\n## Task 1 inside a fence\n```')).toBe('```\n## Task 1 inside a fence\n```');
    expect(safeAnswer('~~~\nopen')).toBe('~~~\nopen\n~~~');
  });

  it('rebuilding an areas list keeps what else was written under it', () => {
    const raw = 'My intro.\n\n- [x] A: note\n- [ ] B:\n\nA paragraph I added.';
    expect(rebuildAreas(raw, '- [ ] A:\n- [x] B: new')).toBe('My intro.\n\n- [ ] A:\n- [x] B: new\n\nA paragraph I added.');
  });
});
