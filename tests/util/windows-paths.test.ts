// Paths as Windows gives them, through path.win32 wherever the code builds or
// compares paths: drive letters, another drive, UNC shares, letters in another
// case, "~\" from cmd and PowerShell 5.1, and editor commands as cmd runs them.
import { describe, expect, it } from 'vitest';
import { posix, win32 } from 'node:path';
import { isInside } from '../../src/portfolio/read.js';
import { expandHome, portable } from '../../src/util/paths.js';
import { shownPath } from '../../src/ui/io.js';
import { failure, forShell, notFound, programName } from '../../src/ui/editor.js';

const ROOT = 'C:\\Users\\sam\\OneDrive - Council\\Documents\\portfolio';

describe('isInside, on Windows paths', () => {
  it.each([
    [ROOT, true, 'the portfolio itself'],
    [`${ROOT}\\module-1\\week-2.md`, true, 'an entry'],
    [`${ROOT}\\module-1\\..\\items\\case-review.md`, true, 'an entry by way of ..'],
    ['c:\\users\\SAM\\onedrive - council\\documents\\PORTFOLIO\\items\\x.md', true, 'the same folder in other letters (NTFS ignores case)'],
    [`${ROOT}\\..file.md`, true, 'a name that starts with two dots'],
    [`${ROOT}-old\\module-1\\week-2.md`, false, 'a folder whose name starts the same'],
    [`${ROOT}\\..\\private.txt`, false, 'the folder above'],
    ['D:\\portfolio\\module-1\\week-2.md', false, 'another drive'],
    ['\\\\fileserver\\share\\portfolio\\week-2.md', false, 'a UNC share'],
    ['\\\\?\\C:\\Windows\\System32\\config\\SAM', false, 'a long-path name elsewhere'],
  ])('%s: %s (%s)', (path, inside) => {
    expect(isInside(ROOT, path, win32)).toBe(inside);
  });

  it('the same rules on POSIX paths', () => {
    expect(isInside('/home/sam/portfolio', '/home/sam/portfolio/items/x.md', posix)).toBe(true);
    expect(isInside('/home/sam/portfolio', '/home/sam/portfolio-old/x.md', posix)).toBe(false);
    expect(isInside('/home/sam/portfolio', '/home/sam/portfolio/../x.md', posix)).toBe(false);
    expect(isInside('/home/sam/portfolio', '/etc/passwd', posix)).toBe(false);
  });
});

describe('~ in a path given to permanence, as cmd and PowerShell 5.1 pass it on unexpanded', () => {
  const env = { USERPROFILE: 'C:\\Users\\sam' };
  it.each([
    ['~\\.ssh\\id_ed25519', 'C:\\Users\\sam\\.ssh\\id_ed25519'],
    ['~/.ssh/id_ed25519', 'C:\\Users\\sam\\.ssh\\id_ed25519'],
    ['~', 'C:\\Users\\sam'],
    ['~\\Desktop\\draft', 'C:\\Users\\sam\\Desktop\\draft'],
    ['~sam\\x', '~sam\\x'],
    ['C:\\~\\x', 'C:\\~\\x'],
    ['.\\~\\x', '.\\~\\x'],
  ])('%s is %s', (given, expected) => {
    expect(expandHome(given, env, win32)).toBe(expected);
  });

  it('HOME wins where it is set (Git Bash sets it), then USERPROFILE', () => {
    expect(expandHome('~\\x', { HOME: 'C:\\Users\\sam\\home', USERPROFILE: 'C:\\Users\\sam' }, win32)).toBe('C:\\Users\\sam\\home\\x');
  });
});

describe('paths shown to a person and written in reports', () => {
  it.each([
    ['C:\\Users\\sam', 'C:\\Users\\sam\\portfolio\\submission\\portfolio.pdf', 'portfolio\\submission\\portfolio.pdf'],
    ['C:\\Users\\sam\\portfolio', 'C:\\Users\\sam\\portfolio', '.'],
    ['C:\\Users\\sam\\portfolio', 'D:\\drafts\\portfolio.pdf', 'D:\\drafts\\portfolio.pdf'],
    ['C:\\Users\\sam\\portfolio', 'C:\\Users\\sam\\Desktop\\r.xml', 'C:\\Users\\sam\\Desktop\\r.xml'],
  ])('from %s, %s is shown as %s', (cwd, path, shown) => {
    expect(shownPath(cwd, path, win32)).toBe(shown);
  });

  it('a cohort member is "cohort/alice" in a report from Windows as from anywhere', () => {
    expect(portable(win32.relative('C:\\team', 'C:\\team\\cohort\\alice'), win32)).toBe('cohort/alice');
    expect(portable(posix.relative('/team', '/team/cohort/alice'), posix)).toBe('cohort/alice');
  });
});

describe('editor commands as cmd runs them', () => {
  it("a path in git's single quotes is given to cmd in double quotes", () => {
    expect(forShell("'C:\\Program Files\\Notepad++\\notepad++.exe' -multiInst -nosession", 'win32')).toBe('"C:\\Program Files\\Notepad++\\notepad++.exe" -multiInst -nosession');
    expect(forShell('"C:\\Program Files\\Microsoft VS Code\\bin\\code.cmd" --wait', 'win32')).toBe('"C:\\Program Files\\Microsoft VS Code\\bin\\code.cmd" --wait');
  });

  it('the program is named from a Windows path, quoted or not', () => {
    expect(programName('"C:\\Program Files\\Notepad++\\notepad++.exe" -multiInst -nosession')).toBe('notepad++.exe');
    expect(programName('C:\\Windows\\notepad.exe')).toBe('notepad.exe');
    expect(programName('code --wait')).toBe('code');
  });

  it('"not found" as cmd says it, and an unquoted path with a space named as the cause', () => {
    expect(notFound(9009, '')).toBe(true);
    expect(notFound(1, "'C:\\Program' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n")).toBe(true);
    expect(notFound(1, '')).toBe(false);
    const why = failure('C:\\Program Files\\Notepad++\\notepad++.exe', { status: 1, signal: null, stderr: "'C:\\Program' is not recognized as an internal or external command" });
    expect(why).toContain('was not found (a path with spaces needs double quotes around it');
  });
});
