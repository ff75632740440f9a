// permanence ci --github|--gitlab: the workflow that verifies the portfolio on
// every push, by the git host's own CI.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EXIT, usageError } from '../errors.js';
import { findPortfolio } from '../portfolio/portfolio.js';
import { styleFor, type IO } from '../ui/io.js';
import { writeFileAtomic } from '../util/atomic.js';
import { WORKFLOW_FILE, workflow, type Host } from '../ci/workflows.js';

const version = (): string => (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Writes the workflow into a portfolio; never over one already there unless asked. Returns the file written. */
export function writeWorkflow(root: string, host: Host, force = false): string {
  const file = WORKFLOW_FILE[host];
  const path = join(root, file);
  if (existsSync(path) && !force) {
    throw usageError(`${file} is there already: permanence leaves it as it is.\nTo replace it with permanence's workflow, run: permanence ci --${host} --force`);
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, workflow(host, version()));
  return file;
}

export async function ci(io: IO, opts: { dir?: string; github?: boolean; gitlab?: boolean; force?: boolean }): Promise<number> {
  if (Boolean(opts.github) === Boolean(opts.gitlab)) throw usageError('permanence ci: say which git host runs it: --github (GitHub Actions) or --gitlab (GitLab CI)');
  const host: Host = opts.github ? 'github' : 'gitlab';
  const root = findPortfolio(io.cwd, opts.dir);
  const file = writeWorkflow(root, host, opts.force);
  const s = styleFor(io.stdout, io.env);
  io.stdout.write(
    `${s.green('✓')} Wrote ${file}: ${host === 'github' ? 'GitHub Actions' : 'GitLab CI'} will run permanence verify on every push and keep its report.\n` +
      `  Commit it and push: git add ${file} && git commit -m "Verify on every push" && git push\n` +
      `  The check stays red until the portfolio is complete. Identifying details are named in its log by file, line and kind only.\n`,
  );
  return EXIT.ok;
}
