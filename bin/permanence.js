#!/usr/bin/env node
// Kept tiny: check the runtime, answer --version without loading anything,
// then run the program: the built bundle (dist/cli.cjs) with V8's compiled code
// kept between runs, or else the compiled modules (dist/cli.js).
import { accessSync, constants as fsConstants, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 17)) {
  process.stderr.write(`permanence needs Node.js 20.17 or newer; this is ${process.versions.node}.\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
/** The commands whose compiled code is kept, each in its own cache file. */
const COMMANDS = new Set(['init', 'status', 'week', 'selfassess', 'verify', 'signoff', 'render', 'demo']);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${pkg.version}\n`);
} else {
  try {
    if (!(await runBundle())) await import('../dist/cli.js');
  } catch (err) {
    if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cli.js')) {
      process.stderr.write("permanence is not built yet: run 'npm install' (it builds dist/) and try again.\n");
    } else {
      process.stderr.write(`permanence could not start: ${err && err.message ? err.message : err}\n`);
    }
    process.exitCode = 2;
  }
}

/**
 * Runs dist/cli.cjs as Node runs a CommonJS module, from V8's code cache when
 * there is one for this bundle, this Node and this command. Node 20 keeps no
 * compiled code for ES modules; this halves a quick command's start-up. False
 * when the bundle cannot be used here, and the caller runs the modules instead.
 */
async function runBundle() {
  // The bundle require()s marked, an ES module: Node does that from 20.19 (process.features.require_module).
  if (!process.features.require_module) return false;
  const file = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));
  let source;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  const vm = await import('node:vm');
  const cache = codeCache(file);
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __import) {${source}\n})`, {
    filename: file,
    ...(cache?.data ? { cachedData: cache.data } : {}),
  });
  // Written at exit, so it holds the code of every function the command ran.
  if (cache && (!cache.data || script.cachedDataRejected)) process.once('exit', () => saveCache(cache, script));
  const module = { exports: {} };
  // The bundle's import() of packages (see src/build/bundle.ts): this module's, which resolves them from the same node_modules.
  const load = (specifier) => import(specifier);
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dirname(file), load);
  return true;
}

/**
 * Where this bundle's compiled code for this command is kept: in the user's
 * own cache folder (never a shared one: cached code is trusted as the bundle
 * itself), named by the bundle's build, Node's version and the command.
 * PERMANENCE_NO_CACHE=1 turns it off.
 */
function codeCache(file) {
  const env = process.env;
  if (env.PERMANENCE_NO_CACHE) return undefined;
  const base = env.XDG_CACHE_HOME || (env.HOME ? join(env.HOME, '.cache') : env.LOCALAPPDATA);
  if (!base) return undefined;
  let id;
  try {
    id = readFileSync(`${file}.id`, 'utf8').trim();
  } catch {
    return undefined;
  }
  const command = COMMANDS.has(args[0]) ? args[0] : 'other';
  const dir = join(base, 'permanence');
  if (!ours(dir)) return undefined;
  const prefix = `cli-${id}-${process.version}-${process.arch}-`;
  const path = join(dir, `${prefix}${command}.v8`);
  let data;
  try {
    data = ours(path) ? readFileSync(path) : undefined;
  } catch {
    data = undefined;
  }
  return { dir, path, prefix, data };
}


/**
 * Cached code runs as the program: only from a folder or file that is this
 * user's and that nobody else may write (XDG_CACHE_HOME could name a shared
 * place; sudo may keep HOME). A folder not made yet is fine: it is made 0700.
 */
function ours(path) {
  let st;
  try {
    st = statSync(path);
  } catch {
    return true;
  }
  const uid = process.getuid?.();
  return (uid === undefined || st.uid === uid) && (st.mode & 0o022) === 0;
}

function saveCache(cache, script) {
  const tmp = `${cache.path}.${process.pid}.tmp`;
  try {
    mkdirSync(cache.dir, { recursive: true, mode: 0o700 });
    accessSync(cache.dir, fsConstants.W_OK);
    // Another build's or another Node's code, and a write that never finished:
    // gone once a day old (not at once, so two installs side by side do not undo each other).
    const dayAgo = Date.now() - 86_400_000;
    for (const name of readdirSync(cache.dir)) {
      if (!name.startsWith('cli-') || (name.startsWith(cache.prefix) && !name.endsWith('.tmp'))) continue;
      try {
        const other = join(cache.dir, name);
        if (statSync(other).mtimeMs < dayAgo) rmSync(other, { force: true });
      } catch {
        // another run tidied it first
      }
    }
    writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
    renameSync(tmp, cache.path);
  } catch {
    // a cache is a speed-up, never a requirement
    try {
      rmSync(tmp, { force: true });
    } catch {
      // nothing more to do
    }
  }
}
