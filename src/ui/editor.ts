// The participant's own editor for a long answer: only the one they named
// (portfolio.yaml's editor:, $VISUAL, $EDITOR), never a fallback to vi.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CancelledWhileTyping } from './multiline.js';

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
 * Asked when the editor came back at once and left the file as it was: a GUI
 * editor that hands the file to a window already open. Resolves true to read
 * the file again once the participant says so, false to stop waiting.
 */
export type WaitForEditor = (info: { file: string; hint: string | undefined; first: boolean }) => Promise<boolean>;

/** Sooner than this, an editor that changed nothing has most likely not waited for the participant. */
export const QUICK_RETURN_MS = 2000;

/**
 * Writes `initial` to a private temporary file, opens the editor on it with the
 * terminal handed over, and reads it back. A shell runs the command, so
 * "code --wait" or a path with arguments works as typed. The file is removed
 * only once its content is in hand, and a failure to remove it never costs the answer.
 */
export async function editInEditor(
  command: string,
  initial: string,
  note: string,
  name = 'answer',
  wait?: WaitForEditor,
  platform: NodeJS.Platform = process.platform,
): Promise<EditorResult> {
  const dir = mkdtempSync(join(tmpdir(), 'permanence-'));
  const file = join(dir, `${name.replace(/[^\w.-]+/g, '-')}.md`);
  const written = `${NOTE_OPEN} ${note.replace(/--+>?/g, '-')} -->\n\n${initial.replace(/\r\n/g, '\n')}${initial.trim() ? '\n' : ''}`;
  writeFileSync(file, written, { mode: 0o600 });
  const started = Date.now();
  const r = runEditor(command, file, platform);
  const quick = Date.now() - started < QUICK_RETURN_MS;
  let now: string;
  try {
    now = readFileSync(file, 'utf8');
  } catch (err) {
    // Whatever the editor left is still in the file: it stays for the participant to copy.
    return { ok: false, reason: `${file} could not be read back (${(err as NodeJS.ErrnoException).code ?? String(err)}); it is kept there` };
  }
  if (now === written) {
    const failed = r.error ? `the editor "${command}" could not be started (${r.error.message})` : failure(command, r);
    if (failed) {
      removeQuietly(dir);
      return { ok: false, reason: failed };
    }
    if (quick && wait) {
      const hint = waitHint(command);
      let unread = false;
      try {
        for (let first = true; now === written || unread; first = false) {
          if (!(await wait({ file, hint, first }))) break;
          // Held open by the editor (Windows): asked again, never taken as unchanged.
          const read = readQuietly(file);
          unread = read === undefined;
          now = read ?? written;
        }
      } catch (err) {
        // Ctrl-C while waiting: what the editor saved meanwhile goes with it, to be kept as typed text is.
        const late = readQuietly(file);
        removeQuietly(dir);
        if (late !== undefined && late !== written && stripNote(late)) throw new CancelledWhileTyping(stripNote(late));
        throw err;
      }
      if (unread) return { ok: false, reason: `${file} could not be read back; it is kept there` };
    }
  }
  removeQuietly(dir);
  return { ok: true, text: stripNote(now) };
}

function runEditor(command: string, file: string, platform: NodeJS.Platform) {
  // Ctrl-C belongs to the editor while it is open: do not let it end this process under it.
  const ignore = () => {};
  process.on('SIGINT', ignore);
  try {
    // cmd's own "is not recognized" is on stderr: kept to tell "not found" from other errors, and shown.
    const capture = platform === 'win32';
    const r = spawnSync(`${forShell(command, platform)} "${file}"`, {
      stdio: ['inherit', 'inherit', capture ? 'pipe' : 'inherit'],
      shell: true,
      windowsHide: false,
      encoding: 'utf8',
    });
    if (capture && r.stderr) process.stderr.write(r.stderr);
    return r;
  } finally {
    process.off('SIGINT', ignore);
  }
}

/** Why the editor run failed, in words, or undefined when it did not. */
export function failure(command: string, r: { status: number | null; signal: NodeJS.Signals | null; stderr?: string | null }): string | undefined {
  if (r.signal) return `the editor was stopped (${r.signal})`;
  if (r.status === 0) return undefined;
  if (notFound(r.status, r.stderr ?? '')) {
    // An unquoted path with a space in it is cut at the space by the shell.
    const cut = /^[^"'\s]*\s+\S*[\\/]/.test(command.trim());
    return `the editor "${command}" was not found${cut ? ` (a path with spaces needs double quotes around it, and those inside single quotes in portfolio.yaml: editor: '"C:\\Program Files\\Notepad++\\notepad++.exe" -multiInst -nosession')` : ''}`;
  }
  return `the editor "${command}" ended with an error (exit code ${r.status})`;
}

/** "Not found" as sh says it (127) and as cmd says it (9009, or 1 with "is not recognized"). */
export function notFound(status: number | null, stderr: string): boolean {
  return status === 127 || status === 9009 || (status === 1 && /is not recognized as an internal or external command/i.test(stderr));
}

/**
 * The command as the shell should get it. cmd knows no single quotes, which
 * git's own examples use around a path: on Windows, a leading '...' becomes "...".
 */
export function forShell(command: string, platform: NodeJS.Platform): string {
  if (platform !== 'win32') return command;
  return command.replace(/^'([^']+)'/, '"$1"');
}

/** The program's own name: "code" for "code --wait", "notepad++.exe" for a quoted path. */
export function programName(command: string): string {
  const c = command.trim();
  const quoted = /^(["'])(.*?)\1/.exec(c);
  const first = quoted ? quoted[2]! : c.split(/\s+/)[0]!;
  return first.split(/[\\/]/).pop()!;
}

/** Editors that hand the file to a window already open, and the option that makes them wait until it is closed. */
const WAIT_OPTIONS: [RegExp, string][] = [
  [/^(code|code-insiders|codium|vscodium|cursor|windsurf)(\.cmd|\.exe)?$/i, '--wait'],
  [/^(subl|sublime_text)(\.exe)?$/i, '--wait'],
  [/^(atom|zed|bbedit|mate|gedit)(\.cmd|\.exe)?$/i, '--wait'],
  [/^kate(\.exe)?$/i, '--block'],
  [/^(gvim|mvim)(\.exe)?$/i, '--nofork'],
  [/^notepad\+\+(\.exe)?$/i, '-multiInst -nosession'],
  [/^open$/i, '-W -n'],
];

/** The fix for an editor that does not wait, in portfolio.yaml's words (the setting on a line of its own), or undefined when none is known. */
export function waitHint(command: string): string | undefined {
  const program = programName(command);
  const option = WAIT_OPTIONS.find(([re]) => re.test(program))?.[1];
  if (!option || option.split(' ').every((o) => command.includes(o))) return undefined;
  const fixed = `${command.trim()} ${option}`;
  return `${program} needs ${option} to wait until you close the file. In portfolio.yaml:\n  editor: '${fixed.replace(/'/g, "''")}'`;
}

/**
 * An editor command holding a control character (YAML's double quotes read
 * "C:\new" as a line break and "\P" as a paragraph separator): what is wrong,
 * and the setting as it was most likely meant, in single quotes, on a line of
 * its own (to be copied as it is).
 */
export function editorProblem(command: string): string | undefined {
  if (!/[\u0000-\u001f\u007f\u0085\u00a0\u2028\u2029]/.test(command)) return undefined;
  const back: Record<string, string> = { '\0': '\\0', '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r', '\x1b': '\\e', '\u0085': '\\N', '\u00a0': '\\_', '\u2028': '\\L', '\u2029': '\\P' };
  const meant = command.replace(/[\u0000-\u001f\u007f\u0085\u00a0\u2028\u2029]/g, (c) => back[c] ?? '');
  const shown = command.replace(/[\u0000-\u001f\u007f\u0085\u00a0\u2028\u2029]/g, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`);
  // A Windows path with spaces needs double quotes around it for cmd.
  const path = /^([A-Za-z]:\\[^"']*?\.(?:exe|cmd|bat))(.*)$/i.exec(meant);
  const fixed = path && /\s/.test(path[1]!) ? `"${path[1]}"${path[2]}` : meant;
  return (
    `the editor setting has a control character in it ("${shown}"): in double quotes, YAML reads a backslash as the start of an escape (\\n, \\t, \\P...). ` +
    `Write it in single quotes in portfolio.yaml:\neditor: '${fixed.replace(/'/g, "''")}'`
  );
}

function readQuietly(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Removes the temporary folder; a Windows refusal (EBUSY, EPERM) is tried again, then let be: the answer is already read. */
function removeQuietly(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  } catch {
    // a folder left in the temporary area costs nothing
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
