// ssh-keygen -Y sign / verify for sign-off records. The signature file is read
// as untrusted input (regular, bounded, inside the portfolio) and handed to
// ssh-keygen as a private copy, so a pipe or device in its place cannot hang it.
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInside } from '../portfolio/read.js';

// ssh-keygen runs only for a signed record; verify without one need not load child_process (and net, dgram).
const requireCjs = createRequire(import.meta.url);
const childProcess = () => requireCjs('node:child_process') as typeof import('node:child_process');

export const SSH_NAMESPACE = 'permanence-signoff';

/** Why ssh-keygen could not be started, for a person: most often it is not installed. */
function notStarted(err: Error): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT'
    ? 'ssh-keygen is not installed (or not on PATH): it comes with Git for Windows and with the OpenSSH client (Windows: Settings > Optional features > OpenSSH Client; Debian or Ubuntu: apt install openssh-client)'
    : `ssh-keygen could not be run (${code ?? err.message})`;
}
/** An SSH signature is well under 2 KB; anything far larger is not one. */
const MAX_SIG_BYTES = 64 * 1024;
/** Long enough for a passphrase to be typed; a verification takes milliseconds. */
const VERIFY_TIMEOUT_MS = 10_000;

export type SignResult = { ok: true } | { ok: false; interrupted: boolean; reason: string };

/** Signs `path` with the private key, writing `path`.sig (ssh-keygen asks for a passphrase on the terminal). */
export function signFile(path: string, key: string): SignResult {
  const r = childProcess().spawnSync('ssh-keygen', ['-Y', 'sign', '-q', '-f', key, '-n', SSH_NAMESPACE, path], {
    encoding: 'utf8',
    stdio: ['inherit', 'pipe', 'pipe'],
  });
  if (r.error) return { ok: false, interrupted: false, reason: notStarted(r.error) };
  if (r.signal === 'SIGINT' || r.signal === 'SIGTERM' || r.signal === 'SIGHUP' || r.status === 130) return { ok: false, interrupted: true, reason: 'stopped' };
  if (r.status !== 0) return { ok: false, interrupted: false, reason: (r.stderr || r.stdout || `ssh-keygen exited with ${r.status}`).trim().split('\n')[0]! };
  return { ok: true };
}

/** Why the allowed-signers file cannot be used, if it cannot: named before any signature is checked. */
export function allowedSignersProblem(file: string): string | undefined {
  try {
    const st = statSync(file);
    if (!st.isFile()) return `${file} is not a file (give the allowed-signers file: one line per supervisor, "email namespaces=\\"${SSH_NAMESPACE}\\" ssh-ed25519 AAAA...")`;
    if (st.size > 1024 * 1024) return `${file} is ${Math.round(st.size / 1024)} KB: too large to be an allowed-signers file`;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? `${file}: no such file (give the allowed-signers file)` : `${file} cannot be read (${code})`;
  }
  return undefined;
}

export type VerifyResult = { ok: true; principal: string } | { ok: false; reason: string };

/** Checks the signature beside a record (rel: its path in the portfolio) over exactly `bytes`. */
export function verifyRecordSignature(root: string, sigRel: string, bytes: Buffer, allowedSigners: string): VerifyResult {
  const sig = readInside(root, sigRel, MAX_SIG_BYTES);
  if (!sig) return { ok: false, reason: 'its signature file is missing' };
  if ('problem' in sig) return { ok: false, reason: `its signature file ${sig.problem.message}` };
  const dir = mkdtempSync(join(tmpdir(), 'permanence-sig-'));
  try {
    const sigPath = join(dir, 'record.sig');
    // The armour's line endings are not part of the signature; git for Windows may have made them CRLF.
    writeFileSync(sigPath, sig.text.replace(/\r\n?/g, '\n'), { mode: 0o600 });
    const cp = childProcess();
    const find = cp.spawnSync('ssh-keygen', ['-Y', 'find-principals', '-s', sigPath, '-f', allowedSigners], { encoding: 'utf8', timeout: VERIFY_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'pipe'] });
    if (find.error) return { ok: false, reason: notStarted(find.error) };
    const principal = (find.stdout ?? '').split('\n')[0]?.trim();
    if (find.status !== 0 || !principal) {
      const why = (find.stderr ?? '').trim();
      return { ok: false, reason: /invalid|parse|unsupported|couldn't/i.test(why) ? `its signature is not a valid SSH signature (${why.split('\n')[0]})` : 'the key that signed it is not in the allowed signers' };
    }
    const check = cp.spawnSync('ssh-keygen', ['-Y', 'verify', '-f', allowedSigners, '-I', principal, '-n', SSH_NAMESPACE, '-s', sigPath], {
      encoding: 'utf8',
      timeout: VERIFY_TIMEOUT_MS,
      input: bytes,
    });
    if (check.status !== 0) return { ok: false, reason: (check.stderr || check.stdout || 'bad signature').trim().split('\n')[0] ?? 'bad signature' };
    return { ok: true, principal };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
