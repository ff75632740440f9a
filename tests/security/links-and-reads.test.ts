// Links, special files, huge files and huge trees in a portfolio: the sign-off
// covers exactly the bytes read, what it cannot cover is an error naming it (so
// sign-off and render refuse), and no read follows a link out, waits on a pipe
// or fills memory.
import { describe, expect, it } from 'vitest';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, symlinkSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { demoCopy, hasTool, tmp } from '../helpers.js';
import { run } from '../run.js';

const WEEK3 = 'module-1/week-3.md';
const hasMkfifo = hasTool('mkfifo', 'the tests that a named pipe in a portfolio hangs nothing');

interface Report {
  complete: boolean;
  problems: { file: string; code: string; message: string; severity: string }[];
  signoff: { status: string; changed_files: string[] };
}

async function verifyJson(dir: string, ...args: string[]): Promise<{ code: number | null; report: Report; stdout: string }> {
  const r = await run(['verify', dir, '--format', 'json', ...args]);
  expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
  return { code: r.code, report: JSON.parse(r.stdout).portfolios[0] as Report, stdout: r.stdout };
}

/** The supervisor's sign-off, once what it covers is committed (as signoff asks, in a git portfolio). */
const signoff = (dir: string) => {
  if (existsSync(join(dir, '.git'))) {
    execFileSync('git', ['add', '-A'], { cwd: dir });
    spawnSync('git', ['-c', 'user.name=P', '-c', 'user.email=p@example.invalid', 'commit', '-q', '-m', 'Ready for sign-off'], { cwd: dir });
  }
  return run(['signoff', '--dir', dir, '--name', 'Alex Morgan', '--role', 'Practice supervisor', '--attendance-confirmed']);
};

/** Sign-off and render both refuse, and leave no record and no bundle. */
async function expectRefused(dir: string, name: string) {
  const s = await signoff(dir);
  expect(s.code).toBe(1);
  expect(s.stderr).toContain(name);
  expect(existsSync(join(dir, 'signoffs'))).toBe(false);
  const r = await run(['render', '--dir', dir]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(name);
  expect(existsSync(join(dir, 'submission', 'portfolio.pdf'))).toBe(false);
}

describe('symbolic links and the sign-off', () => {
  it('a link inside the portfolio is digested by the bytes it leads to: editing its target, or retargeting it, is a change', async () => {
    const dir = demoCopy('unsigned');
    renameSync(join(dir, WEEK3), join(dir, 'private', 'w3.md'));
    symlinkSync('../private/w3.md', join(dir, WEEK3));
    expect((await signoff(dir)).code).toBe(0);
    expect((await verifyJson(dir)).report.signoff.status).toBe('valid');

    appendFileSync(join(dir, 'private', 'w3.md'), '\nAdded after the sign-off.\n');
    const edited = await verifyJson(dir);
    expect(edited.code).toBe(1);
    expect(edited.report.signoff).toMatchObject({ status: 'changed', changed_files: [WEEK3] });

    writeFileSync(join(dir, 'private', 'w3.md'), readFileSync(join(dir, 'private', 'w3.md'), 'utf8').replace('\nAdded after the sign-off.\n', ''));
    expect((await verifyJson(dir)).report.signoff.status).toBe('valid');
    writeFileSync(join(dir, 'private', 'other.md'), `${readFileSync(join(dir, 'private', 'w3.md'), 'utf8')}\nAnother version.\n`);
    rmSync(join(dir, WEEK3));
    symlinkSync('../private/other.md', join(dir, WEEK3));
    expect((await verifyJson(dir)).report.signoff).toMatchObject({ status: 'changed', changed_files: [WEEK3] });
  });

  it('a folder that is a link (even to a folder inside the portfolio) is an error naming it; sign-off and render refuse', async () => {
    const dir = demoCopy('unsigned');
    mkdirSync(join(dir, 'drafts'));
    renameSync(join(dir, 'module-2'), join(dir, 'drafts', 'module-2'));
    symlinkSync('drafts/module-2', join(dir, 'module-2'));
    const { report } = await verifyJson(dir);
    expect(report.complete).toBe(false);
    expect(report.problems).toContainEqual(expect.objectContaining({ file: 'module-2', severity: 'error', code: 'signoff-uncovered', message: expect.stringContaining('a symbolic link to a folder') }));
    await expectRefused(dir, 'module-2');
  });

  it('a link out of the portfolio is an error naming it, and what it leads to is never printed', async () => {
    const secret = join(tmp(), 'secret.txt');
    writeFileSync(secret, 'TOP-SECRET-CONTENT\n');
    const dir = demoCopy('unsigned');
    symlinkSync(secret, join(dir, 'notes.md'));
    const { report, stdout } = await verifyJson(dir);
    expect(report.problems).toContainEqual(expect.objectContaining({ file: 'notes.md', severity: 'error', message: expect.stringContaining('outside the portfolio') }));
    expect(stdout).not.toContain('TOP-SECRET');
    await expectRefused(dir, 'notes.md');
  });

  it('a link in the place of private/, signoffs/ or submission/ is named, never followed', async () => {
    const dir = demoCopy('unsigned');
    const elsewhere = tmp();
    rmSync(join(dir, 'private'), { recursive: true, force: true });
    symlinkSync(elsewhere, join(dir, 'private'));
    const { report } = await verifyJson(dir);
    expect(report.problems).toContainEqual(expect.objectContaining({ file: 'private', severity: 'error' }));
  });
});

describe('many files and large files', () => {
  it('6,000 files are all covered: the record lists every entry, and a later edit to a week is seen', async () => {
    const dir = demoCopy('unsigned');
    mkdirSync(join(dir, 'attachments'));
    for (let i = 0; i < 6000; i++) writeFileSync(join(dir, 'attachments', `a${i}.txt`), `${i}\n`);
    expect((await signoff(dir)).code).toBe(0);
    const record = JSON.parse(readFileSync(join(dir, 'signoffs', '0001-final.json'), 'utf8')) as { files: { path: string }[] };
    expect(record.files).toHaveLength(6000 + record.files.filter((f) => !f.path.startsWith('attachments/')).length);
    expect(record.files.map((f) => f.path)).toContain('module-4/week-7.md');
    writeFileSync(join(dir, 'module-1', 'week-2.md'), readFileSync(join(dir, 'module-1', 'week-2.md'), 'utf8').replace(/(### a\)[^\n]*\n)/, '$1\n.\n'));
    const after = await verifyJson(dir);
    expect(after.report.signoff.status).toBe('changed');
  });

  it('more files than a sign-off covers is an error that says how many and where; sign-off refuses', async () => {
    const dir = demoCopy('unsigned');
    mkdirSync(join(dir, 'attachments'));
    for (let i = 0; i < 20_005; i++) writeFileSync(join(dir, 'attachments', `a${i}`), '');
    const { report } = await verifyJson(dir);
    const p = report.problems.find((x) => x.code === 'too-many-files')!;
    expect(p.severity).toBe('error');
    expect(p.message).toContain('20,0');
    expect(p.message).toContain('attachments (20,005)');
    expect((await signoff(dir)).code).toBe(1);
  });

  it('a file over the size limit is named and not read (a sparse 3 GB file takes no time)', async () => {
    const dir = demoCopy('unsigned');
    writeFileSync(join(dir, 'video.mp4'), '');
    truncateSync(join(dir, 'video.mp4'), 3 * 1024 ** 3);
    const { report } = await verifyJson(dir);
    expect(report.problems).toContainEqual(expect.objectContaining({ file: 'video.mp4', severity: 'error', code: 'signoff-uncovered', message: expect.stringMatching(/is 3\.0 GB; .* at most 100\.0 MB/) }));
    // Asked straight away, not through the commit the other tests make: git itself would read the 3 GB to add it.
    const s = await run(['signoff', '--dir', dir, '--name', 'Alex Morgan', '--role', 'Practice supervisor', '--attendance-confirmed']);
    expect(s.code).toBe(1);
    expect(s.stderr).toMatch(/video\.mp4: is 3\.0 GB; .*the sign-off cannot cover it/);
    expect(existsSync(join(dir, 'signoffs'))).toBe(false);
  });

  it('a large file is hashed piece by piece, so one byte changed in its middle is seen', async () => {
    const dir = demoCopy('unsigned');
    const big = join(dir, 'recording.bin');
    writeFileSync(big, Buffer.alloc(12 * 1024 * 1024, 7));
    expect((await signoff(dir)).code).toBe(0);
    const fd = openSync(big, 'r+');
    writeSync(fd, Buffer.from([8]), 0, 1, 6 * 1024 * 1024 + 3);
    closeSync(fd);
    expect((await verifyJson(dir)).report.signoff).toMatchObject({ status: 'changed', changed_files: ['recording.bin'] });
  });
});

describe('bounded reads of what verify reads on its own', () => {
  it('submission/manifest.json as a link to /dev/zero, to a file outside, or a pipe: verify finishes and prints nothing of it', async () => {
    const secret = join(tmp(), 'shadow');
    writeFileSync(secret, 'root:SECRET-HASH:19000:0:99999:7:::\n');
    const targets: [string, (path: string) => void][] = [
      ['/dev/zero', (p) => symlinkSync('/dev/zero', p)],
      ['a file outside', (p) => symlinkSync(secret, p)],
      ...(hasMkfifo ? ([['a pipe', (p: string) => execFileSync('mkfifo', [p])]] as [string, (path: string) => void][]) : []),
    ];
    for (const [what, make] of targets) {
      const dir = demoCopy('signed');
      rmSync(join(dir, 'submission', 'manifest.json'));
      make(join(dir, 'submission', 'manifest.json'));
      const { report, stdout } = await verifyJson(dir);
      expect(report.problems, what).toContainEqual(expect.objectContaining({ file: 'submission/manifest.json', code: 'bundle' }));
      expect(stdout, what).not.toContain('SECRET');
    }
  });

  it.skipIf(!hasMkfifo)('private/names.txt as a pipe or a link to /dev/zero is a warning, not a hang', async () => {
    for (const make of [(p: string) => execFileSync('mkfifo', [p]), (p: string) => symlinkSync('/dev/zero', p)]) {
      const dir = demoCopy('unsigned');
      rmSync(join(dir, 'private', 'names.txt'), { force: true });
      make(join(dir, 'private', 'names.txt'));
      const { report } = await verifyJson(dir);
      expect(report.problems).toContainEqual(expect.objectContaining({ file: 'private/names.txt', severity: 'warning' }));
    }
  });

  const utf16: [string, (text: string) => Buffer][] = [
    ['little-endian with its byte-order mark (Notepad\'s "Unicode")', (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')])],
    ['big-endian with its byte-order mark ("Unicode big endian")', (t) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t, 'utf16le').swap16()])],
    ['little-endian without a byte-order mark', (t) => Buffer.from(t, 'utf16le')],
  ];
  it.each(utf16)('an entry saved as UTF-16, %s, is named as such, with the fix that keeps the text, and left as it is', async (_name, encode) => {
    const dir = demoCopy('unsigned');
    const text = readFileSync(join(dir, WEEK3), 'utf8');
    const bytes = encode(text);
    writeFileSync(join(dir, WEEK3), bytes);
    const { report } = await verifyJson(dir);
    const p = report.problems.find((x) => x.file === WEEK3) as { message: string; fix: string; code: string };
    expect(p).toMatchObject({ code: 'encoding', message: expect.stringContaining('UTF-16') });
    expect(p.fix).toContain('Save As → Encoding: UTF-8');
    expect(p.fix).not.toContain('git checkout');
    // Neither status nor a week run over it changes a byte of it.
    expect((await run(['status', '--dir', dir])).code).toBe(0);
    await run(['week', '1.3', '--dir', dir, '--no-commit']);
    expect(readFileSync(join(dir, WEEK3)).equals(bytes)).toBe(true);
  });
});

describe('answers files', () => {
  it('a __proto__ key and a merge key are named plainly', async () => {
    const dir = demoCopy('unsigned');
    const proto = join(tmp(), 'proto.yaml');
    writeFileSync(proto, '"1.2":\n  __proto__:\n    a: x\n');
    const p = await run(['week', '1.2', '--dir', dir, '--answers', proto]);
    expect(p.code).toBe(2);
    expect(p.stderr).toContain(`${proto}:2: week 1.2 has no task "__proto__"`);
    expect(p.stderr).not.toContain('NaN');
    const merge = join(tmp(), 'merge.yaml');
    writeFileSync(merge, '"1.2":\n  3: &t\n    a: "hello there"\n  4:\n    <<: *t\n');
    const m = await run(['week', '1.2', '--dir', dir, '--answers', merge]);
    expect(m.code).toBe(2);
    expect(m.stderr.trim().split('\n').filter((l) => l.includes(merge))).toEqual([`${merge}:5: a merge key (<<) is not read in an answers file; write each answer out in full under its task`]);
  });

  it('an answers file is read to a limit (/dev/zero by mistake), and one saved as UTF-16 is named so', async () => {
    const dir = demoCopy('unsigned');
    const zero = await run(['week', '1.2', '--dir', dir, '--answers', '/dev/zero']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('/dev/zero: is larger than 4 MB');
    const utf16 = join(tmp(), 'a16.yaml');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('3:\n  a: "x"\n', 'utf16le')]));
    const u = await run(['week', '1.2', '--dir', dir, '--answers', utf16]);
    expect(u.code).toBe(2);
    expect(u.stderr).toContain(`${utf16}: is saved as UTF-16 text`);
    expect(u.stderr).toContain('Save As → Encoding: UTF-8');
  });
});
