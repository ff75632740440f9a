import { describe, expect, it, beforeAll } from 'vitest';
import { join } from 'node:path';
import { clean, fixtureCopy, ROOT, tmp } from '../helpers.js';
import { run } from '../run.js';
import { validators } from '../../src/programme/validators.js';

let empty: string;
let half: string;

beforeAll(() => {
  empty = fixtureCopy('fresh');
  half = fixtureCopy('half');
});

describe('permanence status', () => {
  it('on an empty portfolio: nothing done, the calendar week, and the first step', async () => {
    const r = await run(['status', '--dir', empty]);
    expect(r.code).toBe(0);
    const out = clean(r.stdout);
    expect(out).toContain('A. Practitioner · North 2026 · supervisor J. Manager');
    expect(out).toContain('Programme week 11 of 28 (module 2, week 4) by the calendar: permanence week 2.4');
    expect(out).toMatch(/Module 1 .* ○ ○ ○ ○ ○ ○ ○ {2}0\/\d+ tasks/);
    expect(out).toContain('Requirements 0 of 25 met · KSS-AP 0 of 36 statements have evidence');
    expect(out).toContain('Next: Rate your baseline confidence against the KSS-AP (36 statements):\n      permanence selfassess --stage baseline');
    expect(out).not.toMatch(/\x1b\[/);
  });

  it('on a half-filled portfolio: weeks done and started, requirements met, coverage', async () => {
    const r = await run(['status', '--all'], { cwd: join(half, 'module-1') });
    expect(r.code).toBe(0);
    const out = clean(r.stdout);
    // week 1.1 waits on task 6: the baseline self-assessment is only started
    expect(out).toMatch(/Module 1 .* ◐ ✓ ✓ ◐ ○ ○ ○/);
    expect(out).toContain('✓ Learning agreement and study plan');
    expect(out).toContain('✗ Baseline self-assessment against the KSS-AP');
    expect(out).toMatch(/KSS-AP coverage {2}[1-9]\d* of 36/);
    expect(out).toContain('KSS-AP coverage');
    // the baseline is started, not finished: it stays the next step
    expect(out).toContain('Next: Carry on with your baseline self-assessment (2 of 36 rated):\n      permanence selfassess --stage baseline');
  });

  it('--json gives the assessment, valid against schemas/assessment.schema.json', async () => {
    const r = await run(['status', '--json', '--dir', half]);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout);
    const validate = validators().assessment!;
    expect(validate(a), JSON.stringify(validate.errors)).toBe(true);
    expect(a.modules[0].weeks.slice(0, 3).map((w: { state: string }) => w.state)).toEqual(['partial', 'answered', 'answered']);
    const agreement = a.requirements.find((x: { id: string }) => x.id === 'learning-agreement');
    expect(agreement).toEqual({ id: 'learning-agreement', title: 'Learning agreement and study plan', met: true, reasons: [] });
    const baseline = a.items.find((x: { id: string }) => x.id === 'selfassessment-baseline');
    expect(baseline.answered).toBe(2);
    expect(baseline.total).toBe(36);
    const st = a.statements.find((s: { id: string }) => s.id === 'AP2.1');
    expect(st.evidence).toContain('1.2');
    expect(st.covered).toBe(true);
  });

  it('outside a portfolio: exit 2 and what to do', async () => {
    const r = await run(['status'], { cwd: tmp() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('No portfolio here');
    expect(r.stderr).toContain('permanence init');
  });

  it('colour only on a terminal: never with NO_COLOR, never when piped', async () => {
    const r = await run(['status', '--dir', empty], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('a broken entry is named with its line, and status still reports the rest', async () => {
    const { writeFileSync, readFileSync } = await import('node:fs');
    const file = join(half, 'module-1', 'week-5.md');
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, before.replace('week: 5', 'week: [5'));
    try {
      const r = await run(['status', '--dir', half]);
      expect(r.code).toBe(0);
      // YAML notices an unclosed [ where the next key starts
      expect(clean(r.stdout)).toMatch(/error module-1\/week-5\.md:[45]: the header between the "---" lines cannot be read: Flow sequence/);
      expect(clean(r.stdout)).toMatch(/Next: Fix module-1\/week-5\.md:[45]/);
    } finally {
      writeFileSync(file, before);
    }
  });
  it('unreviewed identifying details: how many, near the top, and the command that lists them; none, no line', async () => {
    const { writeFileSync, readFileSync } = await import('node:fs');
    const dir = fixtureCopy('fresh');
    const quiet = clean((await run(['status', '--dir', dir])).stdout);
    expect(quiet).not.toContain('identifying');
    writeFileSync(join(dir, 'private/names.txt'), 'Kayden\n');
    const file = join(dir, 'module-1', 'week-2.md');
    const text = readFileSync(file, 'utf8');
    const heading = '### b) My response to vignette 2 (Jamie)';
    expect(text).toContain(heading);
    writeFileSync(file, text.replace(heading, `Kayden taught me patience.\n\nHis date of birth is 03/04/2012. <!-- reviewed -->\n\n${heading}`));
    const r = await run(['status', '--dir', dir]);
    expect(r.code).toBe(0);
    const lines = clean(r.stdout).split('\n');
    const at = lines.findIndex((l) => l.includes('identifying'));
    expect(lines[at]).toBe(`⚠ 1 identifying detail not reviewed: permanence verify --dir ${dir.includes(' ') ? `"${dir}"` : dir} lists it`);
    expect(at).toBeLessThan(4);
    writeFileSync(file, text.replace(heading, `Kayden taught me patience.\n\nHis date of birth is 03/04/2012.\n\n${heading}`));
    const inside = clean((await run(['status'], { cwd: join(dir, 'module-1') })).stdout);
    expect(inside).toContain('⚠ 2 identifying details not reviewed: permanence verify lists them');
    // the JSON stays the assessment, as its schema allows: the details are verify's to list
    const json = JSON.parse((await run(['status', '--json', '--dir', dir])).stdout);
    const validate = validators().assessment!;
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
  });
});
