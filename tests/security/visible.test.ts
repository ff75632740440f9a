// A portfolio cannot write to the supervisor's terminal: control characters in
// names, file names and messages are shown as escapes in text output, JSON
// keeps them exactly (escaped by JSON itself) and JUnit stays valid XML.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoCopy } from '../helpers.js';
import { run } from '../run.js';
import { visible, visibleLines } from '../../src/util/visible.js';

/** What a terminal would obey: C0 controls but tab and newline, DEL, C1, bidi overrides. */
const OBEYED = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const FAKE = '\u001b[2K\rSam Rivers  .  COMPLETE';

describe('visible()', () => {
  it('shows every control character as an escape, and keeps all other text', () => {
    expect(visible('a\u001b[2Kb\rc\nd\u0000e\u007f\u009b')).toBe('a\\x1b[2Kb\\rc\\nd\\0e\\x7f\\x9b');
    expect(visible('abc\u202edef')).toBe('abc\\u202edef');
    expect(visible('lone \ud800 surrogate')).toBe('lone \\ud800 surrogate');
    expect(visible('Zoë O’Brien\t😀 – ½')).toBe('Zoë O’Brien\t😀 – ½');
    expect(visibleLines('one\ntwo\r\u001b')).toBe('one\ntwo\\r\\x1b');
  });
});

describe('text output from a hostile portfolio', () => {
  it('a participant name with ESC[2K and a carriage return is shown, not obeyed, in verify, status and JUnit; JSON keeps it exactly', async () => {
    const dir = demoCopy('unsigned');
    const yaml = readFileSync(join(dir, 'portfolio.yaml'), 'utf8').replace(/^participant: .*$/m, `participant: ${JSON.stringify(FAKE)}`);
    writeFileSync(join(dir, 'portfolio.yaml'), yaml);

    const text = await run(['verify', dir]);
    expect(text.stdout).not.toMatch(OBEYED);
    expect(text.stdout).toContain('\\x1b[2K\\rSam Rivers  .  COMPLETE');
    expect(text.stdout.split('\n').some((l) => l.startsWith('Sam Rivers') && l.includes('COMPLETE'))).toBe(false);

    const status = await run(['status', '--dir', dir]);
    expect(status.stdout).not.toMatch(OBEYED);
    expect(status.stdout).toContain('\\x1b[2K\\r');

    const json = await run(['verify', dir, '--format', 'json']);
    expect(JSON.parse(json.stdout).portfolios[0].participant).toBe(FAKE);

    const junit = await run(['verify', dir, '--format', 'junit']);
    expect(junit.stdout).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
    expect(junit.stdout).toContain('name="\\x1b[2K\\rSam Rivers  .  COMPLETE"');
  });

  it('file names with ESC, CR and a newline are shown escaped, on the line they belong to', async () => {
    const dir = demoCopy('signed');
    for (const name of ['notes\u001b[2K.md', 'x\rCOMPLETE.md', 'y\nsign-off: valid.md']) writeFileSync(join(dir, name), 'added after the sign-off\n');
    for (const args of [['verify', dir], ['verify', dir, '--format', 'junit']]) {
      const r = await run(args);
      expect(r.code).toBe(1);
      expect(r.stdout).not.toMatch(OBEYED);
      expect(r.stdout).toContain('notes\\x1b[2K.md');
      expect(r.stdout).toContain('x\\rCOMPLETE.md');
    }
    // In the text report a newline in a name is shown too (in XML it is only data).
    const text = await run(['verify', dir]);
    expect(text.stdout).toContain('y\\nsign-off: valid.md');
    expect(text.stdout.split('\n').some((l) => /^\s*sign-off: valid/.test(l))).toBe(false);
  });

  it('an answer with control characters, shown by changes in its redline, is escaped there too', async () => {
    const dir = demoCopy('signed');
    const week = join(dir, 'module-1', 'week-2.md');
    writeFileSync(week, readFileSync(week, 'utf8').replace(/(### a\)[^\n]*\n\n)/, `$1\u001b[2K\rNothing has changed \u001b]0;title\u0007\n`));
    const r = await run(['changes', '--dir', dir]);
    expect(r.stdout).not.toMatch(OBEYED);
    expect(r.stdout).toContain('\\x1b[2K\\rNothing has changed');
  });

  it('a refusal message printed by the command line shows them too', async () => {
    const dir = demoCopy('unsigned');
    writeFileSync(join(dir, 'module-1', 'week-2.md'), Buffer.from([0xff, 0xfe, 0x00, 0x00]));
    writeFileSync(join(dir, 'portfolio.yaml'), readFileSync(join(dir, 'portfolio.yaml'), 'utf8').replace(/^participant: .*$/m, `participant: ${JSON.stringify(FAKE)}`));
    const r = await run(['signoff', '--dir', dir, '--name', 'A', '--role', 'B', '--module', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(OBEYED);
  });
});
