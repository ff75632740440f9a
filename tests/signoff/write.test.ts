// A failed sign-off or render leaves nothing behind: a full disk (a write that
// fails with ENOSPC, injected here) or a key that cannot sign gives a clear
// message and no record, not an empty 0001-final.json.
import { describe, expect, it, vi } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoCopy, hasTool, tmp } from '../helpers.js';
import { run } from '../run.js';

const failing = vi.hoisted(() => ({ marker: null as string | null }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const writeSync = ((fd: number, data: unknown, ...rest: unknown[]) => {
    const text = Buffer.isBuffer(data) || data instanceof Uint8Array ? Buffer.from(data.buffer, data.byteOffset, Math.min(data.byteLength, 64)).toString('latin1') : String(data);
    if (failing.marker && text.includes(failing.marker)) {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    }
    return (fs.writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
  }) as typeof fs.writeSync;
  return { ...fs, default: { ...fs, writeSync }, writeSync };
});

const SIGNOFF = ['--name', 'Alex Morgan', '--role', 'Practice supervisor', '--attendance-confirmed'];
const everything = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);

describe('a sign-off that fails leaves nothing behind', () => {
  it('a full disk: a clear message (exit 2), no record, no temporary file, and the next sign-off works', async () => {
    const dir = demoCopy('unsigned');
    failing.marker = '"permanence": "signoff"';
    const r = await run(['signoff', '--dir', dir, ...SIGNOFF]);
    failing.marker = null;
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Could not write the sign-off record in signoffs/ (ENOSPC: the disk is full). Nothing was recorded.');
    expect(r.stderr).not.toContain('this is a bug');
    expect(everything(join(dir, 'signoffs'))).toEqual([]);
    expect(existsSync(join(dir, '.permanence.tmp-lock'))).toBe(false);
    const v = await run(['verify', dir, '--format', 'json']);
    expect(JSON.parse(v.stdout).portfolios[0].signoff.status).toBe('none');
    const again = await run(['signoff', '--dir', dir, ...SIGNOFF]);
    expect(again.code, again.stderr).toBe(0);
    expect(everything(join(dir, 'signoffs'))).toEqual(['0001-final.json']);
  });

  it('a full disk while rendering: a clear message, and the bundle there before is left as it was', async () => {
    const dir = demoCopy('signed');
    const before = readFileSync(join(dir, 'submission/portfolio.pdf'));
    failing.marker = '%PDF';
    const r = await run(['render', '--dir', dir, '--out', join(dir, 'submission')]);
    failing.marker = null;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Could not write the bundle in .*submission \(ENOSPC: the disk is full\)\. The portfolio is unchanged/);
    expect(r.stderr).not.toContain('this is a bug');
    expect(readFileSync(join(dir, 'submission/portfolio.pdf')).equals(before)).toBe(true);
    expect(everything(join(dir, 'submission')).sort()).toEqual(['manifest.json', 'portfolio.pdf']);
  });

  it('--key /dev/null, a folder or a missing file: named as not a key (exit 2), nothing recorded', async () => {
    const dir = demoCopy('unsigned');
    for (const [key, why] of [
      ['/dev/null', 'not a key file'],
      [tmp(), 'not a key file'],
      [join(tmp(), 'none'), 'no such file'],
    ] as const) {
      const r = await run(['signoff', '--dir', dir, ...SIGNOFF, '--key', key]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--key ${key}: ${why} (give the private SSH key to sign with`);
      expect(r.stderr).not.toContain('this is a bug');
    }
    expect(everything(join(dir, 'signoffs'))).toEqual([]);
  });

  it.skipIf(!hasTool('ssh-keygen', 'signing a sign-off with a key that cannot sign'))('a key ssh-keygen cannot sign with: its reason, and neither record nor signature left', async () => {
    const dir = demoCopy('unsigned');
    const bad = join(tmp(), 'id');
    writeFileSync(bad, 'not a key\n', { mode: 0o600 });
    const r = await run(['signoff', '--dir', dir, ...SIGNOFF, '--key', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`ssh-keygen could not sign with ${bad}:`);
    expect(r.stderr).toContain('Nothing was recorded.');
    expect(everything(join(dir, 'signoffs'))).toEqual([]);
  });
});
