// Home's "Save to history": every change in the portfolio committed, in the
// participant's name when the machine has no git identity, and then nothing
// left to save.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCopy } from '../helpers.js';
import { session, type Session } from './web.js';

let s: Session;
beforeAll(async () => {
  s = await session(demoCopy('unsigned'));
});
afterAll(() => s.server.close());

const git = (...args: string[]) => execFileSync('git', args, { cwd: s.root, encoding: 'utf8' });

describe('save to history', () => {
  it('lists what is not yet in the history, and commits it', async () => {
    const base = JSON.parse((await s.get('/api/entry?id=1.2')).body).fields['3a'].raw as string;
    expect((await s.post('/api/save', { entry: '1.2', key: '3a', op: 'text', value: `${base}\n\nOne more thought.`, base })).status).toBe(200);
    const home = (await s.get('/')).body;
    expect(home).toContain('<code>module-1/week-2.md</code>');
    expect(home).toContain('Save to history');
    const before = git('rev-list', '--count', 'HEAD').trim();
    const r = await s.post('/history', `csrf=${s.csrf}`, { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(r.status).toBe(303);
    expect(Number(git('rev-list', '--count', 'HEAD'))).toBe(Number(before) + 1);
    expect(git('log', '-1', '--format=%s')).toMatch(/^Portfolio: /);
    expect(git('show', '--stat', '--format=', 'HEAD')).toContain('module-1/week-2.md');
    expect(git('status', '--porcelain')).toBe('');
    expect((await s.get('/')).body).toContain("Everything is saved to the portfolio's history.");
  });

  it('is refused from another page', async () => {
    const r = await s.post('/history', `csrf=${s.csrf}`, { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://evil.example' });
    expect(r.status).toBe(403);
  });
});
