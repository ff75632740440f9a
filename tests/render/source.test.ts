import { describe, expect, it } from 'vitest';
import { loadProgramme } from '../../src/programme/load.js';
import { entrySpecs, taskHeading } from '../../src/portfolio/layout.js';
import { renderEntry } from '../../src/portfolio/template.js';
import { portfolioLine, taskSource } from '../../src/portfolio/source.js';

const cat = loadProgramme();

describe('the source lines the PDF and the terminal show', () => {
  it('are the week files’ own lines under each task heading, word for word', () => {
    let n = 0;
    for (const spec of entrySpecs(cat)) {
      if (spec.kind !== 'week') continue;
      const file = renderEntry(spec, cat);
      for (const t of spec.week.tasks) {
        const lines = [taskHeading(t), `*${taskSource(t)}*`];
        if (t.portfolio) lines.push(`*${portfolioLine(t, `${spec.module}.${spec.week.number}`, cat)}*`);
        expect(file, `${spec.file} task ${t.number}`).toContain(lines.join('\n\n'));
        n++;
      }
    }
    expect(n).toBe(cat.programme.modules.flatMap((m) => m.weeks).flatMap((w) => w.tasks).length);
  });
});
