// The participant's own editor for a long answer: only the one they named
// (portfolio.yaml's editor:, $VISUAL, $EDITOR), never a fallback to vi.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The editor to open, or undefined for the terminal entry. `editor: none` in portfolio.yaml turns it off. */
export function chooseEditor(env: NodeJS.ProcessEnv, configured?: string): string | undefined {
  for (const candidate of [configured, env.VISUAL, env.EDITOR]) {
    const c = candidate?.trim();
    if (!c) continue;
    if (/^(none|terminal|off)$/i.test(c)) return undefined;
    return c;
  }
  return undefined;
}

/** Marks the note at the top of the file, so it can be taken off again. */
const NOTE_OPEN = '<!-- permanence:';

export type EditorResult = { ok: true; text: string } | { ok: false; reason: string };

/**
 * Writes `initial` to a private temporary file, opens the editor on it with the
 * terminal handed over, and reads it back. A shell runs the command, so
 * "code --wait" or a path with arguments works as typed.
 */
export function editInEditor(command: string, initial: string, note: string, name = 'answer'): EditorResult {
  const dir = mkdtempSync(join(tmpdir(), 'permanence-'));
  const file = join(dir, `${name.replace(/[^\w.-]+/g, '-')}.md`);
  try {
    writeFileSync(file, `${NOTE_OPEN} ${note.replace(/--+>?/g, '-')} -->\n\n${initial.replace(/\r\n/g, '\n')}${initial.trim() ? '\n' : ''}`, { mode: 0o600 });
    // Ctrl-C belongs to the editor while it is open: do not let it end this process under it.
    const ignore = () => {};
    process.on('SIGINT', ignore);
    let r;
    try {
      r = spawnSync(`${command} "${file}"`, { stdio: 'inherit', shell: true, windowsHide: false });
    } finally {
      process.off('SIGINT', ignore);
    }
    if (r.error) return { ok: false, reason: `the editor "${command}" could not be started (${r.error.message})` };
    if (r.signal) return { ok: false, reason: `the editor was stopped (${r.signal})` };
    if (r.status !== 0) {
      return {
        ok: false,
        reason: r.status === 127 ? `the editor "${command}" was not found` : `the editor "${command}" ended with an error (exit code ${r.status})`,
      };
    }
    return { ok: true, text: stripNote(readFileSync(file, 'utf8')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function stripNote(text: string): string {
  let t = text.replace(/^\ufeff/, '').replace(/\r\n/g, '\n');
  if (t.trimStart().startsWith(NOTE_OPEN)) {
    const end = t.indexOf('-->');
    if (end !== -1) t = t.slice(end + 3);
  }
  return t.replace(/^\s*\n/, '').replace(/\s+$/, '');
}
