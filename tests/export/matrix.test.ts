import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmp } from '../helpers.js';
import { run } from '../run.js';
import { loadProgramme } from '../../src/programme/load.js';
import { fit, NAME_MAX, SHORTNAME_MAX, type MatrixFile } from '../../src/export/matrix.js';

const cat = loadProgramme();

describe('permanence export --format matrix', () => {
  it('prints the KSS-AP as a SmartEvidence framework: 5 standards (its sections), 36 elements with the programme’s ids', async () => {
    // No portfolio needed: the framework is the programme's.
    const r = await run(['export', '--format', 'matrix'], { cwd: tmp() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout) as MatrixFile;
    const f = m.framework;
    expect(f.name).toBe('Knowledge and Skills Statement: Achieving Permanence (2016)');
    expect(f.institution).toBe('all');
    expect(f.selfassess).toBe(false);
    expect(f.evidencestatuses.map((s) => Object.keys(s)[0])).toEqual(['begun', 'incomplete', 'partialcomplete', 'completed']);
    expect(f.standards.map((s) => s.standardid)).toEqual([1, 2, 3, 4, 5]);
    expect(f.standards.map((s) => s.name)).toEqual(cat.programme.framework.sections.map((s) => `${s.number}. ${s.title}`));
    expect(f.standardelements).toHaveLength(36);
    expect(f.standardelements.map((e) => e.elementid)).toEqual(cat.statements.map((s) => s.id));
    expect(f.standardelements.map((e) => e.shortname)).toEqual(cat.statements.map((s) => s.id));
    expect(f.standardelements.filter((e) => e.standardid === 4).map((e) => e.elementid)).toEqual(['AP4.1', 'AP4.2', 'AP4.3', 'AP4.4', 'AP4.5', 'AP4.6', 'AP4.7', 'AP4.8', 'AP4.9', 'AP4.10']);
    const counts = f.standards.map((s) => f.standardelements.filter((e) => e.standardid === s.standardid).length);
    expect(counts).toEqual([6, 4, 5, 10, 11]);
    for (const e of f.standardelements) {
      const st = cat.statements.find((s) => s.id === e.elementid)!;
      // Mahara matches an element to its standard with ===: both numbers.
      expect(typeof e.standardid).toBe('number');
      expect(e.standardid).toBe(st.section);
      expect([...e.name].length).toBeLessThanOrEqual(NAME_MAX);
      expect([...e.shortname].length).toBeLessThanOrEqual(SHORTNAME_MAX);
      expect(e.name.startsWith(`${st.id} `)).toBe(true);
      expect(e.description).toContain(st.weeks.join(', '));
    }
    // The one heading longer than Mahara's column is cut at a word, and kept whole in the description.
    const long = f.standardelements.find((e) => e.elementid === 'AP5.8')!;
    expect(long.name.endsWith('…')).toBe(true);
    expect(long.description).toContain(cat.statements.find((s) => s.id === 'AP5.8')!.heading.replace(/\s+/g, ' ').trim().slice(-40));
  });

  it('writes a .matrix file with --out, and says when the name would stop Mahara taking it', async () => {
    const dir = tmp();
    const r = await run(['export', '--format', 'matrix', '--out', join(dir, 'kss-ap.matrix')], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('kss-ap.matrix: the KSS-AP as a SmartEvidence framework (5 sections, 36 statements)');
    const printed = await run(['export', '--format', 'matrix'], { cwd: dir });
    expect(readFileSync(join(dir, 'kss-ap.matrix'), 'utf8')).toBe(printed.stdout);
    const json = await run(['export', '--format', 'matrix', '--out', join(dir, 'kss-ap.json')], { cwd: dir });
    expect(json.stdout).toContain('Mahara uploads only files whose name ends in .matrix');
  });

  it('fits a name to a column at a word', () => {
    expect(fit('short  name', 20)).toBe('short name');
    const cut = fit('word '.repeat(80), 50);
    expect([...cut].length).toBeLessThanOrEqual(50);
    expect(cut).toMatch(/word…$/);
  });
});
