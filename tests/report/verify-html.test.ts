// verify --format html: a cohort at a glance for a programme team, in one file
// that needs nothing from anywhere else, with the JSON report's figures.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { demoCopy, fixtureCopy, hasTool, tmp } from '../helpers.js';
import { run } from '../run.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** The page as a browser would build it; every parse error is collected, not forgiven. */
function parsePage(html: string): { doc: DefaultTreeAdapterMap['document']; errors: string[] } {
  const errors: string[] = [];
  const doc = parse(html, { onParseError: (e) => errors.push(`${e.code} at line ${e.startLine}`) });
  return { doc, errors };
}

function elements(node: Node, tag?: string, out: Element[] = []): Element[] {
  if ('tagName' in node && (!tag || node.tagName === tag)) out.push(node);
  const kids = 'content' in node && node.content ? node.content.childNodes : 'childNodes' in node ? node.childNodes : [];
  for (const c of kids) elements(c, tag, out);
  return out;
}
const attr = (e: Element, name: string) => e.attrs.find((a) => a.name === name)?.value;
function text(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  return 'childNodes' in node ? node.childNodes.map(text).join('') : '';
}
const byId = (doc: Node, id: string) => elements(doc).find((e) => attr(e, 'id') === id)!;
const bodyRows = (table: Element) => elements(elements(table, 'tbody')[0]!, 'tr');

interface JsonPortfolio {
  path: string;
  participant: string | null;
  complete: boolean;
  totals: { requirements: { met: number }; statements: { covered: number } };
  statements: { id: string; covered: boolean }[];
  weeks: { state: string }[];
  identifying: { unreviewed: unknown[] };
}

function cohortOf(dir: string, members: Record<string, string>): string {
  for (const [name, from] of Object.entries(members)) cpSync(from, join(dir, name), { recursive: true });
  return dir;
}

describe('permanence verify --format html', () => {
  it('three portfolios: one valid page, nothing from outside it, the JSON report’s figures', async () => {
    const cohort = cohortOf(tmp(), { alex: demoCopy('signed'), blake: fixtureCopy('half'), casey: fixtureCopy('fresh') });
    const html = await run(['verify', cohort, '--format', 'html']);
    expect(html.code).toBe(1);
    expect(html.stderr).toBe('');
    const { doc, errors } = parsePage(html.stdout);
    expect(errors).toEqual([]);
    expect(html.stdout.startsWith('<!doctype html>')).toBe(true);

    // Self-contained: no address outside the page, no external style, font, image or script.
    for (const e of elements(doc)) {
      for (const a of e.attrs) if (a.name === 'href' || a.name === 'src') expect(a.value, `${e.tagName} ${a.name}`).toMatch(/^#/);
    }
    expect(html.stdout).not.toMatch(/https?:|url\(|@import|<link|<img|<iframe/i);

    // Accessible tables: each has a caption and headers with a scope.
    const tables = elements(doc, 'table');
    expect(tables.length).toBeGreaterThanOrEqual(7);
    for (const t of tables) {
      expect(elements(t, 'caption').length, attr(t, 'id')).toBe(1);
      for (const th of elements(t, 'th')) expect(attr(th, 'scope'), `${attr(t, 'id')}: ${text(th)}`).toMatch(/^(row|col|colgroup)$/);
    }

    const json = JSON.parse((await run(['verify', cohort, '--format', 'json'])).stdout) as { portfolios: JsonPortfolio[] };
    const rows = bodyRows(byId(doc, 'participants'));
    expect(rows).toHaveLength(3);
    json.portfolios.forEach((p, i) => {
      const cells = elements(rows[i]!).filter((e) => e.tagName === 'td' || e.tagName === 'th').map((c) => text(c).trim());
      expect(cells[0]).toBe(p.participant);
      expect(cells[2]).toContain(p.complete ? 'complete' : 'not complete');
      expect(cells[4]).toBe(`${p.weeks.filter((w) => w.state === 'answered').length} of 28`);
      expect(cells[6]).toBe(`${p.totals.requirements.met} of 25`);
      expect(cells[7]).toBe(`${p.totals.statements.covered} of 36`);
      expect(cells[8]).toBe(String(p.identifying.unreviewed.length));
    });
    expect(json.portfolios.map((p) => p.complete)).toEqual([true, false, false]);

    // Across the cohort: each statement's count is the JSON's, least evidenced first.
    const statementRows = bodyRows(byId(doc, 'statements')).map((r) => elements(r).filter((e) => e.tagName === 'td' || e.tagName === 'th').map((c) => text(c).trim()));
    expect(statementRows).toHaveLength(36);
    for (const [id, , share] of statementRows) {
      const n = json.portfolios.filter((p) => p.statements.find((s) => s.id === id)?.covered).length;
      expect(share, id).toBe(`${n} of 3`);
    }
    const counts = statementRows.map((r) => Number(r[2]!.split(' ')[0]));
    expect([...counts].sort((a, b) => a - b)).toEqual(counts);

    // The heatmap: a symbol and a word in every cell, so it reads without colour.
    const heat = bodyRows(byId(doc, 'weeks'));
    expect(heat).toHaveLength(3);
    for (const r of heat) {
      const cells = elements(r, 'td');
      expect(cells).toHaveLength(28);
      for (const c of cells) expect(text(c)).toMatch(/^[●◐○·](answered|started|not started|not yet due)$/);
    }
    expect(heat.map((r) => elements(r, 'td').filter((c) => text(c) === '●answered').length)).toEqual(
      json.portfolios.map((p) => p.weeks.filter((w) => w.state === 'answered').length),
    );
  });

  it('folders of the cohort that are not portfolios: named with why, as in the JSON, and counted nowhere else', async () => {
    const cohort = cohortOf(tmp(), { alex: demoCopy('signed'), blake: fixtureCopy('half') });
    mkdirSync(join(cohort, 'notes'));
    mkdirSync(join(cohort, 'old-copy'));
    writeFileSync(join(cohort, 'old-copy', 'portfolio.yml'), 'participant: x\n');
    const html = await run(['verify', cohort, '--format', 'html']);
    const { doc, errors } = parsePage(html.stdout);
    expect(errors).toEqual([]);
    const json = JSON.parse((await run(['verify', cohort, '--format', 'json'])).stdout) as { passed_over: { path: string; reason: string }[] };
    expect(json.passed_over).toHaveLength(2);
    const rows = bodyRows(byId(doc, 'passed-over')).map((r) => elements(r).filter((e) => e.tagName === 'td' || e.tagName === 'th').map((c) => text(c).trim()));
    expect(rows).toEqual(json.passed_over.map((p) => [`⚠ ${p.path}`, p.reason]));
    expect(rows[1]![1]).toContain('rename the file to portfolio.yaml');
    expect(text(byId(doc, 's-summary'))).toContain('Folders passed over2, not verified (listed below)');
    expect(text(byId(doc, 's-summary'))).toContain('Portfolios2');
    expect(bodyRows(byId(doc, 'participants'))).toHaveLength(2);
    // A cohort with none passed over has no such section.
    const clean = await run(['verify', cohortOf(tmp(), { alex: demoCopy('signed') }), '--format', 'html']);
    expect(clean.stdout).not.toContain('s-passed-over');
  });

  it('a hostile name is text, not markup, and a control character is shown, not sent', async () => {
    const p = fixtureCopy('fresh');
    const config = join(p, 'portfolio.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace(/^participant: .*$/m, 'participant: "<script>alert(1)</script>\\e[2K & co"'));
    const html = await run(['verify', p, '--format', 'html']);
    const { doc, errors } = parsePage(html.stdout);
    expect(errors).toEqual([]);
    expect(elements(doc, 'script')).toHaveLength(1);
    expect(html.stdout).not.toContain('\x1b');
    expect(text(bodyRows(byId(doc, 'participants'))[0]!)).toContain('<script>alert(1)</script>\\x1b[2K & co');
  });

  it('two hundred portfolios: one page, every participant in every table', async () => {
    const cohort = tmp();
    const demo = demoCopy('signed');
    mkdirSync(cohort, { recursive: true });
    const git = join(demo, '.git');
    for (let i = 1; i <= 200; i++) cpSync(demo, join(cohort, `p${String(i).padStart(3, '0')}`), { recursive: true, filter: (s) => s !== git && !s.startsWith(`${git}/`) });
    const html = await run(['verify', cohort, '--format', 'html']);
    expect(html.code).toBe(0);
    const { doc, errors } = parsePage(html.stdout);
    expect(errors).toEqual([]);
    for (const id of ['participants', 'weeks', 'statement-matrix', 'requirement-matrix']) expect(bodyRows(byId(doc, id)), id).toHaveLength(200);
    expect(text(byId(doc, 's-summary'))).toContain('Complete200 of 200');
    // Well under a megabyte a hundred portfolios: it opens on any laptop.
    expect(html.stdout.length).toBeLessThan(2.5 * 1024 * 1024);
  }, 120_000);

  const chromium = hasTool('chromium', 'the cohort page in a real browser (sorting, and a screenshot at laptop size)');
  it.runIf(chromium)('in Chromium: the page lays out at laptop size, and a column heading sorts the table', async () => {
    const { chromium: browserType } = await import('playwright-core');
    const cohort = cohortOf(tmp(), { alex: demoCopy('signed'), blake: fixtureCopy('half'), casey: fixtureCopy('fresh') });
    const file = join(tmp(), 'cohort.html');
    writeFileSync(file, (await run(['verify', cohort, '--format', 'html'])).stdout);
    const browser = await browserType.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      const requests: string[] = [];
      page.on('request', (r) => void (r.url().startsWith('file:') || requests.push(r.url())));
      await page.goto(`file://${file}`);
      expect(requests).toEqual([]);
      const names = () => page.locator('#participants tbody th').allInnerTexts();
      const before = await names();
      await page.locator('#participants thead th', { hasText: 'Weeks behind' }).locator('button').click();
      expect(await page.locator('#participants thead th', { hasText: 'Weeks behind' }).getAttribute('aria-sort')).toBe('ascending');
      const behind = await page.locator('#participants tbody tr td:nth-child(6)').allInnerTexts();
      const numbers = behind.map((t) => Number(t.replace(/\D/g, '')));
      expect([...numbers].sort((a, b) => a - b)).toEqual(numbers);
      expect((await names()).sort()).toEqual([...before].sort());
      // Nothing wider than a laptop screen but the tables that scroll on their own.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(process.env.PERMANENCE_SCREENSHOTS ?? tmp(), 'cohort-1366.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  }, 60_000);
});
