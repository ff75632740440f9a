import { describe, expect, it, beforeAll, inject } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clean, copyDir, hasTool, tmp } from '../helpers.js';
import { run } from '../run.js';
import { validators } from '../../src/programme/validators.js';
import { loadProgramme } from '../../src/programme/load.js';
import { entrySpecs } from '../../src/portfolio/layout.js';
import { renderEntry } from '../../src/portfolio/template.js';
import { parseEntry } from '../../src/portfolio/entry.js';
import { setAnswer } from '../../src/portfolio/write.js';

let demo: string;
const hasSshKeygen = hasTool('ssh-keygen', 'the test of sign-offs signed with an SSH key');

beforeAll(() => {
  // The demo before its sign-off and render (tests/setup.ts): copied before a test writes.
  demo = inject('demoUnsigned');
});

type Report = {
  complete: boolean;
  requirements: { id: string; met: boolean; reasons: string[] }[];
  statements: { id: string; weeks: string[]; evidence: string[]; covered: boolean }[];
  problems: { file: string; line: number; severity: string; code: string; message: string }[];
  signoff: { status: string; changed_files: string[]; records: { signer: string | null; status: string; reasons: string[] }[] };
};

/** verify in all three formats; the JSON validated against its schema. */
async function verifyAll(dir: string, extra: string[] = []) {
  const text = await run(['verify', dir, ...extra]);
  const json = await run(['verify', dir, '--format', 'json', ...extra]);
  const junit = await run(['verify', dir, '--format', 'junit', ...extra]);
  const parsed = JSON.parse(json.stdout);
  const validate = validators().verifyReport!;
  expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
  expect(text.code).toBe(json.code);
  expect(junit.code).toBe(json.code);
  expect(junit.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
  return { code: json.code, text: clean(text.stdout), report: parsed.portfolios[0] as Report, junit: junit.stdout };
}

function edit(dir: string, file: string, fn: (t: string) => string) {
  writeFileSync(join(dir, file), fn(readFileSync(join(dir, file), 'utf8')));
}

/** Replaces the answer under a field heading (up to the next heading) with new text. */
function answer(dir: string, file: string, heading: RegExp, text: string) {
  edit(dir, file, (t) => {
    const m = heading.exec(t);
    if (!m) throw new Error(`no heading ${heading} in ${file}`);
    const start = t.indexOf('\n', m.index) + 1;
    const next = t.slice(start).search(/^#{2,3} /m);
    const end = next === -1 ? t.length : start + next;
    const head = t.slice(start, end).match(/^(\s*(>.*\n|\s*\n)*)/)![0];
    return `${t.slice(0, start)}${head}\n${text}\n\n${t.slice(end)}`;
  });
}

describe('permanence verify', () => {
  it('the demo portfolio is complete: exit 0 in text, JSON and JUnit', async () => {
    const v = await verifyAll(demo);
    expect(v.code).toBe(0);
    expect(v.text).toContain('COMPLETE');
    expect(v.text).toContain('25/25 requirements, 36/36 KSS-AP statements with evidence, 0 errors');
    expect(v.report.complete).toBe(true);
    expect(v.report.requirements.every((r) => r.met)).toBe(true);
    expect(v.report.statements.every((s) => s.covered && s.evidence.length > 0)).toBe(true);
    expect(v.report.signoff.status).toBe('none');
    expect(v.junit).toMatch(/<testsuites name="permanence verify">\n {2}<testsuite name="Sam Rivers \(fictional example\)" package="[^"]*" tests="\d+" failures="0" errors="0">/);
  });

  it('a requirement missing', async () => {
    const dir = copyDir(demo);
    answer(dir, 'items/learning-goals.md', /^## a\) /m, '');
    const v = await verifyAll(dir);
    expect(v.code).toBe(1);
    expect(v.text).toContain('NOT COMPLETE');
    expect(v.text).toMatch(/✗ Learning goals \(Part A\)\n\s+Part A: learning goals for the programme \(items\/learning-goals\.md:\d+\): 1 of 2 parts answered/);
    expect(v.report.requirements.find((r) => r.id === 'learning-goals')!.met).toBe(false);
    expect(v.junit).toMatch(/<testcase name="learning-goals: Learning goals \(Part A\)" classname="requirements">\n\s+<failure/);
  });

  it('a reflective study over its word limit', async () => {
    const dir = copyDir(demo);
    answer(dir, 'module-1/week-5.md', /^### a\) .*reflective study/im, Array.from({ length: 612 }, (_, i) => `word${i}`).join(' '));
    const v = await verifyAll(dir);
    expect(v.code).toBe(1);
    const reason = /Module 1 week 5, task 3 \(module-1\/week-5\.md:\d+\): 612 words, maximum 500/;
    expect(v.text).toMatch(reason);
    expect(v.report.requirements.find((r) => r.id === 'reflective-study-1.5')!.reasons).toEqual([
      expect.objectContaining({ kind: 'over-limit', ref: '1.5.3', file: 'module-1/week-5.md', field: 'a', words: 612, limit: 500 }),
    ]);
    expect(v.junit).toContain('612 words, maximum 500');
  });

  it('a week left as its blank template makes it incomplete, naming the file and the first unanswered line', async () => {
    // Each of the 28 weeks in turn: tests/assess/assess.test.ts.
    const cat = loadProgramme();
    const dir = copyDir(demo);
    const file = 'module-3/week-6.md';
    writeFileSync(join(dir, file), renderEntry(entrySpecs(cat).find((s) => s.file === file)!, cat));
    const v = await verifyAll(dir);
    expect(v.code).toBe(1);
    const every = (v.report.requirements as unknown as { id: string; met: boolean; reasons: { file: string; line?: number }[] }[]).find((q) => q.id === 'workbook-tasks')!;
    expect(every.met).toBe(false);
    expect(every.reasons[0]).toMatchObject({ file, line: expect.any(Number) });
    expect(v.text).toMatch(/✗ Every week's workbook tasks\n\s+Module 3 week 6, task 1 \(module-3\/week-6\.md:\d+\): not answered/);
  });

  it('the workshops’ attendance is a requirement: not recorded, not complete', async () => {
    const dir = copyDir(demo);
    answer(dir, 'module-3/week-4.md', /^### a\) The date you attended/m, '');
    const v = await verifyAll(dir);
    expect(v.code).toBe(1);
    expect(v.report.requirements.find((r) => r.id === 'workshop-attendance')).toMatchObject({ met: false });
    expect(v.text).toMatch(/✗ Attendance at the four workshops\n\s+Module 3 week 4, task 5 \(module-3\/week-4\.md:\d+\): not answered/);
  });

  it('"." or an invisible character in every answer is no answer: not complete, and the final sign-off is refused', async () => {
    const cat = loadProgramme();
    for (const filler of ['.', '\u200b', '<!--']) {
      const dir = copyDir(demo);
      for (const spec of entrySpecs(cat)) {
        const path = join(dir, spec.file);
        let entry = parseEntry(readFileSync(path, 'utf8'), spec, cat);
        for (const key of [...entry.slots.keys()]) entry = parseEntry(setAnswer(entry, key, filler), spec, cat);
        writeFileSync(path, (entry.bom ? '\ufeff' : '') + entry.text);
      }
      const v = await verifyAll(dir);
      expect(v.code, JSON.stringify(filler)).toBe(1);
      expect(v.report.complete).toBe(false);
      expect(v.text).toContain('NOT COMPLETE');
      const s = await run(['signoff', '--dir', dir, '--name', 'Alex Morgan', '--role', 'Practice supervisor']);
      expect(s.code).toBe(1);
      expect(s.stderr).toContain('Final sign-off refused');
    }
  });

  it('the prompt or the vignette copied into an answer is no answer: named with its file and line', async () => {
    const cat = loadProgramme();
    const week = cat.programme.modules[0]!.weeks[1]!;
    const prompt = week.tasks.find((t) => t.number === 5)!.fields[0]!.prompt!;
    const vignette = week.tasks.find((t) => t.number === 2)!.fields[0]!.context!.text;
    const dir = copyDir(demo);
    answer(dir, 'module-1/week-2.md', /^### a\) .*reflective study/im, prompt.replace(/\.\s*$/, ''));
    answer(dir, 'module-1/week-2.md', /^### a\) My response to vignette 1/m, vignette);
    const v = await verifyAll(dir);
    expect(v.code).toBe(1);
    expect(v.text).toMatch(/Module 1 week 2, task 5 \(module-1\/week-2\.md:\d+\): not answered/);
    expect(v.text).toMatch(/Module 1 week 2, task 2 \(module-1\/week-2\.md:\d+\): not yet answered: My response to vignette 1/);
  });

  it('900 words joined with &#32; (or slashes, or <br>) are 900 words: over the limit of 500', async () => {
    for (const joiner of ['&#32;', '/', '<br>']) {
      const dir = copyDir(demo);
      answer(dir, 'module-1/week-5.md', /^### a\) .*reflective study/im, Array.from({ length: 900 }, (_, i) => `word${i}`).join(joiner));
      const v = await verifyAll(dir);
      expect(v.code, joiner).toBe(1);
      expect(v.text).toMatch(/Module 1 week 5, task 3 \(module-1\/week-5\.md:\d+\): 900 words, maximum 500/);
    }
  });

  it('a KSS-AP statement left without evidence', async () => {
    const dir = copyDir(demo);
    // AP1.3 is evidenced only by weeks 3.4 and 3.5: leave one task of each unanswered.
    answer(dir, 'module-3/week-4.md', /^### a\) /m, '');
    answer(dir, 'module-3/week-5.md', /^### a\) /m, '');
    const v = await verifyAll(dir);
    expect(v.code).toBe(1);
    const st = v.report.statements.find((s) => s.id === 'AP1.3')!;
    expect(st).toMatchObject({ weeks: ['3.4', '3.5'], evidence: [], covered: false });
    expect(v.text).toMatch(/✗ AP1\.3 Produce high quality case records.*\n\s+linked weeks 3\.4, 3\.5: none has all its tasks answered/);
    expect(v.junit).toMatch(/<testcase name="AP1\.3: [^"]*" classname="kss-ap">\n\s+<failure/);
  });

  it('ratings written by hand: "4/5", "**4**" and "four" count; "3.5" and "7" are errors at their line', async () => {
    const dir = copyDir(demo);
    const file = 'items/self-assessment-baseline.md';
    const set = (id: string, value: string) => edit(dir, file, (t) => t.replace(new RegExp(`(### ${id.replace('.', '\\.')} [\\s\\S]*?Confidence \\(1-5\\):)[^\\n]*`), `$1 ${value}`));
    set('AP1.1', '4/5');
    set('AP1.2', '**4**');
    set('AP1.3', 'four');
    expect((await verifyAll(dir)).code).toBe(0);
    set('AP1.4', '3.5');
    set('AP1.5', '7');
    const v = await verifyAll(dir);
    expect(v.code).toBe(1);
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    const at = (text: string) => lines.findIndex((l) => l === `Confidence (1-5): ${text}`) + 1;
    expect(v.report.problems.filter((p) => p.code === 'rating')).toEqual([
      expect.objectContaining({ file, line: at('3.5'), severity: 'error', message: 'the rating for AP1.4 is "3.5"; a rating is a whole number from 1 to 5' }),
      expect.objectContaining({ file, line: at('7'), severity: 'error', message: 'the rating for AP1.5 is "7"; a rating is a whole number from 1 to 5' }),
    ]);
    expect(v.text).toContain(`${file}:${at('7')}: the rating for AP1.5 is "7"`);
  });

  it('a schema error in a file, with its line', async () => {
    const dir = copyDir(demo);
    edit(dir, 'module-2/week-3.md', (t) => t.replace('permanence: week', 'permanence: weak'));
    const v = await verifyAll(dir);
    expect(v.code).toBe(1);
    const p = v.report.problems.find((x) => x.file === 'module-2/week-3.md')!;
    expect(p).toMatchObject({ line: 2, severity: 'error', code: 'front-matter' });
    expect(v.text).toContain('module-2/week-3.md:2: in the header, permanence: must be one of "week", "item"');
    expect(v.junit).toContain('module-2/week-3.md:2');
  });

  it('an identifying detail is reported with file and line, and a reviewed line is not', async () => {
    const dir = copyDir(demo);
    edit(dir, 'module-2/week-1.md', (t) => `${t}\nWe met at the family centre near SW1A 1AA.\nThe council switchboard is 020 7946 0958. <!-- reviewed -->\n`);
    const v = await verifyAll(dir);
    const lines = readFileSync(join(dir, 'module-2/week-1.md'), 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('SW1A')) + 1;
    const p = v.report.problems.filter((x) => x.code === 'identifying-detail');
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ file: 'module-2/week-1.md', line, severity: 'warning' });
    expect(v.text).toContain(`module-2/week-1.md:${line}: column`);
    expect(v.text).toContain('SW1A 1AA');
    expect(v.junit).toMatch(/<testcase name="identifying details: none unreviewed \(1 marked reviewed\)" classname="privacy">\n\s+<failure/);
    // The reviewed one is counted in every format.
    expect(v.text).toContain('Identifying details: 1 to review (warnings below); 1 marked reviewed');
    expect((v.report as unknown as { identifying: { reviewed: number } }).identifying.reviewed).toBe(1);
    // a warning for verify: still complete
    expect(v.code).toBe(0);
  });

  it('a name from private/names.txt is found', async () => {
    const dir = copyDir(demo);
    mkdirSync(join(dir, 'private'), { recursive: true });
    writeFileSync(join(dir, 'private/names.txt'), '# real names\nTalullah\n');
    edit(dir, 'items/case-review.md', (t) => `${t}\nTalullah's view of contact changed over the year.\n`);
    const v = await verifyAll(dir);
    expect(v.report.problems.some((p) => p.code === 'identifying-detail' && p.file === 'items/case-review.md')).toBe(true);
  });

  it('a sign-off followed by an edit is reported as changed, naming the file', async () => {
    const dir = copyDir(demo);
    const s = await run(['signoff', '--dir', dir, '--name', 'Alex Morgan', '--role', 'Practice supervisor', '--date', '2026-09-15', '--attendance-confirmed']);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).toContain('signoffs/0001-final.json');
    expect(execFileSync('git', ['log', '--oneline', '-1'], { cwd: dir, encoding: 'utf8' })).toContain("Supervisor's final sign-off: Alex Morgan");
    const ok = await verifyAll(dir);
    expect(ok.code).toBe(0);
    expect(ok.report.signoff.status).toBe('valid');
    edit(dir, 'module-1/week-3.md', (t) => `${t}\nAn afterthought.\n`);
    const v = await verifyAll(dir);
    expect(v.code).toBe(1);
    expect(v.report.signoff).toMatchObject({ status: 'changed', changed_files: ['module-1/week-3.md'] });
    expect(v.text).toContain('the portfolio has changed since Alex Morgan signed it off on 2026-09-15: changed since the sign-off: module-1/week-3.md');
    expect(v.junit).toMatch(/<testcase name="sign-off: changed" classname="signoff">\n\s+<failure/);
  });

  it('the final sign-off is refused while the portfolio is incomplete, with the reasons', async () => {
    const dir = copyDir(demo);
    answer(dir, 'items/cpd-plan.md', /^## b\) /m, '');
    const s = await run(['signoff', '--dir', dir, '--name', 'Alex Morgan', '--role', 'Practice supervisor']);
    expect(s.code).toBe(1);
    expect(s.stderr).toContain('Final sign-off refused');
    expect(s.stderr).toContain('Review of learning, CPD plan and reflection on achievements');
    execFileSync('git', ['commit', '-qam', 'CPD plan in progress'], { cwd: dir });
    const m = await run(['signoff', '--dir', dir, '--name', 'Alex Morgan', '--role', 'Practice supervisor', '--module', '1']);
    expect(m.code).toBe(0);
    expect(m.stdout).toContain('interim sign-off of module 1');
  });

  it.skipIf(!hasSshKeygen)('signs with an SSH key; verifies against allowed signers; a forged or edited record fails', async () => {
    const dir = copyDir(demo);
    const keys = tmp();
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'supervisor', '-f', join(keys, 'id')]);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'forger', '-f', join(keys, 'other')]);
    const pub = readFileSync(join(keys, 'id.pub'), 'utf8').trim().split(' ');
    const allowed = join(keys, 'allowed_signers');
    writeFileSync(allowed, `alex.morgan@agency.example namespaces="permanence-signoff" ${pub[0]} ${pub[1]}\n`);
    const s = await run(['signoff', '--dir', dir, '--name', 'Alex Morgan', '--role', 'Practice supervisor', '--attendance-confirmed', '--key', join(keys, 'id')]);
    expect(s.code, s.stderr).toBe(0);
    const good = await verifyAll(dir, ['--allowed-signers', allowed]);
    expect(good.code).toBe(0);
    expect(good.report.signoff.records[0]).toMatchObject({ status: 'valid', signer: 'alex.morgan@agency.example' });
    expect(good.text).toContain('signed by alex.morgan@agency.example');

    // An edited record: its signature no longer verifies.
    const edited = copyDir(dir);
    edit(edited, 'signoffs/0001-final.json', (t) => t.replace('"name": "Alex Morgan"', '"name": "Someone Else"'));
    const e = await verifyAll(edited, ['--allowed-signers', allowed]);
    expect(e.code).toBe(1);
    expect(e.report.signoff.status).toBe('invalid');

    // A record signed by a key that is not allowed.
    const forged = copyDir(dir);
    rmSync(join(forged, 'signoffs/0001-final.json.sig'));
    execFileSync('ssh-keygen', ['-Y', 'sign', '-q', '-f', join(keys, 'other'), '-n', 'permanence-signoff', join(forged, 'signoffs/0001-final.json')]);
    const f = await verifyAll(forged, ['--allowed-signers', allowed]);
    expect(f.code).toBe(1);
    expect(f.report.signoff.records[0]!.reasons.join(' ')).toContain('not in the allowed signers');
  });

  it('a cohort: one row per participant, a broken portfolio reported and the rest verified', async () => {
    const cohort = tmp();
    cpSync(demo, join(cohort, 'alice'), { recursive: true });
    cpSync(demo, join(cohort, 'bob'), { recursive: true });
    edit(join(cohort, 'bob'), 'portfolio.yaml', (t) => t.replace(/^participant: .*$/m, 'participant: Bob (fictional)'));
    answer(join(cohort, 'bob'), 'items/learning-goals.md', /^## a\) /m, '');
    cpSync(demo, join(cohort, 'carol'), { recursive: true });
    writeFileSync(join(cohort, 'carol', 'portfolio.yaml'), Buffer.from([0, 1, 2, 0xff, 0xfe]));
    const r = await run(['verify', cohort]);
    expect(r.code).toBe(1);
    const out = clean(r.stdout);
    expect(out).toContain('Cohort: 3 portfolios, 1 complete, 2 not complete');
    expect(out).toMatch(/✓ complete {2}.*alice {2}Sam Rivers \(fictional example\)/);
    expect(out).toMatch(/✗ incomplete {2}.*bob {4}Bob \(fictional\)/);
    expect(out).toMatch(/✗ incomplete {2}.*carol {2}\(unreadable\)/);
    expect(out).toContain('portfolio.yaml:1: is not a text file (it holds binary data)');
    const json = JSON.parse((await run(['verify', join(cohort, 'alice'), join(cohort, 'bob'), '--format', 'json'])).stdout);
    expect(json.summary).toEqual({ portfolios: 2, complete: 1 });
  });
});
