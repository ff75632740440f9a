// Saves that Windows refuses: while OneDrive, antivirus or a PDF viewer holds a
// file open, replacing it fails with EPERM, EACCES or EBUSY. Here node:fs is
// made to refuse the way Windows does, for the first N attempts or for good.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmp } from '../helpers.js';

const refuse = vi.hoisted(() => ({ rename: 0, open: 0, code: 'EPERM', only: '' as string | RegExp, renames: 0 }));

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const fail = (what: string) => Object.assign(new Error(`${refuse.code}: operation not permitted, ${what}`), { code: refuse.code });
  const hit = (p: unknown) => (typeof refuse.only === 'string' ? String(p).includes(refuse.only) : refuse.only.test(String(p)));
  const renameSync: typeof real.renameSync = (from, to) => {
    if (refuse.rename > 0 && hit(to)) {
      refuse.rename--;
      refuse.renames++;
      throw fail(`rename '${String(from)}' -> '${String(to)}'`);
    }
    return real.renameSync(from, to);
  };
  const openSync = ((path: unknown, ...rest: unknown[]) => {
    if (refuse.open > 0 && hit(path) && /\.tmp-/.test(String(path))) {
      refuse.open--;
      throw fail(`open '${String(path)}'`);
    }
    return (real.openSync as (...a: unknown[]) => number)(path, ...rest);
  }) as typeof real.openSync;
  return { ...real, renameSync, openSync, default: { ...real, renameSync, openSync } };
});

const { writeFileAtomic, SaveRefused } = await import('../../src/util/atomic.js');

// The pauses between attempts are counted, not waited: a save given up after
// its five seconds of tries would cost every run of the suite those seconds.
let waited = 0;
beforeEach(() => {
  Object.assign(refuse, { rename: 0, open: 0, code: 'EPERM', only: '', renames: 0 });
  waited = 0;
  vi.spyOn(Atomics, 'wait').mockImplementation((_array, _index, _value, ms) => {
    waited += ms ?? 0;
    return 'timed-out';
  });
});

const leftovers = (dir: string) => readdirSync(dir).filter((f) => f !== 'entry.md');

/** Saves `text` over an entry.md holding "old", with the refusals set up before; the error the save ends with. */
function refusedSave(dir: string, text: string): InstanceType<typeof SaveRefused> {
  const file = join(dir, 'entry.md');
  writeFileSync(file, 'old');
  try {
    writeFileAtomic(file, text);
  } catch (e) {
    expect(e).toBeInstanceOf(SaveRefused);
    return e as InstanceType<typeof SaveRefused>;
  }
  throw new Error('the save was not refused');
}

describe('a save that Windows refuses for a while', () => {
  it('EPERM on the first three renames: the save goes through, nothing left beside it', () => {
    const dir = tmp();
    const file = join(dir, 'entry.md');
    writeFileSync(file, 'old');
    Object.assign(refuse, { rename: 3, only: 'entry.md' });
    writeFileAtomic(file, 'the long answer');
    expect(readFileSync(file, 'utf8')).toBe('the long answer');
    expect(refuse.renames).toBe(3);
    expect(waited).toBe(20 + 40 + 80);
    expect(leftovers(dir)).toEqual([]);
  });

  it.each(['EBUSY', 'EACCES'])('%s on the first two writes of the temporary file: the save goes through', (code) => {
    const dir = tmp();
    const file = join(dir, 'entry.md');
    writeFileSync(file, 'old');
    Object.assign(refuse, { open: 2, code, only: 'entry.md' });
    writeFileAtomic(file, 'the long answer');
    expect(readFileSync(file, 'utf8')).toBe('the long answer');
    expect(refuse.open).toBe(0);
    expect(leftovers(dir)).toEqual([]);
  });
});

describe('a save that Windows refuses for good', () => {
  it('the rename always refused: the old file is untouched, the new text is kept beside it, and the error names the kept file', () => {
    const dir = tmp();
    const file = join(dir, 'entry.md');
    Object.assign(refuse, { rename: 1000, code: 'EBUSY', only: /entry\.md$/ });
    const refused = refusedSave(dir, 'the only copy of a 520-word study');
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(refused.keptIn).toMatch(/entry\.unsaved-\d{8}-\d{6}\.md$/);
    expect(readFileSync(refused.keptIn!, 'utf8')).toBe('the only copy of a 520-word study');
    expect(refused.message).toContain(`Could not save ${file}: another program is holding it open (EBUSY)`);
    expect(refused.message).toContain(`Nothing is lost: what was being saved is kept in ${refused.keptIn}`);
    expect(refused.code).toBe(2);
    // given up only after about five seconds of tries, as the message says
    expect(refuse.renames).toBe(11);
    expect(waited).toBe(5260);
    // no hidden temporary file: the kept copy is the visible one
    expect(leftovers(dir)).toEqual([refused.keptIn!.split(/[\\/]/).pop()]);
  });

  it('every rename refused, the keeping one too: the temporary file is kept and named', () => {
    const dir = tmp();
    const file = join(dir, 'entry.md');
    Object.assign(refuse, { rename: 1000, only: '' });
    const err = refusedSave(dir, 'the only copy');
    expect(err.keptIn).toMatch(/\.entry\.md\.tmp-/);
    expect(readFileSync(err!.keptIn!, 'utf8')).toBe('the only copy');
    expect(err!.message).toContain(err!.keptIn!);
    expect(readFileSync(file, 'utf8')).toBe('old');
  });

  it('the temporary file can never be written: the text is kept in a file beside it, or else in the temporary folder', () => {
    const dir = join(tmp(), 'module-1');
    mkdirSync(dir);
    const file = join(dir, 'entry.md');
    Object.assign(refuse, { open: 1000, only: 'entry.md' });
    const err = refusedSave(dir, 'typed before the refusal');
    expect(existsSync(err!.keptIn!)).toBe(true);
    expect(readFileSync(err!.keptIn!, 'utf8')).toBe('typed before the refusal');
    expect(readFileSync(file, 'utf8')).toBe('old');
  });

  it('a PDF held open by a viewer: the message says to close it in the PDF viewer and run render again', () => {
    const dir = tmp();
    const file = join(dir, 'portfolio.pdf');
    writeFileSync(file, '%PDF old');
    Object.assign(refuse, { rename: 1000, only: /portfolio\.pdf$/ });
    expect(() => writeFileAtomic(file, '%PDF new')).toThrow(/Close portfolio\.pdf in your PDF viewer \(or any program showing it\) and run render again\./);
  });
});

describe('the words for a refusal', () => {
  it('EPERM and EACCES are a program holding the file on Windows, and the permissions elsewhere; EBUSY is a program everywhere', () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    try {
      Object.defineProperty(process, 'platform', { value: 'win32' });
      expect(new SaveRefused('C:\\p\\week-2.md', 'k', 'EPERM').message).toContain('another program is holding it open (EPERM)');
      Object.defineProperty(process, 'platform', { value: 'linux' });
      expect(new SaveRefused('/p/week-2.md', 'k', 'EACCES').message).toContain('permission denied (EACCES), even after trying again for five seconds; check that you may write to that folder');
      expect(new SaveRefused('/p/week-2.md', 'k', 'EBUSY').message).toContain('another program is holding it open (EBUSY)');
      expect(new SaveRefused('/p/week-2.md', 'k', 'ENOSPC').message).toContain('the disk is full (ENOSPC)');
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
  });
});

describe('through the commands', () => {
  it('render with portfolio.pdf held open: exit 2, the message says to close it and run render again, and where the new PDF is', async () => {
    const { demoCopy } = await import('../helpers.js');
    const { run } = await import('../run.js');
    const dir = demoCopy('signed');
    const out = join(tmp(), 'submission');
    expect((await run(['render', '--dir', dir, '--out', out])).code).toBe(0);
    const before = readFileSync(join(out, 'portfolio.pdf'));
    Object.assign(refuse, { rename: 1000, code: 'EBUSY', only: /portfolio\.pdf$/ });
    const r = await run(['render', '--dir', dir, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('this is a bug');
    expect(r.stderr).toContain(`Could not save ${join(out, 'portfolio.pdf')}: another program is holding it open (EBUSY)`);
    expect(r.stderr).toContain('Close portfolio.pdf in your PDF viewer (or any program showing it) and run render again.');
    const kept = /The new PDF is kept meanwhile in (.+)\./.exec(r.stderr)![1]!;
    expect(readFileSync(kept).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readFileSync(join(out, 'portfolio.pdf'))).toEqual(before);
  });

  /** week 1.2, task 2 answered as scripted (its first answer, then the rest left empty), with the refusals set up by `refusals`. */
  async function task2(first: string, rest: number, refusals: Partial<typeof refuse>) {
    const { week } = await import('../../src/commands/week.js');
    const { newPortfolio, scriptedPrompter, testIO } = await import('../guide/scripted.js');
    const dir = await newPortfolio();
    const io = testIO(dir);
    const empty = Array.from({ length: rest }, () => ({ multiline: /to finish/i, answer: '' }));
    const stop = rest > 0 ? [{ select: 'What would you like to do?', answer: 'stop' }] : [];
    const p = scriptedPrompter([{ select: 'What would you like to do?', answer: 2 }, { multiline: /to finish/i, answer: first }, ...empty, ...stop]);
    Object.assign(refuse, refusals);
    const result = await week(io, '1.2', { dir }, p).catch((e: unknown) => e as Error);
    return { dir, io, result };
  }

  it('week: an answer whose save is refused for good is kept in the file named, never lost', async () => {
    const { dir, result } = await task2('Fear for Jamal, written once and never again.', 0, { rename: 1000, only: /week-2\.md$/ });
    const err = result as Error;
    expect(err?.message).toContain(`Could not save ${join(dir, 'module-1', 'week-2.md')}`);
    const kept = /kept in (.+)\.\n/.exec(err!.message)![1]!;
    expect(readFileSync(kept, 'utf8')).toContain('Fear for Jamal, written once and never again.');
  });

  it('week: EPERM on the first saves of an answer, as OneDrive gives it: saved as if nothing happened', async () => {
    const { dir, io, result } = await task2('Fear for Jamal.', 5, { rename: 4, only: /week-2\.md$/ });
    expect(result).toBe(0);
    expect(refuse.renames).toBe(4);
    expect(readFileSync(join(dir, 'module-1', 'week-2.md'), 'utf8')).toContain('Fear for Jamal.');
    expect(io.output()).toContain('Saved in module-1/week-2.md');
  });
});
