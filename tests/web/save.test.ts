// Saving from a page: one answer's span, atomically, and never over a change
// made in the file since the page read it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProgramme } from '../../src/programme/load.js';
import { readPortfolio } from '../../src/portfolio/portfolio.js';
import { assess } from '../../src/assess/assess.js';
import { fixtureCopy } from '../helpers.js';
import { session, type Session } from './web.js';

let s: Session;
beforeAll(async () => {
  s = await session(fixtureCopy('fresh'));
});
afterAll(() => s.server.close());

const file = () => join(s.root, 'module-1/week-2.md');
const save = async (key: string, value: unknown, base = '', op = 'text', entry = '1.2') => {
  const r = await s.post('/api/save', { entry, key, op, value, ...(op === 'text' ? { base } : {}) });
  return { status: r.status, ...(JSON.parse(r.body) as { state: string; theirs?: string; fields: Record<string, { raw: string; words: number; answered: boolean }>; error?: string }) };
};

describe('a save', () => {
  it('changes that answer and nothing else in the file', async () => {
    const before = readFileSync(file(), 'utf8');
    const r = await save('3a', 'First thoughts on the vignettes.');
    expect(r.state).toBe('saved');
    const after = readFileSync(file(), 'utf8');
    expect(after).toContain('First thoughts on the vignettes.');
    const at = after.indexOf('First thoughts');
    expect(after.slice(0, at)).toBe(before.slice(0, at));
    expect(r.fields['3a']).toMatchObject({ raw: 'First thoughts on the vignettes.', words: 5, answered: true });
  });

  it('counts as an answer for the assessment, as the command line would', async () => {
    const cat = loadProgramme();
    const a = assess(cat, readPortfolio(s.root, cat), { today: '2026-05-11' });
    const task = a.modules[0]!.weeks[1]!.tasks.find((t) => t.number === 3)!;
    expect(task.state).toBe('answered');
  });

  it('of the same words again changes nothing', async () => {
    const r = await save('3a', 'First thoughts on the vignettes.', 'First thoughts on the vignettes.');
    expect(r.state).toBe('unchanged');
  });

  it('keeps a change made in the file to another answer (a merge)', async () => {
    // The week's last answer, written at the end of the file as an editor would.
    writeFileSync(file(), `${readFileSync(file(), 'utf8').trimEnd()}\n\nWritten in an editor meanwhile.\n`);
    const r = await save('3a', 'First thoughts, and second ones.', 'First thoughts on the vignettes.');
    expect(r.state).toBe('saved');
    const text = readFileSync(file(), 'utf8');
    expect(text).toContain('First thoughts, and second ones.');
    expect(text).toContain('Written in an editor meanwhile.');
    expect(r.fields['7a']!.raw).toBe('Written in an editor meanwhile.');
  });

  it('of an answer changed in the file since the page read it writes nothing and returns both', async () => {
    writeFileSync(file(), readFileSync(file(), 'utf8').replace('First thoughts, and second ones.', 'Changed by permanence week.'));
    const before = readFileSync(file(), 'utf8');
    const r = await save('3a', 'Typed on the page.', 'First thoughts, and second ones.');
    expect(r.status).toBe(409);
    expect(r.state).toBe('conflict');
    expect(r.theirs).toBe('Changed by permanence week.');
    expect(readFileSync(file(), 'utf8')).toBe(before);
    // Keeping mine: the page sends it again against the version it has now seen.
    const again = await save('3a', 'Typed on the page.', r.theirs);
    expect(again.state).toBe('saved');
    expect(readFileSync(file(), 'utf8')).toContain('Typed on the page.');
  });

  it("keeps the file's own line endings", async () => {
    writeFileSync(file(), readFileSync(file(), 'utf8').replace(/\r?\n/g, '\r\n'));
    await save('4a', 'Line one\nLine two');
    const text = readFileSync(file(), 'utf8');
    expect(text).toContain('Line one\r\nLine two');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it('cannot change the structure of the file: a heading typed in an answer is escaped', async () => {
    await save('6a', '## Task 7: not a task\n### a) not a field');
    const cat = loadProgramme();
    const p = readPortfolio(s.root, cat);
    expect(p.entries.get('module-1/week-2.md')!.slots.get('7a')!.raw.trim()).toBe('Written in an editor meanwhile.');
  });

  it('ticks a box, and rates a statement', async () => {
    expect((await save('1a', true, '', 'check')).state).toBe('saved');
    expect(readFileSync(file(), 'utf8')).toMatch(/- \[x\] I have read the six vignettes/);
    expect((await save('1a', false, '', 'check')).state).toBe('saved');
    expect(readFileSync(file(), 'utf8')).toMatch(/- \[ \] I have read the six vignettes/);
    const r = await save('AP1.1', 4, '', 'rating', 'item:selfassessment-baseline');
    expect(r.state).toBe('saved');
    expect(readFileSync(join(s.root, 'items/self-assessment-baseline.md'), 'utf8')).toMatch(/Confidence \(1-5\): 4/);
  });

  it('ticks areas with their notes, keeping anything else written under the heading', async () => {
    const week1 = join(s.root, 'module-1/week-1.md');
    writeFileSync(week1, readFileSync(week1, 'utf8').replace('### b) Practice experience', 'A sentence of my own under the list.\n\n### b) Practice experience'));
    const r = await save('3a', { 'Attachment theory': 'a three-day course', 'Child development': '' }, '', 'areas', '1.1');
    expect(r.state).toBe('saved');
    const text = readFileSync(week1, 'utf8');
    expect(text).toMatch(/- \[x\] Attachment theory: a three-day course/);
    expect(text).toMatch(/- \[x\] Child development:\n/);
    expect(text).toMatch(/- \[ \] Neuroscience:/);
    expect(text).toContain('A sentence of my own under the list.');
    expect(r.fields['3a']!.answered).toBe(true);
    // An area's name cannot carry a line break or a colon into the checklist.
    expect((await save('3a', { 'x\n### a) y': '' }, '', 'areas', '1.1')).status).toBe(400);
    expect((await save('3a', { x: 'note\n## Task 9' }, '', 'areas', '1.1')).status).toBe(400);
  });

  it('refuses what a page never sends', async () => {
    expect((await save('9z', 'x')).status).toBe(400);
    expect((await save('1a', 'yes', '', 'check')).status).toBe(400);
    expect((await save('AP1.1', 9, '', 'rating', 'item:selfassessment-baseline')).status).toBe(400);
    expect((await s.post('/api/save', 'not json')).status).toBe(400);
  });

  it('of a file that is gone says so, and writes nothing', async () => {
    const r = await s.post('/api/save', { entry: '2.1', key: '1a', op: 'text', value: 'x', base: '' });
    expect(r.status).toBe(200);
    const gone = join(s.root, 'module-2/week-2.md');
    const { rmSync, existsSync } = await import('node:fs');
    rmSync(gone);
    const g = await s.post('/api/save', { entry: '2.2', key: '1a', op: 'text', value: 'x', base: '' });
    expect(g.status).toBe(409);
    expect(JSON.parse(g.body).error).toMatch(/module-2\/week-2\.md is missing/);
    expect(existsSync(gone)).toBe(false);
  });
});

describe('identifying details as they are typed', () => {
  it('are found in the text not yet saved, with what they look like', async () => {
    const r = await s.post('/api/scan', { entry: '1.2', value: 'Met the family at SW1A 1AA.\nCall 07700 900123.' });
    const { findings } = JSON.parse(r.body) as { findings: { line: number; kind: string; message: string }[] };
    expect(findings.map((f) => [f.line, f.kind])).toEqual([
      [1, 'postcode'],
      [2, 'phone'],
    ]);
    expect(findings[0]!.message).toMatch(/postcode/);
  });

  it('are not listed once the line is marked reviewed', async () => {
    const r = await s.post('/api/scan', { entry: '1.2', value: 'Met the family at SW1A 1AA. <!-- reviewed -->' });
    expect(JSON.parse(r.body).findings).toEqual([]);
  });
});
