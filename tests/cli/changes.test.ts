// permanence changes: what changed since the sign-off, answer by answer, in
// the programme's words and with the right counts, from the signed record and git.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import { demoCopy } from '../helpers.js';
import { run } from '../run.js';

const edit = (dir: string, file: string, from: string, to: string) => {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  expect(text, `${file} holds "${from}"`).toContain(from);
  writeFileSync(path, text.replace(from, to));
};
const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

interface Json {
  since: { kind: string; file?: string; commit?: string };
  answers: { file: string; key: string; name: string; words_added: number; words_removed: number; redline: { op: string; text: string }[] }[];
  files: { changed: string[]; added: string[]; removed: string[] };
  unknown: string[];
  limits?: string;
}
const json = async (dir: string, ...args: string[]) => {
  const r = await run(['changes', '--dir', dir, '--format', 'json', ...args]);
  const report = JSON.parse(r.stdout) as Json;
  // 0 when nothing changed, 1 when anything did, as the command contract has it
  const changed = report.answers.length + report.files.changed.length + report.files.added.length + report.files.removed.length + report.unknown.length > 0;
  expect(r.code, r.stderr).toBe(changed ? 1 : 0);
  return report;
};

describe('permanence changes', () => {
  it('nothing changed since the sign-off: says so', async () => {
    const dir = demoCopy('signed');
    const r = await run(['changes', '--dir', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Changes since the final sign-off by Alex Morgan (fictional) (Practice supervisor) on 2026-09-14 (signoffs/0001-final.json)');
    expect(r.stdout).toContain('Nothing has changed');
    expect((await json(dir)).answers).toEqual([]);
  });

  it('a field changed and a field written after the sign-off: named in the programme’s words, with the words added and removed', async () => {
    const dir = demoCopy('signed');
    edit(dir, 'module-2/week-5.md', 'D. rarely talks directly about', 'D. seldom speaks openly about');
    edit(dir, 'module-1/week-7.md', 'London: National Children\'s Bureau.\n', "London: National Children's Bureau.\n\nRead after the sign-off: a sobering account of drift.\n");
    const text = await run(['changes', '--dir', dir]);
    expect(text.stdout).toContain('2 answers changed');
    expect(text.stdout).toContain('Module 2, week 5, task 1 (a) How the child/young adult communicated: 3 words added, 3 removed  module-2/week-5.md:38');
    expect(text.stdout).toContain('D. [-rarely talks directly-]{+seldom speaks openly+} about');
    expect(text.stdout).toMatch(/Module 1, week 7, task 2 \(a\) All Party Parliamentary Group for Children \(2017\) No Good Options: 9 words added, 0 removed/);
    const j = await json(dir);
    expect(j.since).toMatchObject({ kind: 'signoff', file: 'signoffs/0001-final.json' });
    expect(j.since.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(j.answers.map((a) => [a.file, a.key, a.words_added, a.words_removed])).toEqual([
      ['module-1/week-7.md', '2a', 9, 0],
      ['module-2/week-5.md', '1a', 3, 3],
    ]);
    const red = j.answers[1]!.redline;
    expect(red.filter((r) => r.op === '-').map((r) => r.text.trim())).toEqual(['rarely talks directly']);
    expect(red.filter((r) => r.op === '+').map((r) => r.text.trim())).toEqual(['seldom speaks openly']);
  });

  it('a file renamed and a file removed: every answer in them named as removed, the new name as an added file', async () => {
    const dir = demoCopy('signed');
    git(dir, 'mv', 'module-2/week-5.md', 'module-2/week-5-old.md');
    rmSync(join(dir, 'items/case-review.md'));
    const j = await json(dir);
    expect(j.files.added).toEqual(['module-2/week-5-old.md']);
    const removed = j.answers.filter((a) => a.file === 'module-2/week-5.md');
    expect(removed.length).toBeGreaterThanOrEqual(4);
    for (const a of removed) {
      expect(a.words_added).toBe(0);
      expect(a.words_removed).toBeGreaterThan(0);
      expect(a.redline.every((r) => r.op === '-')).toBe(true);
    }
    expect(j.answers.some((a) => a.file === 'items/case-review.md' && a.words_removed > 50)).toBe(true);
    const text = (await run(['changes', '--dir', dir])).stdout;
    expect(text).toContain('Other files\n  added: module-2/week-5-old.md');
  });

  it('--since a commit, and --format html: one page with the redline, nothing from outside it', async () => {
    const dir = demoCopy('signed');
    const before = git(dir, 'rev-parse', 'HEAD').trim();
    edit(dir, 'module-2/week-5.md', 'D. rarely talks directly about', 'D. seldom speaks openly about');
    expect((await json(dir, '--since', before)).since).toEqual({ kind: 'commit', commit: before });
    const html = await run(['changes', '--dir', dir, '--format', 'html']);
    const errors: string[] = [];
    parse(html.stdout, { onParseError: (e) => errors.push(e.code) });
    expect(errors).toEqual([]);
    expect(html.stdout).toContain('<del>rarely talks directly</del>');
    expect(html.stdout).toContain('<ins>seldom speaks openly</ins>');
    expect(html.stdout).not.toMatch(/https?:|<link|<script|<img/);
  });

  it('the exit code says whether anything changed (0 nothing, 1 something), in every format and since a commit', async () => {
    const dir = demoCopy('signed');
    const head = git(dir, 'rev-parse', 'HEAD').trim();
    for (const format of ['text', 'json', 'html']) {
      expect((await run(['changes', '--dir', dir, '--format', format])).code, format).toBe(0);
      expect((await run(['changes', '--dir', dir, '--format', format, '--since', head])).code, format).toBe(0);
    }
    edit(dir, 'module-2/week-5.md', 'D. rarely talks directly about', 'D. seldom speaks openly about');
    for (const format of ['text', 'json', 'html']) {
      expect((await run(['changes', '--dir', dir, '--format', format])).code, format).toBe(1);
      expect((await run(['changes', '--dir', dir, '--format', format, '--since', head])).code, format).toBe(1);
    }
  });

  it('without git: the files that changed, and why what changed in them cannot be shown', async () => {
    const dir = demoCopy('signed');
    rmSync(join(dir, '.git'), { recursive: true, force: true });
    edit(dir, 'module-2/week-5.md', 'D. rarely talks', 'D. seldom talks');
    const j = await json(dir);
    expect(j.unknown).toEqual(['module-2/week-5.md']);
    expect(j.limits).toContain('this portfolio is not a git repository');
    const text = (await run(['changes', '--dir', dir])).stdout;
    expect(text).toContain('Changed, but what changed cannot be shown');
    expect(text).toContain('! module-2/week-5.md');
  });

  it('without git: the record\'s digests of the answers name each answer changed, added or removed, and verify names them too', async () => {
    const dir = demoCopy('signed');
    rmSync(join(dir, '.git'), { recursive: true, force: true });
    edit(dir, 'module-2/week-5.md', 'D. rarely talks', 'D. seldom talks');
    edit(dir, 'module-1/week-7.md', 'London: National Children\'s Bureau.\n', "London: National Children's Bureau.\n\nRead after the sign-off: a sobering account of drift.\n");
    rmSync(join(dir, 'items/case-review.md'));
    const j = (await json(dir)) as Json & { unseen: { file: string; key: string; name: string; line?: number }[] };
    expect(j.limits).toContain('the record proves which answers changed (by their digests)');
    expect(j.unknown.sort()).toEqual(['items/case-review.md', 'module-1/week-7.md', 'module-2/week-5.md']);
    const named = j.unseen.map((a) => `${a.file}#${a.key}`);
    expect(named).toContain('module-2/week-5.md#1a');
    expect(named).toContain('module-1/week-7.md#2a');
    // Every other answer of those two weeks is as signed: only the ones edited are named.
    expect(named.filter((n) => n.startsWith('module-2/week-5.md') || n.startsWith('module-1/week-7.md'))).toHaveLength(2);
    expect(j.unseen.find((a) => a.key === '1a')).toMatchObject({ name: 'Module 2, week 5, task 1 (a) How the child/young adult communicated', line: 38 });
    // A removed file: each of its answers with words in it was removed.
    expect(j.unseen.filter((a) => a.file === 'items/case-review.md').length).toBeGreaterThan(3);
    const text = (await run(['changes', '--dir', dir])).stdout;
    expect(text).toContain('      Module 2, week 5, task 1 (a) How the child/young adult communicated  line 38');

    const v = await run(['verify', dir, '--format', 'json']);
    const report = JSON.parse(v.stdout).portfolios[0];
    expect(report.signoff.status).toBe('changed');
    expect(report.signoff.changed_answers.map((a: { file: string; key: string }) => `${a.file}#${a.key}`)).toEqual(expect.arrayContaining(['module-2/week-5.md#1a', 'module-1/week-7.md#2a']));
    const problem = report.problems.find((p: { code: string }) => p.code === 'signoff-changed');
    expect(problem.message).toContain('the answers changed: ');
    expect(problem.message).toContain('Module 2, week 5, task 1 (a) How the child/young adult communicated');
    expect(problem.fix).toContain('run permanence changes');
  });

  it('no sign-off yet, or a --since that names nothing: exit 2, saying what to do', async () => {
    const dir = demoCopy('unsigned');
    const none = await run(['changes', '--dir', dir]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('There is no sign-off yet');
    expect(none.stderr).toContain('permanence changes --since <commit>');
    const bad = await run(['changes', '--dir', dir, '--since', 'no-such-thing']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--since no-such-thing: neither a sign-off of this portfolio');
  });
});
