// Git Bash's own window (MinTTY) gives Node pipes, not a terminal: the "no
// terminal" refusal says what to do there (PowerShell, Windows Terminal, winpty).
import { describe, expect, it } from 'vitest';
import { run } from '../run.js';
import { looksLikeMsys } from '../../src/ui/io.js';
import { newPortfolio } from './scripted.js';

describe('no terminal, in Git Bash', () => {
  it.each([
    ['week', ['week', '1.2']],
    ['selfassess', ['selfassess', '--stage', 'baseline']],
  ])('%s: exit 2, and the message names PowerShell, Windows Terminal and winpty', async (command, args) => {
    const dir = await newPortfolio();
    const r = await run([...args, '--dir', dir], { env: { MSYSTEM: 'MINGW64', TERM_PROGRAM: 'mintty' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`permanence ${command} asks you questions, but there is no terminal to ask them in.`);
    expect(r.stderr).toContain(`Run it in PowerShell or Windows Terminal instead, or here through winpty: winpty permanence ${command}`);
    expect(r.stderr).toContain('--answers');
  });

  it('elsewhere the message stays as it was, with no word of Git Bash', async () => {
    const dir = await newPortfolio();
    const r = await run(['week', '1.2', '--dir', dir], { env: { MSYSTEM: '', TERM_PROGRAM: '', TERM_PROGRAM_VERSION: '' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Run it in a terminal window, or give the answers in a file: permanence week 1.2 --answers answers.yaml');
    expect(r.stderr).not.toContain('winpty');
  });

  it('is recognised by MSYSTEM (MINGW64, UCRT64, MSYS) or by MinTTY\'s TERM_PROGRAM', () => {
    for (const MSYSTEM of ['MINGW64', 'MINGW32', 'UCRT64', 'MSYS']) expect(looksLikeMsys({ MSYSTEM })).toBe(true);
    expect(looksLikeMsys({ TERM_PROGRAM: 'mintty' })).toBe(true);
    expect(looksLikeMsys({ TERM_PROGRAM: 'vscode' })).toBe(false);
    expect(looksLikeMsys({})).toBe(false);
  });
});
