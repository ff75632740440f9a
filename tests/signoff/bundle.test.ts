// A bundle that proves what it says: the manifest lists the files as they were
// read for the PDF, verify --bundle makes the PDF again and compares the bytes,
// and render writes only to a folder of regular files.
import { describe, expect, it, vi } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { BIN, demoCopy, tmp } from '../helpers.js';
import { run } from '../run.js';

// A hook into the one render call, to change a week while the PDF is being made.
const during = vi.hoisted(() => ({ render: null as null | (() => void) }));
vi.mock('../../src/render/pdf.js', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../src/render/pdf.js')>();
  return {
    ...mod,
    renderPdf: async (input: Parameters<typeof mod.renderPdf>[0]) => {
      const result = await mod.renderPdf(input);
      during.render?.();
      return result;
    },
  };
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const verifyBundle = async (dir: string, bundle: string) => {
  const r = await run(['verify', dir, '--format', 'json', '--bundle', bundle]);
  const p = JSON.parse(r.stdout).portfolios[0];
  return { code: r.code, problems: p.problems as { file: string; code: string; message: string }[] };
};

describe('the bundle proves what it says', () => {
  it('bytes appended to the PDF, with its new hash put in the manifest: verify --bundle fails, having made the PDF again', async () => {
    const dir = demoCopy('signed');
    const bundle = join(dir, 'submission');
    expect((await verifyBundle(dir, bundle)).code).toBe(0);
    appendFileSync(join(bundle, 'portfolio.pdf'), '\n% a forged page\n');
    const manifest = JSON.parse(readFileSync(join(bundle, 'manifest.json'), 'utf8'));
    manifest.pdf.sha256 = sha(readFileSync(join(bundle, 'portfolio.pdf')));
    writeFileSync(join(bundle, 'manifest.json'), JSON.stringify(manifest, null, 2));
    const v = await verifyBundle(dir, bundle);
    expect(v.code).toBe(1);
    expect(v.problems.find((p) => p.code === 'bundle-pdf')?.message).toMatch(/^is not the PDF this portfolio makes: rendered again, it differs .* whatever the manifest says$/);
  });

  it('the manifest is of the files as read for the PDF, and lists each sign-off record with its digest and hash', async () => {
    const dir = demoCopy('signed');
    const m = JSON.parse(readFileSync(join(dir, 'submission/manifest.json'), 'utf8'));
    expect(m.manifest).toBe(2);
    expect(m.generator).toMatch(/^permanence \d+\.\d+\.\d+/);
    const rec = readFileSync(join(dir, 'signoffs/0001-final.json'));
    expect(m.signoffs).toEqual([expect.objectContaining({ file: 'signoffs/0001-final.json', digest: JSON.parse(rec.toString()).digest, sha256: sha(rec), status: 'valid' })]);
    const week = m.files.find((f: { path: string }) => f.path === 'module-1/week-3.md');
    expect(week.sha256).toBe(sha(readFileSync(join(dir, 'module-1/week-3.md'))));
  });

  it('text appended to a week while the PDF is made: render refuses and writes nothing', async () => {
    const dir = demoCopy('signed');
    const before = readFileSync(join(dir, 'submission/manifest.json'), 'utf8');
    during.render = () => appendFileSync(join(dir, 'module-1/week-3.md'), '\nWritten while the PDF was being made.\n');
    const r = await run(['render', '--dir', dir]);
    during.render = null;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('render refused: module-1/week-3.md changed while the PDF was being made, so the bundle could not prove what the PDF shows. Nothing was written.');
    expect(readFileSync(join(dir, 'submission/manifest.json'), 'utf8')).toBe(before);
    // Rendered again now, the week is in both the PDF and the manifest, and the bundle proves it.
    execFileSync('git', ['commit', '-qam', 'the last words'], { cwd: dir });
    expect((await run(['render', '--dir', dir, '--draft'])).code).toBe(0);
    const v = await verifyBundle(dir, join(dir, 'submission'));
    expect(v.problems.filter((p) => p.code.startsWith('bundle'))).toEqual([]);
  });

  it('a sign-off made after the render: verify --bundle says the bundle does not show it', async () => {
    const dir = demoCopy('signed');
    const s = await run(['signoff', '--dir', dir, '--name', 'Alex Morgan', '--role', 'Practice supervisor', '--module', '1']);
    expect(s.code, s.stderr).toBe(0);
    const v = await verifyBundle(dir, join(dir, 'submission'));
    expect(v.code).toBe(1);
    expect(v.problems.find((p) => p.code === 'bundle-signoffs')?.message).toContain('added or changed since: signoffs/0002-module-1.json');
  });
});

describe('render --out', () => {
  it('/proc/x, a file, or a folder whose portfolio.pdf is a FIFO or a link: refused at once with a clear message, nothing written', () => {
    const dir = demoCopy('signed');
    const file = join(tmp(), 'a-file');
    writeFileSync(file, 'x');
    const fifo = tmp();
    execFileSync('mkfifo', [join(fifo, 'portfolio.pdf')]);
    const link = tmp();
    symlinkSync('/dev/null', join(link, 'manifest.json'));
    for (const [out, says] of [
      ['/proc/x', /--out \/proc\/x: is a system folder/],
      [join(file, 'sub'), /a-file is not a folder/],
      ['/proc/self', /--out \/proc\/self: is a system folder/],
      [file, /is not a folder/],
      [fifo, /its portfolio.pdf is not a regular file/],
      [link, /its manifest.json is not a regular file/],
    ] as const) {
      const r = spawnSync(process.execPath, [BIN, 'render', '--dir', dir, '--out', out], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } });
      expect(r.error, `render --out ${out} must not hang`).toBeUndefined();
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(says);
      expect(r.stderr).not.toContain('this is a bug');
    }
    expect(existsSync(join(fifo, 'manifest.json'))).toBe(false);
  });
});
