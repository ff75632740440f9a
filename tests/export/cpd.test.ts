import { describe, expect, it, beforeAll } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoCopy, tmp } from '../helpers.js';
import { run } from '../run.js';
import { findIdentifyingDetails } from '../../src/privacy/identifying.js';
import { registrationYear, peerRoles, type CpdDrafts } from '../../src/cpd/drafts.js';

const squash = (t: string) => t.replace(/\s+/g, ' ').trim();
/** The paragraphs a draft field took from the participant's file, without the shortening marker. */
const paragraphs = (t: string) => t.split(/\n\s*\n/).map(squash).filter((p) => p && !p.startsWith('[…shortened'));

async function drafts(dir: string, ...extra: string[]): Promise<CpdDrafts & { draft: boolean; submitted: boolean }> {
  const r = await run(['cpd', '--dir', dir, '--format', 'json', ...extra]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe('permanence cpd', () => {
  let demo: string;
  let out: Awaited<ReturnType<typeof drafts>>;
  beforeAll(async () => {
    demo = demoCopy('signed');
    out = await drafts(demo);
  });

  it('drafts at least two records for the registration year, one with a peer reflection, marked as drafts', () => {
    expect(out.draft).toBe(true);
    expect(out.submitted).toBe(false);
    expect(out.year).toEqual({ label: '2025-26', from: '2025-12-01', to: '2026-11-30' });
    expect(out.records.length).toBeGreaterThanOrEqual(2);
    expect(new Set(out.records.map((r) => r.type)).size).toBeGreaterThanOrEqual(2);
    const peer = out.records.filter((r) => r.peer_reflection);
    expect(peer.length).toBeGreaterThanOrEqual(1);
    const study = out.records.find((r) => r.id === 'study-1.5')!;
    expect(study.peer_reflection!.peer).toBe('my practice supervisor; my manager; colleagues in my team');
    expect(study.peer_reflection!.learnt).toContain('I discussed these with my supervisor and with two colleagues in a team reflective session.');
    const workshop = out.records.find((r) => r.id === 'workshop-1.4')!;
    expect(workshop.date).toBe('2026-03-26');
    expect(workshop.date_source).toBe('your answer');
    for (const r of out.records) expect(r.date >= out.year.from && r.date <= out.year.to).toBe(true);
  });

  it('fills every field, and takes the learning, the impact and the peer reflection from the participant’s own answers', () => {
    for (const r of out.records) {
      for (const key of ['type', 'title', 'description', 'relevance', 'date', 'learnt', 'impact'] as const) expect(r[key].trim(), `${r.id} ${key}`).not.toBe('');
      const file = squash(readFileSync(join(demo, r.file), 'utf8'));
      const own = [...paragraphs(r.learnt), ...paragraphs(r.impact), ...(r.peer_reflection ? paragraphs(r.peer_reflection.learnt) : [])];
      expect(own.length).toBeGreaterThan(1);
      for (const p of own) expect(file, `${r.id}: "${p.slice(0, 60)}…" is not in ${r.file}`).toContain(p);
      if (r.peer_reflection) expect(r.peer_reflection.peer.trim()).not.toBe('');
    }
  });

  it('no draft carries an identifying detail, nor the participant’s or supervisor’s name', () => {
    const names = ['Sam Rivers', 'Alex Morgan', 'Alex'];
    for (const r of out.records) {
      for (const text of [r.title, r.description, r.relevance, r.learnt, r.impact, r.peer_reflection?.learnt ?? '', r.peer_reflection?.peer ?? '']) {
        expect(findIdentifyingDetails(text, { names })).toEqual([]);
      }
      expect(r.removed).toEqual([]);
    }
  });

  it('takes out what the identifying-details check finds, and says so', async () => {
    const dir = demoCopy('unsigned');
    mkdirSync(join(dir, 'private'), { recursive: true });
    writeFileSync(join(dir, 'private', 'names.txt'), 'Kennedy\n');
    const file = join(dir, 'module-1', 'week-5.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('I discussed these with my supervisor', 'I discussed these (call me on 07700 900123) with my supervisor'));
    const o = await drafts(dir);
    const study16 = o.records.find((r) => r.id === 'study-1.6')!;
    expect(JSON.stringify(study16)).not.toContain('Kennedy');
    expect(study16.learnt + study16.impact).toContain('[removed: a name]');
    expect(study16.removed.map((x) => x.kind)).toContain('name');
    const study15 = o.records.find((r) => r.id === 'study-1.5')!;
    expect(study15.peer_reflection!.learnt).toContain('(call me on [removed: a phone number])');
    expect(study15.removed).toEqual([expect.objectContaining({ field: 'peer_reflection.learnt', kind: 'phone' })]);
    const text = await run(['cpd', '--dir', dir]);
    expect(text.stdout).toContain('! Taken out of "peer_reflection.learnt"');
  });

  it('says in text and markdown that these are drafts and nothing is submitted', async () => {
    const text = await run(['cpd', '--dir', demo]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^DRAFTS to edit, drawn from your own answers\. Nothing has been submitted/);
    expect(text.stdout).toContain('Peer reflection: what did you learn from discussing this CPD with a peer?');
    const md = await run(['cpd', '--dir', demo, '--format', 'markdown']);
    expect(md.stdout).toMatch(/^# CPD records 2025-26: drafts\n\n> DRAFTS to edit/);
    expect(md.stdout).toContain('### Who the peer was (in role terms)');
    const outFile = join(tmp(), 'cpd.md');
    const written = await run(['cpd', '--dir', demo, '--format', 'markdown', '--output', outFile]);
    expect(written.stdout).toContain('nothing was submitted');
    expect(readFileSync(outFile, 'utf8')).toBe(md.stdout);
  });

  it('another registration year: none of the demo’s weeks, and it says where they are', async () => {
    const o = await drafts(demo, '--year', '2026-27');
    expect(o.year).toEqual({ label: '2026-27', from: '2026-12-01', to: '2027-11-30' });
    expect(o.records).toEqual([]);
    expect(o.other_years.length).toBeGreaterThan(0);
    const text = await run(['cpd', '--dir', demo, '--year', '2026-27']);
    expect(text.stdout).toContain('Social Work England asks for at least 2 different pieces of CPD');
  });

  it('a bad year or format is a usage error', async () => {
    for (const year of ['2026', '2026-28', '26-27']) {
      const r = await run(['cpd', '--dir', demo, '--year', year]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('a registration year runs from 1 December to 30 November');
    }
    expect((await run(['cpd', '--dir', demo, '--format', 'pdf'])).code).toBe(2);
  });

  it('a registration year runs 1 December to 30 November', () => {
    expect(registrationYear(undefined, '2026-11-30').label).toBe('2025-26');
    expect(registrationYear(undefined, '2026-12-01').label).toBe('2026-27');
    expect(registrationYear('2099-00', '2026-01-01')).toEqual({ label: '2099-00', from: '2099-12-01', to: '2100-11-30' });
    expect(peerRoles('We talked it through.')).toBe('a peer (say who, by role)');
  });
});
