// The source's shape: no import cycles (a module imported, directly or not,
// by one of its own imports), and no source file grown past what one job needs.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT } from '../helpers.js';

const SRC = join(ROOT, 'src');
const files = (readdirSync(SRC, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(SRC, f));

/** Every module a file imports from src/, statically or by import(): type-only imports are erased and do not count. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?['"](\.[^'"]+)['"]/gm)) if (!m[1]) out.push(m[2]!);
  for (const m of text.matchAll(/\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g)) out.push(m[1]!);
  return out.map((spec) => resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
}

describe('the source', () => {
  it('has no import cycle', () => {
    const graph = new Map(files.map((f) => [f, importsOf(f).filter((t) => files.includes(t))]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'open');
      stack.push(f);
      for (const t of graph.get(f) ?? []) {
        if (state.get(t) === 'open') cycles.push([...stack.slice(stack.indexOf(t)), t].map((x) => relative(SRC, x)).join(' -> '));
        else if (!state.has(t)) visit(t);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of files) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it('has commands that do not import each other: what two commands share lives outside src/commands', () => {
    const commands = join(SRC, 'commands');
    const crossing = files
      .filter((f) => dirname(f) === commands)
      .flatMap((f) => importsOf(f).filter((t) => dirname(t) === commands && t !== f).map((t) => `${relative(SRC, f)} -> ${relative(SRC, t)}`));
    expect(crossing).toEqual([]);
  });

  it('has no file over 400 lines but those whose one job earns it', () => {
    // Each named with its reason; a new one fails here until it is split or named.
    const allowed = new Map<string, string>([
      ['render/writer.ts', 'the flow layout over pdfkit: pages, paragraphs and their structure tags; its line breaking and tables are in lines.ts and table.ts'],
    ]);
    const long = files
      .map((f) => ({ file: relative(SRC, f), lines: readFileSync(f, 'utf8').split('\n').length }))
      .filter((x) => x.lines > 400 && !allowed.has(x.file));
    expect(long).toEqual([]);
  });
});
