import { describe, expect, it, beforeAll } from 'vitest';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { cli, demoCopy, fixtureCopy, tmp } from '../helpers.js';
import { run } from '../run.js';
import { loadProgramme } from '../../src/programme/load.js';
import { elementNames, rawContents, readPackage, type Package } from './leap2a.js';

const cat = loadProgramme();
const weekIds = cat.weeks.map((w) => `portfolio:week-${w.ref}`);
const itemIds = cat.programme.items.map((i) => `portfolio:item-${i.id}`);
/** What Mahara's blog and page import would show: no script, no form, no frame. */
const XHTML = new Set(['div', 'p', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'strong', 'em', 'del', 'code', 'br', 'a']);

async function exportTo(dir: string, ...extra: string[]) {
  const out = join(tmp(), 'leap2a.zip');
  const r = await run(['export', '--format', 'leap2a', '--dir', dir, '--out', out, ...extra]);
  return { r, out };
}

describe('permanence export --format leap2a', () => {
  let demo: string;
  let pkg: Package;
  let zip: string;
  beforeAll(async () => {
    demo = demoCopy('signed');
    const { r, out } = await exportTo(demo);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    zip = out;
    pkg = readPackage(out);
  });

  it('is a Leap2A 2010-07 feed with the namespaces and prefixes Mahara reads, and a feed-level author', () => {
    const feed = pkg.feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed['@xmlns:rdf']).toBe('http://www.w3.org/1999/02/22-rdf-syntax-ns#');
    expect(feed['@xmlns:leap2']).toBe('http://terms.leapspecs.org/');
    expect(feed['@xmlns:categories']).toBe('http://wiki.leapspecs.org/2A/categories/');
    expect(feed['leap2:version']).toBe('http://www.leapspecs.org/2010-07/2A/');
    expect((feed.author as { name: string }).name).toBe('Sam Rivers (fictional example)');
    expect(String(feed.id)).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(String(feed.updated)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Object.keys(pkg.files).sort()).toEqual(['files/portfolio.pdf', 'leap2a.xml']);
  });

  it('has one entry per week and per item, part of the programme selection (a journal), each tagged with the statements it evidences', () => {
    const ids = pkg.entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [...weekIds, ...itemIds]) expect(ids.filter((x) => x === id)).toHaveLength(1);
    expect(pkg.entries).toHaveLength(weekIds.length + itemIds.length + 2);
    const programme = pkg.entries.find((e) => e.id === 'portfolio:programme')!;
    expect(programme.rdfType).toBe('leap2:selection');
    expect(programme.categories).toContainEqual({ term: 'Blog', scheme: 'categories:selection_type#' });
    expect(programme.links.filter((l) => l.rel === 'leap2:has_part').map((l) => l.href)).toEqual([...weekIds, ...itemIds]);
    for (const id of [...weekIds, ...itemIds]) {
      const e = pkg.entries.find((x) => x.id === id)!;
      expect(e.rdfType).toBe('leap2:entry');
      expect(e.links).toEqual([{ rel: 'leap2:is_part_of', href: 'portfolio:programme' }]);
      // The demo is complete: nothing marked as a draft post.
      expect(e.categories.some((c) => c.scheme === 'categories:readiness#')).toBe(false);
    }
    const w14 = pkg.entries.find((e) => e.id === 'portfolio:week-1.4')!;
    const tags = w14.categories.filter((c) => !c.scheme).map((c) => c.term);
    const expected = cat.statements.filter((s) => s.weeks.includes('1.4')).map((s) => s.id);
    expect(tags).toEqual(['Module 1', ...expected]);
    expect(w14.published).toBe('2026-03-23T00:00:00Z');
  });

  it('every link target is present, and no entry links to itself', () => {
    const ids = new Set(pkg.entries.map((e) => e.id));
    let links = 0;
    for (const e of pkg.entries) {
      for (const l of e.links) {
        links++;
        expect(l.href, `${e.id} links to itself`).not.toBe(e.id);
        if (l.rel === 'enclosure') expect(pkg.files[l.href], `${e.id}: ${l.href} is not in the zip`).toBeDefined();
        else expect(ids.has(l.href), `${e.id}: ${l.rel} ${l.href} has no entry`).toBe(true);
      }
    }
    expect(links).toBeGreaterThan(70);
  });

  it('each content is XHTML wrapped in one XHTML div, well-formed, with only page elements in it', () => {
    const raw = rawContents(pkg.xml);
    expect(raw).toHaveLength(weekIds.length + itemIds.length + 1);
    for (const r of raw) {
      // The exact opening Mahara's importer strips before keeping the rest.
      expect(r.startsWith('<div xmlns="http://www.w3.org/1999/xhtml">')).toBe(true);
      expect(r.endsWith('</div>')).toBe(true);
      expect(XMLValidator.validate(r)).toBe(true);
    }
    for (const e of pkg.entries.filter((x) => x.contentType === 'xhtml')) {
      expect(e.div!['@xmlns']).toBe('http://www.w3.org/1999/xhtml');
      for (const name of elementNames(e.div)) expect(XHTML.has(name), `${e.id}: <${name}>`).toBe(true);
    }
  });

  it('holds the participant’s words and the programme’s questions', () => {
    const w13 = rawContents(pkg.xml)[weekIds.indexOf('portfolio:week-1.3') + 1]!;
    expect(w13).toContain('This report made me uncomfortable in a useful way.');
    expect(pkg.xml).toContain('Attended the workshop on Thursday 26 March 2026, the whole day.');
    // The briefing paper's table and headings come through as XHTML.
    const brief = rawContents(pkg.xml)[1 + weekIds.length + cat.programme.items.findIndex((i) => i.id === 'briefing-paper')]!;
    expect(brief).toContain('<h6>Why this matters</h6>');
    expect(brief).toContain('<th>Option</th>');
    expect(brief).toContain('<em>together</em>');
  });

  it('encloses the rendered PDF as a resource (a file)', () => {
    const pdfEntry = pkg.entries.find((e) => e.id === 'portfolio:pdf')!;
    expect(pdfEntry.rdfType).toBe('leap2:resource');
    expect(pdfEntry.categories).toContainEqual({ term: 'Offline', scheme: 'categories:resource_type#', label: 'File' });
    const enclosures = pdfEntry.links.filter((l) => l.rel === 'enclosure');
    expect(enclosures).toEqual([{ rel: 'enclosure', href: 'files/portfolio.pdf', type: 'application/pdf', length: String(pkg.files['files/portfolio.pdf']!.length) }]);
    const pdf = pkg.files['files/portfolio.pdf']!;
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
    // Only the PDF entry encloses anything: a post with an enclosure would import as a file.
    expect(pkg.entries.filter((e) => e.links.some((l) => l.rel === 'enclosure')).map((e) => e.id)).toEqual(['portfolio:pdf']);
  });

  it('gives the same bytes every time, in any time zone', async () => {
    const again = await exportTo(demo);
    expect(readFileSync(again.out).equals(readFileSync(zip))).toBe(true);
    const outs: Buffer[] = [];
    for (const TZ of ['Pacific/Kiritimati', 'America/Los_Angeles']) {
      const out = join(tmp(), 'tz.zip');
      const r = await cli(['export', '--dir', demo, '--out', out], { env: { TZ } });
      expect(r.code).toBe(0);
      outs.push(readFileSync(out));
    }
    expect(outs[0]!.equals(readFileSync(zip))).toBe(true);
    expect(outs[1]!.equals(readFileSync(zip))).toBe(true);
  });

  it('never takes anything from private/', async () => {
    const dir = demoCopy('unsigned');
    mkdirSync(join(dir, 'private'), { recursive: true });
    writeFileSync(join(dir, 'private', 'case-notes.md'), 'PRIVATEMARKER the real names and addresses\n');
    const { r, out } = await exportTo(dir);
    expect(r.code).toBe(0);
    const p = readPackage(out);
    expect(p.xml).not.toContain('PRIVATEMARKER');
    expect(Object.keys(p.files).some((f) => f.includes('private'))).toBe(false);
  });
});

describe('permanence export --format leap2a: refusals and drafts', () => {
  it('an incomplete portfolio is refused without --draft, and with it unanswered weeks are draft posts', async () => {
    const dir = fixtureCopy('half');
    const refused = await exportTo(dir);
    expect(refused.r.code).toBe(1);
    expect(refused.r.stderr).toContain('export refused: verify says this portfolio is not complete');
    expect(existsSync(refused.out)).toBe(false);
    const draft = await exportTo(dir, '--draft');
    expect(draft.r.code).toBe(0);
    expect(draft.r.stdout).toContain('Draft exported');
    const p = readPackage(draft.out);
    const unready = p.entries.filter((e) => e.categories.some((c) => c.term === 'Unready' && c.scheme === 'categories:readiness#'));
    expect(unready.length).toBeGreaterThan(0);
    expect(unready.length).toBeLessThan(weekIds.length + itemIds.length);
  });

  it('an unreviewed identifying detail is refused, even for a draft, and nothing is written', async () => {
    const dir = demoCopy('unsigned');
    const file = join(dir, 'module-1', 'week-3.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('This report made me uncomfortable', 'The family at SW1A 1AA made me uncomfortable'));
    const { r, out } = await exportTo(dir, '--draft');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('export refused: 1 possible identifying detail');
    expect(r.stderr).toContain('module-1/week-3.md');
    expect(existsSync(out)).toBe(false);
  });

  it('a hostile answer (closing tags, a script, ]]>, control characters) comes out escaped and well-formed', async () => {
    const dir = demoCopy('unsigned');
    const file = join(dir, 'module-1', 'week-3.md');
    const hostile = 'Closing early </div></content></entry><script>alert(1)</script> and ]]> and <![CDATA[x]]> and \u0001\u0007\u001b[31m\u007f\u0085 and &#0; &bogus; and "quotes" <b onclick="x">bold</b> [link](javascript:alert(1))';
    writeFileSync(file, readFileSync(file, 'utf8').replace('This report made me uncomfortable in a useful way.', `${hostile}\n\nThis report made me uncomfortable in a useful way.`));
    const { r, out } = await exportTo(dir, '--draft');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Draft exported');
    // The PDF's font has no glyph for DEL or NEL: said by code point, never by printing the character.
    for (const line of r.stderr.trim().split('\n')) expect(line).toMatch(/^warning: module-1\/week-3\.md: the PDF font has no U\+[0-9A-F]{4}; it is shown as a marker in the PDF$/);
    const p = readPackage(out);
    // eslint-disable-next-line no-control-regex
    expect(p.xml).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/);
    expect(p.xml).not.toContain(']]>');
    expect(p.xml).not.toContain('<script');
    expect(p.xml).not.toContain('javascript:alert(1)"');
    const w13 = p.entries.find((e) => e.id === 'portfolio:week-1.3')!;
    const names = elementNames(w13.div);
    expect(names.has('script')).toBe(false);
    expect(names.has('b')).toBe(false);
    for (const name of names) expect(XHTML.has(name), `<${name}>`).toBe(true);
    const raw = rawContents(p.xml)[weekIds.indexOf('portfolio:week-1.3') + 1]!;
    expect(raw).toContain('&lt;/div&gt;&lt;/content&gt;&lt;/entry&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(raw).toContain(']]&gt;');
    expect(raw).toContain('\ufffd');
    expect(raw).toContain('This report made me uncomfortable in a useful way.');
    expect(p.entries).toHaveLength(weekIds.length + itemIds.length + 2);
  });

  it('writes inside the portfolio only in submission/, and needs a portfolio', async () => {
    const dir = demoCopy('unsigned');
    const inside = await run(['export', '--dir', dir, '--out', join(dir, 'module-1', 'leap2a.zip')]);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toContain('inside the portfolio, the package goes in submission/');
    expect(existsSync(join(dir, 'module-1', 'leap2a.zip'))).toBe(false);
    const byDefault = await run(['export', '--dir', dir]);
    expect(byDefault.code).toBe(0);
    expect(readPackage(join(dir, 'submission', 'leap2a.zip')).entries).toHaveLength(weekIds.length + itemIds.length + 2);
    const nowhere = await run(['export', '--format', 'leap2a'], { cwd: tmp() });
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain('No portfolio here');
    expect((await run(['cpd'], { cwd: tmp() })).code).toBe(2);
  });

  it('an unknown format is a usage error', async () => {
    const r = await run(['export', '--format', 'pebble']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format pebble: not a format export knows');
  });
});
