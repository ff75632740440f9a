// Build step, after tsc: the command-line program as one CommonJS file,
// dist/cli.cjs, which bin/permanence.js runs with V8's code cache. Node 20 has
// no compile cache for ES modules, and loading two dozen of them costs more
// than the work of a quick command; one script whose compiled code is kept
// starts in about half the time (see README, Speed). The modules compiled by
// tsc stay beside it: the verify worker runs them, and so does the fallback
// when the bundle cannot be used.
//
// esbuild does the bundling: made for the job, one package with its own
// binary, and needed only here, at build time.
import { build, type Plugin } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const src = join(root, 'src');
export const BUNDLE = join(root, 'dist', 'cli.cjs');

/**
 * Each module's import.meta.url becomes the URL of its own compiled file in
 * dist/ (dist/commands/verify.js for src/commands/verify.ts), so every path a
 * module finds relative to itself (package.json, templates, the worker) is the
 * same in the bundle as in the module tsc compiled.
 */
const importMetaUrl: Plugin = {
  name: 'import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const rel = relative(src, args.path);
      if (rel.startsWith('..')) return undefined;
      const compiled = rel.split(sep).join('/').replace(/\.ts$/, '.js');
      const text = await readFile(args.path, 'utf8');
      return { contents: text.replaceAll('import.meta.url', `__distUrl(${JSON.stringify(compiled)})`), loader: 'ts' };
    });
  },
};

/** One entry bundled to dist/<out>; toDist is the way from that file's folder back to dist/. */
const bundle = (entry: string, out: string, toDist: string) =>
  build({
    entryPoints: [join(src, entry)],
    outfile: join(root, 'dist', out),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // Packages are loaded from node_modules as they are: only our own code is bundled.
    packages: 'external',
    plugins: [importMetaUrl],
    banner: { js: `const __distUrl = (rel) => require('node:url').pathToFileURL(require('node:path').join(__dirname, ${JSON.stringify(toDist)}, rel)).href;` },
    legalComments: 'none',
    logLevel: 'warning',
  });

await bundle('cli.ts', 'cli.cjs', '.');
// The verify worker of a cohort, in one file too: it starts while the main thread is already verifying.
await bundle('verify/worker.ts', 'verify/worker.cjs', '..');
if (/(?<![\w$.])import\(/.test(readFileSync(join(root, 'dist', 'verify', 'worker.cjs'), 'utf8'))) {
  throw new Error('dist/verify/worker.cjs: import() in the worker bundle, which a worker loads as CommonJS');
}

// What is left of import() in the bundle loads packages that are ES modules
// only (chalk, the prompts) or loaded late (pdfkit). A script run by node:vm
// cannot import() on Node 20 without an experimental option, which also breaks
// with a code cache; the bin hands the bundle its own import() as __import.
const specifiers: string[] = [];
const bundled = readFileSync(BUNDLE, 'utf8').replace(/(?<![\w$.])import\("([^"]+)"\)/g, (_, specifier: string) => {
  specifiers.push(specifier);
  return `__import(${JSON.stringify(specifier)})`;
});
// Only packages and Node's own modules are left to import(): anything else
// (our own code, or import( written some other way) would mean the bundle is not what we think.
const unexpected = specifiers.filter((x) => x.startsWith('.') || x.startsWith('/'));
if (unexpected.length > 0 || /(?<![\w$.])import\(/.test(bundled)) {
  throw new Error(`dist/cli.cjs: unexpected import() left in the bundle: ${unexpected.join(', ') || 'not of a string'}`);
}
writeFileSync(BUNDLE, bundled);

// The bundle's identity, for naming its code cache: V8 checks cached code only
// against the source's length, so a rebuilt bundle must never meet an old cache.
writeFileSync(`${BUNDLE}.id`, `${createHash('sha256').update(bundled).digest('hex').slice(0, 16)}\n`);
