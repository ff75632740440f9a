// A record that proves what it says: its digest covers its own fields, an edit
// to any of them is named, an unsigned record is shown as a claim, and a record
// of the older form is still read (and said to be older).
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clean, demoCopy, hasTool, tmp } from '../helpers.js';
import { run } from '../run.js';
import { pdfText } from '../pdf.js';
import { validators } from '../../src/programme/validators.js';
import { contentDigest } from '../../src/verify/digest.js';
import { recordDigest } from '../../src/verify/signoff.js';

const hasSshKeygen = hasTool('ssh-keygen', 'SSH-signed sign-off records');
const SIGNOFF = ['--name', 'Alex Morgan', '--role', 'Practice supervisor', '--date', '2026-09-15'];

interface Rec {
  file: string;
  kind: string | null;
  status: string;
  signed: boolean;
  signature: string;
  record_version: number | null;
  attendance_confirmed: boolean | null;
  git_commit: string | null;
  reasons: string[];
}

async function verifyJson(dir: string, extra: string[] = []): Promise<{ code: number | null; text: string; records: Rec[]; status: string }> {
  const text = await run(['verify', dir, ...extra]);
  const json = await run(['verify', dir, '--format', 'json', ...extra]);
  const parsed = JSON.parse(json.stdout);
  const validate = validators().verifyReport!;
  expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
  return { code: json.code, text: clean(text.stdout), records: parsed.portfolios[0].signoff.records, status: parsed.portfolios[0].signoff.status };
}

const editRecord = (dir: string, file: string, fn: (r: Record<string, unknown>) => void) => {
  const path = join(dir, file);
  const r = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  fn(r);
  writeFileSync(path, `${JSON.stringify(r, null, 2)}\n`);
};

describe('the record proves its own fields', () => {
  it('an unsigned interim record turned into a final one (kind and date edited) is invalid, naming the fields; render prints no certificate', async () => {
    const dir = demoCopy('unsigned');
    const s = await run(['signoff', '--dir', dir, ...SIGNOFF, '--module', '1']);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).toContain('Not signed: without --key, anyone with these files could have written this record.');
    const ok = await verifyJson(dir);
    expect(ok.records[0]).toMatchObject({ kind: 'module', status: 'valid', signed: false, signature: 'none', record_version: 2 });
    expect(ok.text).toContain('module 1 (interim): Alex Morgan, Practice supervisor, 2026-09-15; valid; not signed: anyone with these files could have written it');
    const st = await run(['status', '--dir', dir]);
    expect(st.stdout.replace(/\s+/g, ' ')).toContain('Sign-off: sign-off of module 1 by Alex Morgan, 2026-09-15; not signed: anyone with these files could have written it (permanence verify checks it)');

    // The finding: kind interim → final and a new date gave "final: valid".
    editRecord(dir, 'signoffs/0001-module-1.json', (r) => {
      r.kind = 'final';
      delete r.module;
      r.date = '2026-09-20';
    });
    const v = await verifyJson(dir);
    expect(v.code).toBe(1);
    expect(v.records[0]).toMatchObject({ kind: 'final', status: 'invalid' });
    expect(v.records[0]!.reasons).toEqual(['its fields were edited after it was made: kind, module, date']);
    expect(v.text).toContain('its fields were edited after it was made: kind, module, date');

    const r = await run(['render', '--dir', dir, '--draft']);
    expect(r.code, r.stderr).toBe(0);
    const pdf = await pdfText(join(dir, 'submission/portfolio.pdf'));
    expect(pdf).not.toContain('Certificate of completion');
  });

  it('the role edited ("Head of Service"), or the digest recomputed over edited fields, is caught', async () => {
    const dir = demoCopy('unsigned');
    expect((await run(['signoff', '--dir', dir, ...SIGNOFF, '--attendance-confirmed'])).code).toBe(0);
    editRecord(dir, 'signoffs/0001-final.json', (r) => (r.role = 'Head of Service'));
    const v = await verifyJson(dir);
    expect(v.records[0]!.status).toBe('invalid');
    expect(v.records[0]!.reasons.join(' ')).toContain('its fields were edited after it was made: role');
    // Field digests made to agree, the record's digest left: still caught.
    editRecord(dir, 'signoffs/0001-final.json', (r) => {
      (r.field_digests as Record<string, string>).role = createHash('sha256').update(JSON.stringify('Head of Service')).digest('hex');
    });
    const w = await verifyJson(dir);
    expect(w.records[0]!.status).toBe('invalid');
    expect(w.records[0]!.reasons.join(' ')).toContain('its digest does not match its fields and list of files');
    // Attendance confirmation and the note are covered too.
    const dir2 = demoCopy('unsigned');
    expect((await run(['signoff', '--dir', dir2, ...SIGNOFF, '--module', '2'])).code).toBe(0);
    editRecord(dir2, 'signoffs/0001-module-2.json', (r) => {
      r.attendance_confirmed = true;
      r.note = 'Excellent';
    });
    const x = await verifyJson(dir2);
    expect(x.records[0]!.reasons).toEqual(['its fields were edited after it was made: note, attendance_confirmed']);
  });

  it('a record of the older form (no "record" field) is still checked as before, and said to be older', async () => {
    const dir = demoCopy('unsigned');
    expect((await run(['signoff', '--dir', dir, ...SIGNOFF, '--attendance-confirmed'])).code).toBe(0);
    editRecord(dir, 'signoffs/0001-final.json', (r) => {
      for (const k of ['record', 'field_digests', 'attendance_confirmed', 'attendance', 'git_commit']) delete r[k];
      r.digest = contentDigest(r.files as { path: string; sha256: string }[]);
    });
    const v = await verifyJson(dir);
    expect(v.code).toBe(0);
    expect(v.records[0]).toMatchObject({ status: 'valid', record_version: 1, attendance_confirmed: null, signature: 'none' });
    expect(v.text).toContain('the older form of record, whose digest does not cover its own fields');
    writeFileSync(join(dir, 'module-1/week-3.md'), `${readFileSync(join(dir, 'module-1/week-3.md'), 'utf8')}\nMore.\n`);
    expect((await verifyJson(dir)).records[0]!.status).toBe('changed');
    // A form this version does not know is not taken for either.
    editRecord(dir, 'signoffs/0001-final.json', (r) => (r.record = 3));
    expect((await verifyJson(dir)).records[0]!.reasons.join(' ')).toContain('its form (record: 3) is not one this version of permanence knows');
  });

  it('the digests of the answers are covered: taken out, or one of them changed, the record is invalid; a record made before them still holds', async () => {
    const dir = demoCopy('unsigned');
    expect((await run(['signoff', '--dir', dir, ...SIGNOFF, '--attendance-confirmed'])).code).toBe(0);
    const file = 'signoffs/0001-final.json';
    const signed = readFileSync(join(dir, file), 'utf8');
    expect(Object.keys(JSON.parse(signed).answers).length).toBeGreaterThan(100);
    editRecord(dir, file, (r) => delete r.answers);
    expect((await verifyJson(dir)).records[0]).toMatchObject({ status: 'invalid', reasons: ['the record is damaged: its fields were edited after it was made: answers'] });
    writeFileSync(join(dir, file), signed);
    editRecord(dir, file, (r) => {
      const a = r.answers as Record<string, string>;
      a['module-1/week-2.md#1a'] = '0'.repeat(64);
    });
    expect((await verifyJson(dir)).records[0]!.reasons).toEqual(['its fields were edited after it was made: answers']);
    // A record of version 2 made before the digests of the answers: no answers field, no digest of it.
    writeFileSync(join(dir, file), signed);
    editRecord(dir, file, (r) => {
      delete r.answers;
      delete (r.field_digests as Record<string, string>).answers;
      r.digest = recordDigest(r as unknown as Parameters<typeof recordDigest>[0]);
    });
    expect((await verifyJson(dir)).records[0]).toMatchObject({ status: 'valid', record_version: 2 });
  });
});

describe.skipIf(!hasSshKeygen)('signatures and allowed signers', () => {
  const keys = () => {
    const k = tmp();
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'supervisor', '-f', join(k, 'id')]);
    const pub = readFileSync(join(k, 'id.pub'), 'utf8').trim().split(' ');
    writeFileSync(join(k, 'allowed'), `alex.morgan@agency.example namespaces="permanence-signoff" ${pub[0]} ${pub[1]}\n`);
    return k;
  };

  it('the signature covers the whole record: any byte of it changed, even outside the fields, fails', async () => {
    const dir = demoCopy('unsigned');
    const k = keys();
    expect((await run(['signoff', '--dir', dir, ...SIGNOFF, '--attendance-confirmed', '--key', join(k, 'id')])).code).toBe(0);
    const good = await verifyJson(dir, ['--allowed-signers', join(k, 'allowed')]);
    expect(good.records[0]).toMatchObject({ status: 'valid', signature: 'verified' });
    const unchecked = await verifyJson(dir);
    expect(unchecked.records[0]).toMatchObject({ signature: 'unchecked' });
    const path = join(dir, 'signoffs/0001-final.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('\n}', ',\n  "extra": 1\n}'));
    const bad = await verifyJson(dir, ['--allowed-signers', join(k, 'allowed')]);
    expect(bad.records[0]).toMatchObject({ status: 'invalid', signature: 'failed' });
  });

  it('a missing --allowed-signers file is named as missing, not as a key not allowed', async () => {
    const dir = demoCopy('signed');
    const r = await run(['verify', dir, '--allowed-signers', join(tmp(), 'nope')]);
    expect(r.code).not.toBe(0);
    const out = r.stdout + r.stderr;
    expect(out).toContain('no such file (give the allowed-signers file)');
    expect(out).not.toContain('not in the allowed signers');
  });

  it.each([
    ['a FIFO', (p: string) => execFileSync('mkfifo', [p])],
    ['a link to /dev/zero', (p: string) => symlinkSync('/dev/zero', p)],
    ['a link out of the portfolio', (p: string) => symlinkSync('/etc/hostname', p)],
  ])('a .sig that is %s: verify finishes and says so', async (_what, make) => {
    const dir = demoCopy('unsigned');
    const k = keys();
    expect((await run(['signoff', '--dir', dir, ...SIGNOFF, '--attendance-confirmed', '--key', join(k, 'id')])).code).toBe(0);
    const sig = join(dir, 'signoffs/0001-final.json.sig');
    rmSync(sig);
    make(sig);
    const r = spawnSync(process.execPath, [join(import.meta.dirname, '../../bin/permanence.js'), 'verify', dir, '--format', 'json', '--allowed-signers', join(k, 'allowed')], {
      encoding: 'utf8',
      timeout: 20_000,
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.error, 'verify must not hang').toBeUndefined();
    expect(r.status).toBe(1);
    const rec = JSON.parse(r.stdout).portfolios[0].signoff.records[0];
    expect(rec).toMatchObject({ status: 'invalid', signature: 'failed' });
    expect(rec.reasons.join(' ')).toMatch(/its signature file (is not a regular file|is a symbolic link)/);
  });
});
