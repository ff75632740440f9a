// Random front matter and bodies never make the reader or the assessment throw.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadProgramme } from '../../src/programme/load.js';
import { entrySpecs } from '../../src/portfolio/layout.js';
import { parseEntry } from '../../src/portfolio/entry.js';
import { setAnswer } from '../../src/portfolio/write.js';
import { assess } from '../../src/assess/assess.js';
import { renderEntry } from '../../src/portfolio/template.js';

const cat = loadProgramme();
const specs = entrySpecs(cat);

const line = fc.oneof(
  fc.string(),
  fc.constantFrom('---', '---js', '## Task 2: x', '### a) y', '### z) q', '## Section 1', '### AP1.1 x', 'Confidence (1-5): 4', '```', '> quote', '- [x] done', '<!-- c -->', 'week: [2', 'a: &x [*x]', '\r', '\ufeff'),
);
const doc = fc.array(line, { maxLength: 40 }).map((ls) => ls.join('\n'));

describe('the reader and the assessment never throw', () => {
  it('on random files', () => {
    fc.assert(
      fc.property(doc, fc.integer({ min: 0, max: specs.length - 1 }), (text, i) => {
        const spec = specs[i]!;
        const entry = parseEntry(text, spec, cat);
        for (const p of entry.problems) {
          expect(p.file).toBe(spec.file);
          expect(p.line).toBeGreaterThanOrEqual(0);
        }
        assess(cat, { root: '/x', specs, entries: new Map([[spec.file, entry]]), problems: entry.problems }, { today: '2026-05-11' });
      }),
      { numRuns: 400, seed: 20261202 },
    );
  });

  it('on templates with random answers written into random slots', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: specs.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.string()), { maxLength: 5 }), (i, writes) => {
        const spec = specs[i]!;
        let text = renderEntry(spec, cat);
        for (const [k, answer] of writes) {
          const entry = parseEntry(text, spec, cat);
          const keys = [...entry.slots.keys()];
          if (keys.length === 0) break;
          text = setAnswer(entry, keys[k % keys.length]!, answer);
        }
        const entry = parseEntry(text, spec, cat);
        // A written answer never breaks the file's structure.
        expect(entry.problems.filter((p) => p.code === 'front-matter')).toEqual([]);
        assess(cat, { root: '/x', specs, entries: new Map([[spec.file, entry]]), problems: entry.problems }, { today: '2026-05-11' });
      }),
      { numRuns: 300, seed: 20261202 },
    );
  });
});
