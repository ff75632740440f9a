// Verify on every push: permanence ci writes the git host's own workflow, and
// what that workflow runs keeps identifying details out of a log that leaves
// the machine.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { demoCopy, fixtureCopy, tmp } from '../helpers.js';
import { run } from '../run.js';

// The keys each host documents: GitHub's "Workflow syntax for GitHub Actions"
// and GitLab's "CI/CD YAML syntax reference" (only those a workflow of ours may use).
const GITHUB = {
  top: ['name', 'run-name', 'on', 'permissions', 'env', 'defaults', 'concurrency', 'jobs'],
  events: ['push', 'pull_request', 'workflow_dispatch', 'schedule'],
  job: ['name', 'runs-on', 'permissions', 'needs', 'if', 'steps', 'timeout-minutes', 'strategy', 'env', 'defaults', 'continue-on-error', 'container'],
  step: ['id', 'if', 'name', 'uses', 'run', 'with', 'env', 'continue-on-error', 'timeout-minutes', 'shell', 'working-directory'],
};
const GITLAB = {
  job: ['image', 'script', 'before_script', 'after_script', 'artifacts', 'stage', 'rules', 'variables', 'cache', 'tags', 'when', 'allow_failure', 'timeout', 'needs'],
  artifacts: ['paths', 'exclude', 'expire_in', 'expose_as', 'name', 'public', 'reports', 'untracked', 'when'],
  reports: ['junit', 'dotenv', 'coverage_report'],
};
const keysOf = (o: unknown) => Object.keys(o as object);

/** The verify command a workflow runs, as arguments for the CLI here. */
function verifyArgs(command: string): string[] {
  const m = /^npx --yes permanence@[0-9.]+ (verify .*)$/.exec(command);
  expect(m, command).not.toBeNull();
  return m![1]!.split(' ');
}

describe('permanence ci', () => {
  it('--github: a GitHub Actions workflow with the documented keys, that verifies on every push and keeps a JUnit report', async () => {
    const dir = fixtureCopy('fresh');
    const r = await run(['ci', '--github', '--dir', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Wrote .github/workflows/permanence-verify.yml');
    const wf = parse(readFileSync(join(dir, '.github/workflows/permanence-verify.yml'), 'utf8')) as Record<string, any>;
    for (const k of keysOf(wf)) expect(GITHUB.top).toContain(k);
    expect(keysOf(wf.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
    for (const k of keysOf(wf.on)) expect(GITHUB.events).toContain(k);
    expect(wf.permissions).toEqual({ contents: 'read' });
    const job = wf.jobs.verify;
    for (const k of keysOf(job)) expect(GITHUB.job).toContain(k);
    expect(job['runs-on']).toBe('ubuntu-latest');
    for (const step of job.steps) {
      for (const k of keysOf(step)) expect(GITHUB.step).toContain(k);
      expect(Boolean(step.uses) !== Boolean(step.run), JSON.stringify(step)).toBe(true);
    }
    const uses = job.steps.filter((s: any) => s.uses).map((s: any) => s.uses.split('@')[0]);
    expect(uses).toEqual(['actions/checkout', 'actions/setup-node', 'actions/upload-artifact']);
    const run_ = job.steps.find((s: any) => s.run).run as string;
    expect(verifyArgs(run_)).toEqual(['verify', '--redact', '--format', 'junit', '--output', 'permanence-verify.xml']);
    const keep = job.steps.find((s: any) => s.uses?.startsWith('actions/upload-artifact'));
    expect(keep.if).toBe('always()');
    expect(keep.with.path).toBe('permanence-verify.xml');
  });

  it('--gitlab: a GitLab CI job with the documented keys, whose JUnit report GitLab shows as test results', async () => {
    const dir = fixtureCopy('fresh');
    expect((await run(['ci', '--gitlab', '--dir', dir])).code).toBe(0);
    const wf = parse(readFileSync(join(dir, '.gitlab-ci.yml'), 'utf8')) as Record<string, any>;
    expect(keysOf(wf)).toEqual(['permanence-verify']);
    const job = wf['permanence-verify'];
    for (const k of keysOf(job)) expect(GITLAB.job).toContain(k);
    expect(job.image).toMatch(/^node:\d+$/);
    for (const k of keysOf(job.artifacts)) expect(GITLAB.artifacts).toContain(k);
    for (const k of keysOf(job.artifacts.reports)) expect(GITLAB.reports).toContain(k);
    expect(job.artifacts.when).toBe('always');
    expect(job.artifacts.reports.junit).toBe('permanence-verify.xml');
    expect(job.script).toHaveLength(1);
    expect(verifyArgs(job.script[0])).toEqual(['verify', '--redact', '--format', 'junit', '--output', 'permanence-verify.xml']);
  });

  it('never writes over a workflow that is there, unless --force; names neither host: a usage error', async () => {
    const dir = fixtureCopy('fresh');
    mkdirSync(join(dir, '.github/workflows'), { recursive: true });
    writeFileSync(join(dir, '.github/workflows/permanence-verify.yml'), '# mine\n');
    const again = await run(['ci', '--github', '--dir', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('is there already');
    expect(again.stderr).toContain('permanence ci --github --force');
    expect(readFileSync(join(dir, '.github/workflows/permanence-verify.yml'), 'utf8')).toBe('# mine\n');
    expect((await run(['ci', '--github', '--force', '--dir', dir])).code).toBe(0);
    expect(readFileSync(join(dir, '.github/workflows/permanence-verify.yml'), 'utf8')).toContain('permanence verify');
    const neither = await run(['ci', '--dir', dir]);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('--github (GitHub Actions) or --gitlab (GitLab CI)');
  });
});

describe('permanence init --ci', () => {
  it('writes the workflow with the new portfolio, in its first commit; an unknown host is refused before anything is written', async () => {
    const parent = tmp();
    const r = await run(['init', join(parent, 'p'), '--name', 'Sam', '--start', '2026-10-05', '--yes', '--ci', 'github']);
    expect(r.code, r.stderr).toBe(0);
    expect(execFileSync('git', ['show', '--name-only', '--format=', 'HEAD'], { cwd: join(parent, 'p'), encoding: 'utf8' })).toContain('.github/workflows/permanence-verify.yml');
    const bad = await run(['init', join(parent, 'q'), '--name', 'Sam', '--start', '2026-10-05', '--yes', '--ci', 'bitbucket']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--ci bitbucket: use github (GitHub Actions) or gitlab (GitLab CI)');
    expect(existsSync(join(parent, 'q'))).toBe(false);
  });
});

describe('what the workflow runs: verify --redact --format junit --output FILE', () => {
  it('names an identifying detail by file, line and kind, never what was written; the report goes to the file, not the log', async () => {
    const dir = demoCopy('signed');
    mkdirSync(join(dir, 'private'), { recursive: true });
    writeFileSync(join(dir, 'private/names.txt'), 'Talullah\nJo\n');
    appendFileSync(join(dir, 'items/case-review.md'), "\nTalullah's view of contact changed. Her social worker is on 07700 900123.\n");
    const r = await run(['verify', '--dir', dir, '--redact', '--format', 'junit', '--output', 'permanence-verify.xml'], { cwd: dir, env: { CI: 'true' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('Wrote the report to permanence-verify.xml.\n');
    const xml = readFileSync(join(dir, 'permanence-verify.xml'), 'utf8');
    expect(xml).toContain('items/case-review.md');
    expect(xml).toContain('a name from the private names list');
    expect(xml).toContain('a possible phone number');
    for (const secret of ['Talullah', '07700', '900123', '"Jo"']) expect(xml).not.toContain(secret);
    // The same in text and JSON; and without --redact the supervisor sees them, to act on.
    for (const format of ['text', 'json']) {
      const out = (await run(['verify', '--dir', dir, '--redact', '--format', format])).stdout;
      for (const secret of ['Talullah', '07700']) expect(out, format).not.toContain(secret);
    }
    expect((await run(['verify', '--dir', dir])).stdout).toContain('Talullah');
  });

  it('--output into a folder that does not exist: exit 2, saying what to do, and nothing half-written', async () => {
    const dir = fixtureCopy('fresh');
    const r = await run(['verify', '--dir', dir, '--format', 'json', '--output', 'no/such/folder/r.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--output no/such/folder/r.json: the report could not be written there (ENOENT)');
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });

  it('--output writes UTF-8 (whatever a shell redirection would do), the same bytes verify prints', async () => {
    const dir = demoCopy('signed');
    const out = tmp();
    await run(['verify', '--dir', dir, '--format', 'json', '--output', 'r.json'], { cwd: out });
    const bytes = readFileSync(join(out, 'r.json'));
    expect(bytes.subarray(0, 2).toString('hex')).not.toMatch(/^(fffe|feff)/);
    const printed = (await run(['verify', '--dir', dir, '--format', 'json'])).stdout;
    expect(JSON.parse(bytes.toString('utf8'))).toEqual(JSON.parse(printed));
  });
});

describe('--output FILE on every command that prints a report: the same UTF-8 bytes it prints', () => {
  // Colour is wanted on a terminal: the file is written as if the screen were one, and still has none.
  const commands: [string, string[], string][] = [
    ['verify --format junit', ['verify', '--format', 'junit'], 'Wrote the report to private/out.txt.\n'],
    ['verify --format html', ['verify', '--format', 'html'], 'Wrote the report to private/out.txt.\n'],
    ['status', ['status'], 'Wrote the status to private/out.txt.\n'],
    ['status --json', ['status', '--json'], 'Wrote the status to private/out.txt.\n'],
    ['changes --since 1', ['changes', '--since', '1'], 'Wrote the changes to private/out.txt.\n'],
    ['changes --format json', ['changes', '--format', 'json'], 'Wrote the changes to private/out.txt.\n'],
    ['cpd --format markdown', ['cpd', '--format', 'markdown', '--year', '2026-27'], ''],
  ];
  it.each(commands)('%s', async (_name, args, said) => {
    const dir = demoCopy('signed');
    appendFileSync(join(dir, 'items/case-review.md'), '\nA line added after the sign-off, café and all.\n');
    const printed = await run([...args, '--dir', dir], { cwd: dir });
    // In the private folder, which a sign-off does not cover: the report is no change to the portfolio.
    const written = await run([...args, '--dir', dir, '--output', 'private/out.txt'], { cwd: dir, tty: true, env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(written.code).toBe(printed.code);
    const bytes = readFileSync(join(dir, 'private/out.txt'));
    expect(bytes.length).toBeGreaterThan(100);
    expect(bytes.subarray(0, 2).toString('hex')).not.toMatch(/^(fffe|feff)/);
    expect(bytes.toString('utf8')).not.toContain('\u001b[');
    // The file holds what the command prints (a date stamp aside, there is none to differ).
    expect(bytes.toString('utf8')).toBe(printed.stdout);
    if (said) {
      expect(written.stdout).toBe('');
      expect(written.stderr).toBe(said);
    } else expect(written.stdout).toMatch(/draft CPD record\(s\) written to private\/out\.txt; nothing was submitted\./);
  });

  it("never over one of the portfolio's own files (a careless --output portfolio.yaml): exit 2, and the file as it was", async () => {
    const dir = demoCopy('signed');
    const cases: [string[], string, string][] = [
      [['status'], 'portfolio.yaml', "the portfolio's settings"],
      [['verify', '--format', 'junit'], 'module-1/week-2.md', 'a file of the portfolio'],
      [['changes'], 'signoffs/0001-final.json', 'a sign-off record'],
      [['cpd'], 'submission/manifest.json', 'part of the submitted bundle'],
    ];
    for (const [args, target, what] of cases) {
      const before = readFileSync(join(dir, target));
      const r = await run([...args, '--dir', dir, '--output', target], { cwd: dir });
      expect(r.code, target).toBe(2);
      expect(r.stderr).toContain(`--output ${target}: is ${what}, which the report would replace. Name a new file for it`);
      expect(readFileSync(join(dir, target)).equals(before), target).toBe(true);
    }
    // A report of its own, new or written again, is written inside the portfolio too.
    for (let i = 0; i < 2; i++) {
      const r = await run(['verify', '--dir', dir, '--format', 'junit', '--output', 'permanence-verify.xml'], { cwd: dir });
      expect(r.stderr).toMatch(/^Wrote the report to permanence-verify\.xml\.\n/);
    }
    expect(readFileSync(join(dir, 'permanence-verify.xml'), 'utf8')).toContain('<testsuites');
  });

  it('a report left in a signed-off portfolio is said to count as a file added after the sign-off; one in private/ is not, and changes nothing', async () => {
    const dir = demoCopy('signed');
    rmSync(join(dir, 'private'), { recursive: true, force: true });
    const before = await run(['verify', '--dir', dir]);
    expect(before.code).toBe(0);
    // The private folder is made for it (a new portfolio has none), and the sign-off still holds.
    const kept = await run(['verify', '--dir', dir, '--format', 'junit', '--output', 'private/r.xml'], { cwd: dir });
    expect(kept.stderr).toBe('Wrote the report to private/r.xml.\n');
    expect((await run(['verify', '--dir', dir])).code).toBe(0);
    // In the portfolio's own files: written (a CI job keeps its report there), with the consequence and both fixes said before verify says it.
    const left = await run(['status', '--dir', dir, '--output', 'status.txt'], { cwd: dir, env: { CI: '' } });
    expect(left.code).toBe(0);
    expect(left.stderr).toContain('Note: status.txt is inside a signed-off portfolio, so verify counts it as a file added after the sign-off until it is moved out.');
    expect(left.stderr).toContain('(--output private/status.txt)');
    expect(left.stderr).toMatch(/Write reports outside the portfolio \(--output \S*status\.txt\)/);
    const after = await run(['verify', '--dir', dir]);
    expect(after.code).toBe(1);
    expect(after.stdout).toContain('added: status.txt');
    // Not yet signed off, it is still a file permanence save would put in the history, names and all.
    const fresh = demoCopy('signed');
    rmSync(join(fresh, 'signoffs'), { recursive: true, force: true });
    const unsigned = await run(['verify', '--dir', fresh, '--output', 'verify.txt'], { cwd: fresh, env: { CI: '' } });
    expect(unsigned.stderr).toContain("Note: verify.txt is inside the portfolio, so permanence save would keep it in the portfolio's history, with everything it quotes (any identifying details it names too).");
    expect(unsigned.stderr).toContain('(--output private/verify.txt)');
    expect(execFileSync('git', ['status', '--porcelain', '--', 'verify.txt'], { cwd: fresh, encoding: 'utf8' })).toContain('?? verify.txt');
    // Where git keeps nothing (private/, or a portfolio without a history) there is nothing to say.
    expect((await run(['verify', '--dir', fresh, '--output', 'private/verify.txt'], { cwd: fresh, env: { CI: '' } })).stderr).toBe('Wrote the report to private/verify.txt.\n');
    rmSync(join(fresh, '.git'), { recursive: true, force: true });
    const untracked = await run(['status', '--dir', fresh, '--output', 'status.txt'], { cwd: fresh, env: { CI: '' } });
    expect(untracked.stderr).toBe('Wrote the status to status.txt.\n');
    // Nor does a CI job, whose clone goes with its report (the workflow test above).
  });

  it('a folder that does not exist: exit 2, the command and the fix named, nothing written, for status and changes too', async () => {
    const dir = demoCopy('signed');
    for (const args of [['status', '--json'], ['changes'], ['cpd']]) {
      const r = await run([...args, '--dir', dir, '--output', 'no/such/folder/r.txt'], { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('--output no/such/folder/r.txt: the report could not be written there (ENOENT). Name a file in a folder that exists');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });
});
