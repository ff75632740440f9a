// Git for Windows checks files out with CRLF line endings (core.autocrlf=true,
// its default), and Windows editors save them so: a sign-off and its SSH
// signature hold whatever the line endings, and new portfolios keep git from
// converting them at all.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareFiles, digestOf, sha256 } from '../../src/verify/digest.js';
import { demoCopy, hasTool, tmp } from '../helpers.js';
import { run } from '../run.js';

const SIGNOFF = ['--name', 'Alex Morgan', '--role', 'Practice supervisor', '--date', '2026-09-15', '--attendance-confirmed'];
const hasSshKeygen = hasTool('ssh-keygen', 'SSH-signed sign-offs with CRLF line endings');
const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.org', ...args], { cwd, encoding: 'utf8' });

/** Every text file under `dir` (but .git) with CRLF line endings, as a checkout with core.autocrlf=true writes them. */
function toCrlf(dir: string): number {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === '.git') continue;
    if (statSync(path).isDirectory()) n += toCrlf(path);
    else if (/\.(md|yaml|json|sig|txt)$/.test(name) || name.startsWith('.git')) {
      writeFileSync(path, readFileSync(path, 'utf8').replace(/\r?\n/g, '\r\n'));
      n++;
    }
  }
  return n;
}

async function verifyJson(dir: string, extra: string[] = []) {
  const r = await run(['verify', dir, '--format', 'json', ...extra]);
  const p = JSON.parse(r.stdout).portfolios[0];
  return { code: r.code, status: p.signoff.status as string, latest: p.signoff.records.at(-1) as { signature: string; signer: string | null; reasons: string[] }, errors: (p.problems as { severity: string; message: string }[]).filter((x) => x.severity === 'error') };
}

describe('digests of text whatever its line endings', () => {
  it('LF, CRLF and CR alone give one digest; a file that is not UTF-8 text is hashed as its bytes', () => {
    const lf = digestOf(Buffer.from('one\ntwo\n'));
    expect(lf).toEqual({ sha256: sha256('one\ntwo\n') });
    expect(digestOf(Buffer.from('one\r\ntwo\r\n'))).toEqual({ sha256: lf.sha256, raw: sha256('one\r\ntwo\r\n') });
    expect(digestOf(Buffer.from('one\rtwo\r')).sha256).toBe(lf.sha256);
    // A NUL, or bytes that are not UTF-8, and it is not text: its CRs stay.
    for (const bytes of [Buffer.from('one\r\n\0two\r\n'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff])]) expect(digestOf(bytes)).toEqual({ sha256: sha256(bytes) });
    // A word changed is a change, whatever the line endings.
    expect(digestOf(Buffer.from('one\r\nTwo\r\n')).sha256).not.toBe(lf.sha256);
  });

  it('a record made before line endings stopped counting (it holds the bytes\' digest of a CRLF file) still matches that file', () => {
    const crlf = Buffer.from('one\r\ntwo\r\n');
    const now = [{ path: 'a.md', ...digestOf(crlf) }];
    expect(compareFiles([{ path: 'a.md', sha256: sha256(crlf) }], now)).toEqual({ changed: [], added: [], removed: [] });
    expect(compareFiles([{ path: 'a.md', sha256: sha256('one\ntwo\n') }], now)).toEqual({ changed: [], added: [], removed: [] });
    expect(compareFiles([{ path: 'a.md', sha256: sha256('one\ntwo!\n') }], now).changed).toEqual(['a.md']);
  });
});

describe('a signed portfolio with CRLF line endings', () => {
  it('every text file made CRLF: the sign-off is still valid; a word changed as well is still named', async () => {
    const dir = demoCopy('signed');
    expect((await verifyJson(dir)).status).toBe('valid');
    expect(toCrlf(dir)).toBeGreaterThan(30);
    const v = await verifyJson(dir);
    expect(v.errors).toEqual([]);
    expect(v.status).toBe('valid');
    const week = join(dir, 'module-1', 'week-2.md');
    writeFileSync(week, readFileSync(week, 'utf8').replace('\r\n', '\r\nA word more.\r\n'));
    const changed = await verifyJson(dir);
    expect(changed.status).toBe('changed');
    expect(changed.latest.reasons.join(' ')).toContain('module-1/week-2.md');
  });

  it.skipIf(!hasSshKeygen)('signed with SSH, the record and its .sig made CRLF: the signature verifies; the record edited as well: it fails, and says the line endings were not all', async () => {
    const dir = demoCopy('unsigned');
    const k = tmp();
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'supervisor', '-f', join(k, 'id')]);
    const pub = readFileSync(join(k, 'id.pub'), 'utf8').trim().split(' ');
    writeFileSync(join(k, 'allowed'), `alex.morgan@agency.example namespaces="permanence-signoff" ${pub[0]} ${pub[1]}\n`);
    expect((await run(['signoff', '--dir', dir, ...SIGNOFF, '--key', join(k, 'id')])).code).toBe(0);
    const allowed = ['--allowed-signers', join(k, 'allowed')];
    toCrlf(dir);
    const record = readdirSync(join(dir, 'signoffs')).filter((f) => f.endsWith('.json')).sort().at(-1)!;
    expect(readFileSync(join(dir, 'signoffs', `${record}.sig`), 'utf8')).toContain('\r\n');
    const v = await verifyJson(dir, allowed);
    expect(v.errors).toEqual([]);
    expect(v.latest).toMatchObject({ signature: 'verified', signer: 'alex.morgan@agency.example' });
    const path = join(dir, 'signoffs', record);
    writeFileSync(path, readFileSync(path, 'utf8').replace('"Practice supervisor"', '"Practice supervisors"'));
    const bad = await verifyJson(dir, allowed);
    expect(bad.latest.signature).toBe('failed');
    expect(bad.latest.reasons.join(' ')).toContain('with LF line endings it does not verify either');
  });
});

describe('new portfolios keep git from converting line endings', () => {
  it('init writes .gitattributes; a clone with core.autocrlf=true checks the files out as they were written', async () => {
    const dir = join(tmp(), 'p');
    expect((await run(['init', dir, '--yes'])).code).toBe(0);
    expect(readFileSync(join(dir, '.gitattributes'), 'utf8')).toMatch(/^\* -text$/m);
    const clone = join(tmp(), 'c');
    execFileSync('git', ['-c', 'core.autocrlf=true', 'clone', '-q', dir, clone]);
    expect(readFileSync(join(clone, 'module-1', 'week-2.md'), 'utf8')).not.toContain('\r');
    expect(readFileSync(join(clone, 'portfolio.yaml'), 'utf8')).not.toContain('\r');
  });

  it('init --repair adds .gitattributes to a portfolio that has none', async () => {
    const dir = join(tmp(), 'p');
    expect((await run(['init', dir, '--yes'])).code).toBe(0);
    rmSync(join(dir, '.gitattributes'));
    const r = await run(['init', dir, '--repair']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('.gitattributes');
    expect(existsSync(join(dir, '.gitattributes'))).toBe(true);
  });
});

describe('signing off again', () => {
  it('after the portfolio changed since a final sign-off, the supervisor can sign off what is there now', async () => {
    const dir = demoCopy('signed');
    const week = join(dir, 'module-1', 'week-2.md');
    writeFileSync(week, `${readFileSync(week, 'utf8')}\nA thought added after the sign-off.\n`);
    git(dir, 'commit', '-qam', 'a thought added');
    expect((await verifyJson(dir)).status).toBe('changed');
    const again = await run(['signoff', '--dir', dir, ...SIGNOFF]);
    expect(again.stderr).not.toContain('refused');
    expect(again.code).toBe(0);
    const v = await verifyJson(dir);
    expect(v.status).toBe('valid');
    expect(v.code).toBe(0);
  });
});
