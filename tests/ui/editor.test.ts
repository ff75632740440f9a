// The participant's editor: one that returns at once is waited for, the file is
// never removed before it is read back, a clean-up that Windows refuses costs
// nothing, and the editor: settings the README shows are the ones that work.
import { describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../helpers.js';

const refuseRemove = vi.hoisted(() => ({ on: false, calls: 0, reads: 0 }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const rmSync: typeof real.rmSync = (path, options) => {
    if (refuseRemove.on) {
      refuseRemove.calls++;
      throw Object.assign(new Error(`EBUSY: resource busy or locked, rmdir '${String(path)}'`), { code: 'EBUSY' });
    }
    return real.rmSync(path, options);
  };
  // Refuses the next `reads` reads of an answer file, as Windows does while the editor holds it.
  const readFileSync = ((path: unknown, ...rest: unknown[]) => {
    if (refuseRemove.reads > 0 && /permanence-/.test(String(path))) {
      refuseRemove.reads--;
      throw Object.assign(new Error(`EBUSY: resource busy or locked, open '${String(path)}'`), { code: 'EBUSY' });
    }
    return (real.readFileSync as (...a: unknown[]) => unknown)(path, ...rest);
  }) as typeof real.readFileSync;
  return { ...real, rmSync, readFileSync, default: { ...real, rmSync, readFileSync } };
});

const { editInEditor, editorProblem, failure, forShell, notFound, programName, waitHint } = await import('../../src/ui/editor.js');

/** An editor stand-in: a node one-liner given the file as its argument. */
const node = (script: string) => `"${process.execPath}" -e "${script.replace(/"/g, '\\"')}"`;
const appendLine = node(`require('fs').appendFileSync(process.argv[1], 'Typed in the editor.\\n')`);

describe('an editor that comes back at once', () => {
  it('changed nothing: the file is kept and waited for; what is saved meanwhile is the answer', async () => {
    const waits: { file: string; first: boolean; existed: boolean }[] = [];
    const r = await editInEditor(node('0'), '', 'Task 3 a) Notes', 'week-2-3a', async ({ file, first }) => {
      waits.push({ file, first, existed: existsSync(file) });
      // The window the editor handed the file to saves it only the second time round.
      if (!first) writeFileSync(file, `${readFileSync(file, 'utf8')}Written after the editor returned.\n`);
      return true;
    });
    expect(r).toEqual({ ok: true, text: 'Written after the editor returned.' });
    expect(waits.map((w) => [w.first, w.existed])).toEqual([
      [true, true],
      [false, true],
    ]);
    expect(existsSync(dirname(waits[0]!.file))).toBe(false);
  });

  it('the participant stops waiting: the text is as it was, nothing is invented', async () => {
    const r = await editInEditor(node('0'), 'My earlier answer.', 'note', 'x', async () => false);
    expect(r).toEqual({ ok: true, text: 'My earlier answer.' });
  });

  it('an editor that saved before returning, however quickly, is not asked about', async () => {
    const wait = vi.fn(async () => true);
    expect(await editInEditor(appendLine, '', 'note', 'x', wait)).toEqual({ ok: true, text: 'Typed in the editor.' });
    expect(wait).not.toHaveBeenCalled();
  });

  it('an editor that took its time and changed nothing is not asked about either', async () => {
    const wait = vi.fn(async () => true);
    expect(await editInEditor(node('setTimeout(() => {}, 2300)'), 'Kept.', 'note', 'x', wait)).toEqual({ ok: true, text: 'Kept.' });
    expect(wait).not.toHaveBeenCalled();
  });

  it('an editor that saved and then ended with an error: what was saved is kept', async () => {
    const cmd = node(`require('fs').appendFileSync(process.argv[1], 'Saved, then :cq\\n'); process.exit(1)`);
    expect(await editInEditor(cmd, '', 'note')).toEqual({ ok: true, text: 'Saved, then :cq' });
  });

  it('Ctrl-C while waiting: what the editor saved meanwhile comes back with it, to be kept; with nothing saved, a plain cancel', async () => {
    const { CancelledWhileTyping } = await import('../../src/ui/multiline.js');
    const { PromptCancelled } = await import('../../src/ui/prompter.js');
    const saved = await editInEditor(node('0'), '', 'note', 'x', async ({ file }) => {
      writeFileSync(file, `${readFileSync(file, 'utf8')}Saved just before Ctrl-C.\n`);
      throw new PromptCancelled();
    }).catch((e: unknown) => e);
    expect(saved).toBeInstanceOf(CancelledWhileTyping);
    expect((saved as InstanceType<typeof CancelledWhileTyping>).text).toBe('Saved just before Ctrl-C.');
    const nothing = await editInEditor(node('0'), 'x', 'note', 'x', async () => {
      throw new PromptCancelled();
    }).catch((e: unknown) => e);
    expect(nothing).toBeInstanceOf(PromptCancelled);
    expect(nothing).not.toBeInstanceOf(CancelledWhileTyping);
  });

  it('names the option that makes it wait, for the editors that have one', () => {
    expect(waitHint('code')).toBe(`code needs --wait to wait until you close the file. In portfolio.yaml:\n  editor: 'code --wait'`);
    expect(waitHint('code --wait')).toBeUndefined();
    expect(waitHint('subl')).toContain("editor: 'subl --wait'");
    expect(waitHint('zed')).toContain("editor: 'zed --wait'");
    expect(waitHint('atom')).toContain("editor: 'atom --wait'");
    expect(waitHint('"C:\\Program Files\\Notepad++\\notepad++.exe"')).toBe(
      `notepad++.exe needs -multiInst -nosession to wait until you close the file. In portfolio.yaml:\n  editor: '"C:\\Program Files\\Notepad++\\notepad++.exe" -multiInst -nosession'`,
    );
    expect(waitHint('nano')).toBeUndefined();
    expect(waitHint('notepad')).toBeUndefined();
  });
});

describe('tidying up after the editor', () => {
  it('a temporary folder that Windows will not let go of (EBUSY) never costs the answer', async () => {
    refuseRemove.on = true;
    refuseRemove.calls = 0;
    try {
      expect(await editInEditor(appendLine, '', 'note')).toEqual({ ok: true, text: 'Typed in the editor.' });
      expect(refuseRemove.calls).toBeGreaterThan(0);
    } finally {
      refuseRemove.on = false;
    }
  });
});

describe('reading the answer back while the editor still holds it', () => {
  it('a refused read is asked about again, never taken as unchanged', async () => {
    const firsts: boolean[] = [];
    const r = await editInEditor(node('0'), '', 'note', 'x', async ({ file, first }) => {
      firsts.push(first);
      if (first) {
        const real = await vi.importActual<typeof import('node:fs')>('node:fs');
        real.writeFileSync(file, `${real.readFileSync(file, 'utf8')}Saved in the editor.\n`);
        refuseRemove.reads = 1;
      }
      return true;
    });
    expect(firsts).toEqual([true, false]);
    expect(r).toEqual({ ok: true, text: 'Saved in the editor.' });
  });

  it('still refused when the participant stops waiting: the file is kept, and named', async () => {
    let shown = '';
    const r = await editInEditor(node('0'), '', 'note', 'x', async ({ file, first }) => {
      shown = file;
      refuseRemove.reads = 1000;
      return first;
    });
    refuseRemove.reads = 0;
    expect(r).toEqual({ ok: false, reason: `${shown} could not be read back; it is kept there` });
    expect(existsSync(shown)).toBe(true);
  });
});

describe('"not found", as sh and as cmd say it', () => {
  it('127 from sh; 9009, or 1 with "is not recognized", from cmd', () => {
    expect(notFound(127, '')).toBe(true);
    expect(notFound(9009, '')).toBe(true);
    expect(notFound(1, "'C:\\Program' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n")).toBe(true);
    expect(notFound(1, '')).toBe(false);
    expect(failure('nano', { status: 1, signal: null, stderr: '' })).toBe('the editor "nano" ended with an error (exit code 1)');
  });

  it('an unquoted path with a space: the message says how to quote it; a plain name missing does not', () => {
    const cut = failure('C:\\Program Files\\Notepad++\\notepad++.exe', { status: 1, signal: null, stderr: "'C:\\Program' is not recognized as an internal or external command" });
    expect(cut).toContain('was not found (a path with spaces needs double quotes around it');
    expect(cut).toContain(`editor: '"C:\\Program Files\\Notepad++\\notepad++.exe" -multiInst -nosession'`);
    expect(failure('code', { status: 127, signal: null })).toBe('the editor "code" was not found');
  });

  it('a real missing editor, through the shell', async () => {
    const r = await editInEditor('permanence-no-such-editor-here', 'x', 'note');
    expect(r).toEqual({ ok: false, reason: 'the editor "permanence-no-such-editor-here" was not found' });
  });
});

describe('editor: settings in portfolio.yaml', () => {
  const setting = (yamlLine: string) => (parse(yamlLine) as { editor: string }).editor;

  it('a Windows path in YAML double quotes is mangled into control characters: warned about, with the single-quoted form', () => {
    const mangled = setting('editor: "C:\\Program Files\\Notepad++\\notepad++.exe"');
    expect(mangled).not.toContain('\\P');
    const problem = editorProblem(mangled)!;
    expect(problem).toContain('has a control character in it');
    expect(problem).toContain(`editor: '"C:\\Program Files\\Notepad++\\notepad++.exe"'`);
    // The form it suggests reads back as cmd needs it, with nothing left to warn about.
    const fixed = setting(/editor: '.*'$/.exec(problem)![0]);
    expect(fixed).toBe('"C:\\Program Files\\Notepad++\\notepad++.exe"');
    expect(editorProblem(fixed)).toBeUndefined();
    expect(editorProblem(setting('editor: "C:\\new\\tools\\ed.exe"'))).toContain(`editor: 'C:\\new\\tools\\ed.exe'`);
  });

  it('the settings the README shows read back as the commands cmd and sh need', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /### Long answers in your own editor[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)![1]!;
    const values = block.trim().split('\n').map(setting);
    expect(values).toEqual([
      'notepad',
      'code --wait',
      '"C:\\Program Files\\Notepad++\\notepad++.exe" -multiInst -nosession',
      '"C:\\Users\\Sam\\AppData\\Local\\Programs\\Microsoft VS Code\\bin\\code.cmd" --wait',
      'nano',
      'none',
    ]);
    for (const v of values) {
      expect(editorProblem(v)).toBeUndefined();
      expect(waitHint(v)).toBeUndefined();
      // Already in the form cmd takes: nothing to change on Windows.
      expect(forShell(v, 'win32')).toBe(v);
    }
    expect(values.map(programName)).toEqual(['notepad', 'code', 'notepad++.exe', 'code.cmd', 'nano', 'none']);
  });

  it("a path in single quotes, as git's own examples write it, is given to cmd in double quotes", () => {
    expect(forShell("'C:/Program Files/Notepad++/notepad++.exe' -multiInst -nosession", 'win32')).toBe('"C:/Program Files/Notepad++/notepad++.exe" -multiInst -nosession');
    expect(forShell("'/opt/my editor/ed' -w", 'linux')).toBe("'/opt/my editor/ed' -w");
  });
});
