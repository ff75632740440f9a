// One table of CLI scenarios, run in-process through main(argv, io) and again
// by spawning the real binary: the same exit code and the same output, cleaned
// of this run's temporary paths, and what each must say.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { cli, clean, demoCopy, fixtureCopy, tmp } from '../helpers.js';
import { run } from '../run.js';

let dirs: Record<string, string>;

beforeAll(() => {
  const nowhere = join(tmp(), 'not-a-portfolio');
  mkdirSync(nowhere);
  dirs = { fresh: fixtureCopy('fresh'), half: fixtureCopy('half'), demo: demoCopy('signed'), nowhere };
});

interface Scenario {
  name: string;
  args: (d: Record<string, string>) => string[];
  code: number;
  /** What stdout (or, with err, stderr) must say. */
  says?: (string | RegExp)[];
  err?: (string | RegExp)[];
}

const scenarios: Scenario[] = [
  { name: 'status of a fresh portfolio', args: (d) => ['status', '--dir', d.fresh!], code: 0, says: ['Requirements  0 of 25 met', /Next: /] },
  { name: 'status of a half-filled portfolio, as JSON', args: (d) => ['status', '--dir', d.half!, '--json'], code: 0, says: ['"schema_version": 2', '"kind": "week"'] },
  { name: 'verify of a fresh portfolio: incomplete', args: (d) => ['verify', d.fresh!], code: 1, says: ['NOT COMPLETE', 'Requirements not met (25 of 25)'] },
  { name: 'verify of the demo: complete', args: (d) => ['verify', d.demo!], code: 0, says: ['COMPLETE', 'sign-off: valid'] },
  { name: 'verify of the demo as JUnit', args: (d) => ['verify', d.demo!, '--format', 'junit'], code: 0, says: ['<testsuites name="permanence verify">', 'failures="0"'] },
  { name: 'verify of a cohort: one row each', args: (d) => ['verify', d.fresh!, d.demo!], code: 1, says: ['Cohort: 2 portfolios, 1 complete, 1 not complete'] },
  { name: 'status where there is no portfolio', args: (d) => ['status', '--dir', d.nowhere!], code: 2, err: ['is not a portfolio', 'permanence init'] },
  { name: 'verify with an unknown format', args: (d) => ['verify', d.demo!, '--format', 'xml'], code: 2, err: ['--format xml: use text, json, junit or html'] },
  { name: 'a week the programme does not have', args: (d) => ['week', '9.9', '--dir', d.fresh!], code: 2, err: [/week/] },
  { name: 'an unknown command', args: () => ['frobnicate'], code: 2, err: [/unknown command/] },
  { name: 'signoff of an incomplete portfolio is refused', args: (d) => ['signoff', '--dir', d.fresh!, '--name', 'J. Manager', '--role', 'Supervisor'], code: 1, err: ['Final sign-off refused'] },
];

describe('CLI scenarios', () => {
  for (const s of scenarios) {
    it(s.name, async () => {
      const args = s.args(dirs);
      const here = await run(args);
      const spawned = await cli(args);
      const paths = Object.values(dirs);
      for (const r of [here, spawned]) {
        expect(r.code, r.stderr).toBe(s.code);
        for (const x of s.says ?? []) expect(clean(r.stdout, ...paths)).toMatch(typeof x === 'string' ? new RegExp(x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : x);
        for (const x of s.err ?? []) expect(clean(r.stderr, ...paths)).toMatch(typeof x === 'string' ? new RegExp(x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : x);
        expect(r.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
      }
      expect(clean(here.stdout, ...paths)).toBe(clean(spawned.stdout, ...paths));
      expect(clean(here.stderr, ...paths)).toBe(clean(spawned.stderr, ...paths));
    });
  }
});
