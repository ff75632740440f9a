#!/usr/bin/env node
// Checks the runtime, then runs the built program (dist/cli.js). Node 22.1 and
// later keep the compiled code between runs (module.enableCompileCache) in
// the user's own cache folder; PERMANENCE_NO_CACHE=1 turns that off.
import module from 'node:module';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 17)) {
  process.stderr.write(`permanence needs Node.js 20.17 or newer; this is ${process.versions.node}.\n`);
  process.exit(2);
}
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // Answered without loading the program: scripts ask this often.
  const { readFileSync } = await import('node:fs');
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
  process.exit(0);
}
if (module.enableCompileCache && !process.env.PERMANENCE_NO_CACHE) {
  const { homedir } = await import('node:os');
  const base = process.env.XDG_CACHE_HOME || process.env.LOCALAPPDATA || `${homedir()}/.cache`;
  // Node checks what it finds there against the source, and carries on without it when the folder cannot be made.
  module.enableCompileCache(`${base}/permanence`);
}

let cli;
try {
  cli = await import('../dist/cli.js');
} catch (err) {
  const missing = err?.code === 'ERR_MODULE_NOT_FOUND' && /[\\/]dist[\\/]cli\.js/.test(String(err.message));
  process.stderr.write(
    missing
      ? "permanence is not built yet: run 'npm install' in its folder (that builds it) and try again.\n"
      : `permanence could not start: ${err?.message ?? err}\n`,
  );
  process.exit(2);
}
await cli.run();
