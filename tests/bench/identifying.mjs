#!/usr/bin/env node
// The identifying-details scan's speed on portfolio-sized text: the build in
// dist/ against the scan as it was at a baseline commit, in the same run.
// Not part of the test suite. Usage, after npm run build:
//   node tests/bench/identifying.mjs [--runs N] [--baseline COMMIT]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const runs = Number(option('--runs', '301'));
const baseline = option('--baseline', '1a31a3a');
const work = mkdtempSync(join(tmpdir(), 'permanence-bench-identifying-'));
const env = { ...process.env, NO_COLOR: '1', PERMANENCE_TODAY: '2026-09-14' };

// The baseline's privacy module, compiled from git into the work folder.
for (const file of ['identifying', 'names']) {
  const source = execFileSync('git', ['show', `${baseline}:src/privacy/${file}.ts`], { cwd: ROOT, encoding: 'utf8' });
  writeFileSync(join(work, `${file}.js`), ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText);
}
const OLD = pathToFileURL(join(work, 'identifying.js')).href;
const NEW = pathToFileURL(join(ROOT, 'dist', 'privacy', 'identifying.js')).href;

// Portfolio-sized text: every markdown file of the demo portfolio, as written.
const demo = join(work, 'demo');
execFileSync(process.execPath, [join(ROOT, 'bin', 'permanence.js'), 'demo', demo], { env, stdio: 'ignore' });
const walk = (d) => readdirSync(d).flatMap((n) => (n === '.git' ? [] : statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
const files = walk(demo)
  .filter((p) => p.endsWith('.md'))
  .map((p) => readFileSync(p, 'utf8'));
const bytes = files.reduce((n, t) => n + Buffer.byteLength(t), 0);
const names = ['Kezia Thornton-Blake', 'Tyler Mackenzie', 'Amira Haddad', 'Siobhán Gallagher', 'Dariusz Nowak', '"Grace Hall"'];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Steady state: both scans in one process, taking turns, each run scanning every file.
const impls = { old: (await import(OLD)).findIdentifyingDetails, new: (await import(NEW)).findIdentifyingDetails };
const times = { old: [], new: [] };
const count = {};
for (const [k, scan] of Object.entries(impls)) count[k] = files.reduce((n, t) => n + scan(t, { names }).length, 0); // warm up
for (let r = 0; r < runs; r++) {
  for (const [k, scan] of r % 2 === 0 ? Object.entries(impls) : Object.entries(impls).reverse()) {
    const start = process.hrtime.bigint();
    for (const t of files) scan(t, { names });
    times[k].push(Number(process.hrtime.bigint() - start) / 1e6 / files.length);
  }
}

// First call: a fresh process imports the module and scans one file, regexes compiled on the way.
function firstCall(url) {
  const script = `const t0 = performance.now(); const { findIdentifyingDetails } = await import(${JSON.stringify(url)});
const t1 = performance.now(); findIdentifyingDetails(${JSON.stringify(files[0])}, { names: ${JSON.stringify(names)} });
const t2 = performance.now(); console.log(JSON.stringify([t1 - t0, t2 - t1]));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  return JSON.parse(r.stdout);
}
const cold = { old: [], new: [] };
for (let i = 0; i < 15; i++) for (const [k, url] of i % 2 ? [['new', NEW], ['old', OLD]] : [['old', OLD], ['new', NEW]]) cold[k].push(firstCall(url));

console.log(`node ${process.version}; ${files.length} demo files, ${(bytes / 1024).toFixed(0)} KB (${(bytes / files.length / 1024).toFixed(1)} KB a file); ${names.length} names; baseline ${baseline}`);
for (const k of ['old', 'new']) {
  console.log(
    `${k.padEnd(4)} per file ${median(times[k]).toFixed(3)} ms (median of ${runs} runs)   import ${median(cold[k].map((c) => c[0])).toFixed(1)} ms, first scan ${median(cold[k].map((c) => c[1])).toFixed(1)} ms (median of 15 processes)   findings ${count[k]}`,
  );
}
console.log(`extra per file: ${(median(times.new) - median(times.old)).toFixed(3)} ms steady, ${(median(cold.new.map((c) => c[1])) - median(cold.old.map((c) => c[1]))).toFixed(1)} ms on the first scan of a run`);
rmSync(work, { recursive: true, force: true });
