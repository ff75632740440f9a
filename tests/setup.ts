// Made once per run, before any test file: the demo portfolio (complete,
// signed off, rendered) and the same portfolio before its sign-off and
// render. Tests copy them before they write (fixtures.ts).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { loadProgramme } from '../src/programme/load.js';
import { entrySpecs } from '../src/portfolio/layout.js';
import { applyAnswers, readAnswers } from '../src/portfolio/answers.js';

const BIN = fileURLToPath(new URL('../bin/permanence.js', import.meta.url));

declare module 'vitest' {
  export interface ProvidedContext {
    /** The demo as `permanence demo` leaves it: complete, signed off, rendered, committed. */
    demo: string;
    /** The same portfolio before its sign-off and render. */
    demoUnsigned: string;
    /** Each scenario of tests/fixtures/portfolios/, built. */
    fixtures: Record<string, string>;
  }
}

export default function setup(project: TestProject): () => void {
  const base = mkdtempSync(join(tmpdir(), 'permanence-fixtures-'));
  const demo = join(base, 'demo');
  const env = { ...process.env, NO_COLOR: '1', PERMANENCE_TODAY: '2026-05-11' };
  execFileSync(process.execPath, [BIN, 'demo', demo], { env, stdio: 'ignore' });
  const unsigned = join(base, 'demo-unsigned');
  cpSync(demo, unsigned, { recursive: true });
  rmSync(join(unsigned, 'signoffs'), { recursive: true });
  rmSync(join(unsigned, 'submission'), { recursive: true });
  const fixtures: Record<string, string> = {};
  const scenarios = fileURLToPath(new URL('./fixtures/portfolios/', import.meta.url));
  for (const name of readdirSync(scenarios, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)) {
    const dir = join(base, 'fixtures', name);
    const args = [...readFileSync(join(scenarios, name, 'init.args'), 'utf8').matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
    execFileSync(process.execPath, [BIN, 'init', dir, '--no-git', ...args], { env, stdio: 'ignore' });
    const answers = join(scenarios, name, 'answers.yaml');
    if (existsSync(answers)) {
      const cat = loadProgramme();
      applyAnswers(dir, cat, readAnswers(answers, cat, entrySpecs(cat)));
    }
    fixtures[name] = dir;
  }
  project.provide('fixtures', fixtures);
  project.provide('demo', demo);
  project.provide('demoUnsigned', unsigned);
  return () => rmSync(base, { recursive: true, force: true });
}
