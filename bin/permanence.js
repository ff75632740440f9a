#!/usr/bin/env node
// Kept tiny: check the runtime, answer --version without loading anything,
// turn on the compile cache where Node has one, then hand over to the built entry.
import { readFileSync } from 'node:fs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 17)) {
  process.stderr.write(`permanence needs Node.js 20.17 or newer; this is ${process.versions.node}.\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${pkg.version}\n`);
} else {
  const { enableCompileCache } = await import('node:module');
  try {
    enableCompileCache?.();
  } catch {
    // a cache is a speed-up, never a requirement
  }
  try {
    await import('../dist/cli.js');
  } catch (err) {
    if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cli.js')) {
      process.stderr.write("permanence is not built yet: run 'npm install' (it builds dist/) and try again.\n");
    } else {
      process.stderr.write(`permanence could not start: ${err && err.message ? err.message : err}\n`);
    }
    process.exitCode = 2;
  }
}
