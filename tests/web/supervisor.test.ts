// The supervisor's tab shows the same redline as permanence changes: answer by
// answer, the words removed and added since the last sign-off.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCopy } from '../helpers.js';
import { run } from '../run.js';
import { session, type Session } from './web.js';

let s: Session;
beforeAll(async () => {
  s = await session(demoCopy('signed'), { supervisor: true });
});
afterAll(() => s.server.close());

describe("the supervisor's tab", () => {
  it('says nothing changed while nothing has', async () => {
    const page = (await s.get('/supervisor')).body;
    expect(page).toContain('Changes since the last sign-off');
    expect(page).toContain('no answer changed');
    expect(page).not.toContain('<del>');
  });

  it('after an edit: the same answers and the same words as permanence changes, linked to the answer', async () => {
    const file = join(s.root, 'module-2/week-5.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('D. rarely talks directly about', 'D. seldom speaks openly about'));
    const page = (await s.get('/supervisor')).body;
    const report = JSON.parse((await run(['changes', '--dir', s.root, '--format', 'json'])).stdout) as { answers: { name: string; redline: { op: string; text: string }[] }[] };
    expect(report.answers).toHaveLength(1);
    expect(page).toContain('1 answer changed');
    const a = report.answers[0]!;
    expect(page).toContain(a.name.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
    for (const run_ of a.redline.filter((x) => x.op !== '=')) expect(page).toContain(`<${run_.op === '+' ? 'ins' : 'del'}>${run_.text}</${run_.op === '+' ? 'ins' : 'del'}>`);
    expect(page).toContain('<del>rarely talks directly</del>');
    expect(page).toContain('<ins>seldom speaks openly</ins>');
    expect(page).toMatch(/<h3><a href="\/week\/2\.5[^"]*">/);
  });
});
