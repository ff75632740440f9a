// The workspace in a real browser (Debian's Chromium, driven by
// playwright-core): typing saves, a reload shows it, the file holds it; a
// change on disk is merged or asked about; render and sign-off work from
// their pages; axe-core finds no violation on any page, at a laptop's size
// and a phone's.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadProgramme } from '../../src/programme/load.js';
import { verifyPortfolio } from '../../src/verify/verify.js';
import { demoCopy, fixtureCopy, hasTool, tmp } from '../helpers.js';
import { session, type Session } from './web.js';

const CHROMIUM = '/usr/bin/chromium';
const ready = hasTool('chromium', 'the browser tests of permanence open (tests/web/browser.test.ts)');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = process.env.PERMANENCE_SCREENSHOTS ?? tmp('permanence-shots-');

let browser: Browser;
beforeAll(async () => {
  if (!ready) return;
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});
afterAll(async () => {
  await browser?.close();
});

async function open(s: Session, path: string, options: { bypassCSP?: boolean; viewport?: { width: number; height: number } } = {}): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1366, height: 768 }, bypassCSP: Boolean(options.bypassCSP), acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  const origin = `http://127.0.0.1:${s.server.port}`;
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('request', (r) => !r.url().startsWith(origin) && problems.push(`request to ${r.url()}`));
  await page.goto(`${origin}/${path.replace(/^\//, '')}${path.includes('?') ? '&' : '?'}token=${s.server.token}`);
  return { context, page, problems };
}

describe.skipIf(!ready)('a week in the browser', () => {
  let s: Session;
  beforeAll(async () => {
    s = await session(fixtureCopy('fresh'));
  });
  afterAll(() => s.server.close());
  const file = () => join(s.root, 'module-1/week-2.md');

  it('is saved after typing stops, is there after a reload, and is in the file', async () => {
    const { context, page, problems } = await open(s, '/week/1.2');
    await page.locator('#f-3a-in').fill('My first thoughts on the six vignettes.');
    await expect.poll(() => page.locator('#f-3a-status').textContent()).toMatch(/Saved/);
    expect(readFileSync(file(), 'utf8')).toContain('My first thoughts on the six vignettes.');
    await page.reload();
    expect(await page.locator('#f-3a-in').inputValue()).toBe('My first thoughts on the six vignettes.');
    expect(await page.locator('#f-3a-count').textContent()).toMatch(/^7 words/);
    // Leaving a box saves at once.
    await page.locator('#f-4a-in').fill('Asked two colleagues.');
    await page.locator('#f-5a-in').focus();
    await expect.poll(() => page.locator('#f-4a-status').textContent()).toMatch(/Saved/);
    expect(readFileSync(file(), 'utf8')).toContain('Asked two colleagues.');
    // A tick.
    await page.locator('#f-1a-in').check();
    await expect.poll(() => page.locator('#f-1a-status').textContent()).toMatch(/Saved/);
    expect(readFileSync(file(), 'utf8')).toMatch(/- \[x\] I have read the six vignettes/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('saves what was typed in the last moment when the tab is closed', async () => {
    const { context, page } = await open(s, '/week/1.2');
    await page.locator('#f-2b-in').fill('Typed just before the tab was closed.');
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => readFileSync(file(), 'utf8'), { timeout: 10_000 }).toContain('Typed just before the tab was closed.');
    await context.close();
  });

  it('keeps a change made on disk to another answer while the page is open, and shows it', async () => {
    const { context, page } = await open(s, '/week/1.2');
    writeFileSync(file(), `${readFileSync(file(), 'utf8').trimEnd()}\n\nAdded in an editor while the page was open.\n`);
    await page.locator('#f-6a-in').fill('Read the four blogs.');
    await expect.poll(() => page.locator('#f-6a-status').textContent()).toMatch(/Saved/);
    const text = readFileSync(file(), 'utf8');
    expect(text).toContain('Read the four blogs.');
    expect(text).toContain('Added in an editor while the page was open.');
    await expect.poll(() => page.locator('#f-7a-in').inputValue()).toBe('Added in an editor while the page was open.');
    await context.close();
  });

  it('asks, showing both versions, when the same answer changed on disk', async () => {
    const { context, page } = await open(s, '/week/1.2');
    writeFileSync(file(), readFileSync(file(), 'utf8').replace('My first thoughts on the six vignettes.', 'Rewritten with permanence week.'));
    await page.locator('#f-3a-in').fill('Typed on the page at the same time.');
    const question = page.locator('#f-3a-conflict');
    await question.waitFor({ state: 'visible' });
    expect(await question.textContent()).toContain('Rewritten with permanence week.');
    expect(await question.textContent()).toContain('Typed on the page at the same time.');
    expect(readFileSync(file(), 'utf8')).toContain('Rewritten with permanence week.');
    expect(readFileSync(file(), 'utf8')).not.toContain('Typed on the page');
    await question.getByRole('button', { name: 'Keep mine' }).click();
    await expect.poll(() => page.locator('#f-3a-status').textContent()).toMatch(/Saved/);
    expect(readFileSync(file(), 'utf8')).toContain('Typed on the page at the same time.');
    await context.close();
  });

  it('ticks areas and takes their notes', async () => {
    const { context, page } = await open(s, '/week/1.1');
    const areas = page.locator('#f-3a');
    await areas.getByLabel('Note on Neuroscience').fill('Read two papers on the developing brain');
    await expect.poll(() => page.locator('#f-3a-status').textContent()).toMatch(/Saved/);
    expect(await areas.getByLabel('Neuroscience', { exact: true }).isChecked()).toBe(true);
    expect(readFileSync(join(s.root, 'module-1/week-1.md'), 'utf8')).toMatch(/- \[x\] Neuroscience: Read two papers on the developing brain/);
    await page.reload();
    expect(await page.locator('#f-3a').getByLabel('Note on Neuroscience').inputValue()).toBe('Read two papers on the developing brain');
    await context.close();
  });

  it('marks an identifying detail as it is typed, and "reviewed" accepts it', async () => {
    const { context, page } = await open(s, '/week/1.2');
    await page.locator('#f-2a-in').fill('We met near SW1A 1AA.');
    const details = page.locator('#f-2a-details');
    await expect.poll(() => details.textContent()).toMatch(/postcode/);
    expect(await details.locator('mark').textContent()).toBe('SW1A 1AA');
    await details.getByRole('button', { name: /Reviewed/ }).click();
    await expect.poll(() => readFileSync(file(), 'utf8')).toContain('We met near SW1A 1AA. <!-- reviewed -->');
    await expect.poll(() => details.textContent()).toBe('');
    await context.close();
  });
});

describe.skipIf(!ready)('submission and sign-off in the browser', () => {
  it('renders the PDF, and it can be downloaded', async () => {
    const s = await session(demoCopy('unsigned'));
    const { context, page } = await open(s, '/submission');
    await page.getByRole('button', { name: 'Render the submission' }).click();
    await page.getByText('Rendered.').waitFor({ timeout: 90_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the PDF' }).click()]);
    const saved = join(tmp(), 'portfolio.pdf');
    await download.saveAs(saved);
    expect(readFileSync(saved).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readFileSync(saved)).toEqual(readFileSync(join(s.root, 'submission/portfolio.pdf')));
    await context.close();
    await s.server.close();
  });

  it('says why render refuses an incomplete portfolio', async () => {
    const s = await session(fixtureCopy('fresh'));
    const { context, page } = await open(s, '/submission');
    await page.getByRole('button', { name: 'Render the submission' }).click();
    await page.getByText('Not rendered.').waitFor();
    expect(await page.locator('.notice.error pre').textContent()).toMatch(/render refused: verify says this portfolio is not complete/);
    await context.close();
    await s.server.close();
  });

  it('signs off from the supervisor tab, and verify agrees', async () => {
    const s = await session(demoCopy('unsigned'), { supervisor: true });
    const { context, page } = await open(s, '/supervisor');
    await page.getByLabel('Your name').fill('J. Manager');
    await page.getByLabel('Your role').fill('Practice supervisor');
    await page.getByLabel("I confirm the participant's attendance at the workshops").check();
    await page.getByRole('button', { name: 'Sign off' }).click();
    await page.getByText('Signed off.', { exact: true }).waitFor({ timeout: 60_000 });
    const report = verifyPortfolio(s.root, loadProgramme(), { today: '2026-05-11' });
    expect(report.signoff.status).toBe('valid');
    expect(report.signoff.records.at(-1)).toMatchObject({ name: 'J. Manager', role: 'Practice supervisor', kind: 'final' });
    await context.close();
    await s.server.close();
  });
});

type AxeResult = { violations: { id: string; help: string; nodes: { target: string[] }[] }[] };

/** axe-core's WCAG 2.2 AA rules and best practices on the page as it is now, injected past the page's own policy (which would rightly refuse it). */
async function axe(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = (await page.evaluate(() =>
    (globalThis as unknown as { axe: { run: (o: unknown) => Promise<unknown> } }).axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } }),
  )) as AxeResult;
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')})`);
}

const PAGES = ['/', '/week/1.2', '/item/learning-goals', '/item/selfassessment-baseline', '/selfassessment', '/coverage', '/problems', '/submission', '/supervisor'];

describe.skipIf(!ready)('every page', () => {
  const SIZES = { laptop: { width: 1366, height: 768 }, phone: { width: 390, height: 844 } };
  let s: Session;
  beforeAll(async () => {
    s = await session(demoCopy('signed'));
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(() => s.server.close());

  it.each(PAGES)('%s has no axe-core violation at either size, and loads nothing from elsewhere', async (path) => {
    for (const [name, viewport] of Object.entries(SIZES)) {
      const strict = await open(s, path, { viewport });
      await strict.page.screenshot({ path: join(SHOTS, `${name}${path.replace(/\//g, '_') || '_home'}.png`), fullPage: name === 'phone' ? false : true });
      expect(strict.problems).toEqual([]);
      await strict.context.close();
      const { context, page } = await open(s, path, { viewport, bypassCSP: true });
      expect((await axe(page)).map((v) => `${name} ${v}`)).toEqual([]);
      await context.close();
    }
  });
});

describe.skipIf(!ready)('pages with something to say', () => {
  let s: Session;
  beforeAll(async () => {
    s = await session(fixtureCopy('half'));
    const file = join(s.root, 'module-1/week-2.md');
    writeFileSync(file, `${readFileSync(file, 'utf8').replace('### a) Notes', 'A line outside any answer.\n\n### a) Notes').trimEnd()}\n\nWe met near SW1A 1AA.\n`);
  });
  afterAll(() => s.server.close());

  it.each(['/', '/week/1.2', '/problems', '/coverage', '/supervisor'])('%s, with problems, details and text outside the answers, has no axe-core violation', async (path) => {
    const { context, page } = await open(s, path, { viewport: { width: 390, height: 844 }, bypassCSP: true });
    expect(await axe(page)).toEqual([]);
    await context.close();
  });

  it('marks the details already in an answer when the page opens, ready to be reviewed', async () => {
    const { context, page } = await open(s, '/week/1.2');
    const details = page.locator('#f-7a-details');
    await expect.poll(() => details.textContent()).toMatch(/postcode/);
    await details.getByRole('button', { name: /Reviewed/ }).click();
    await expect.poll(() => readFileSync(join(s.root, 'module-1/week-2.md'), 'utf8')).toContain('We met near SW1A 1AA. <!-- reviewed -->');
    await context.close();
  });

  it('the question of two versions, and the details marked as typed, have no axe-core violation', async () => {
    const { context, page } = await open(s, '/week/1.2', { bypassCSP: true });
    const file = join(s.root, 'module-1/week-2.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace("Fear for Jamal's safety.", 'Changed on disk.'));
    await page.locator('#f-2a-in').fill('Typed here, near SW1A 1AA.');
    await page.locator('#f-2a-conflict').waitFor({ state: 'visible' });
    await expect.poll(() => page.locator('#f-2a-details').textContent()).toMatch(/postcode/);
    await page.screenshot({ path: join(SHOTS, 'laptop_week_conflict.png') });
    expect(await axe(page)).toEqual([]);
    // Keeping the file's version leaves the file as it is, and the page with it.
    await page.getByRole('button', { name: 'Keep the one in the file' }).click();
    expect(await page.locator('#f-2a-in').inputValue()).toBe('Changed on disk.');
    expect(readFileSync(file, 'utf8')).not.toContain('Typed here');
    await context.close();
  });
});
