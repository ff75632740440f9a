import { describe, expect, it, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFDict, PDFString, PDFHexString } from 'pdf-lib';
import { cli, clean, copyDir, tmp, demoCopy } from '../helpers.js';
import { run } from '../run.js';
import { pdfPages, pdfText } from '../pdf.js';
import { loadProgramme } from '../../src/programme/load.js';
import { readPortfolio } from '../../src/portfolio/portfolio.js';
import { answerText } from '../../src/assess/answers.js';

let demo: string;

beforeAll(() => {
  demo = demoCopy('signed');
});

/** The text without the running footers and headers, so a sentence across a page break reads on. */
const withoutFooters = (t: string) => t.replace(/^.*· Achieving Permanence\s*$/gm, '').replace(/^Page \d+ of \d+\s*$/gm, '').replace(/^(Module \d+: .* · Week \d+: |Portfolio items · |Self-assessments · ).*$/gm, '').replace(/\f/g, '');
const squash = (t: string) => t.replace(/[•◦▪✓]/g, ' ').replace(/[\s\u00ad]+/g, ' ').replace(/- /g, '-').trim();
/** Markdown syntax off an answer, leaving the words a reader sees. */
const plainWords = (md: string) =>
  md
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s*(#{1,6}|>|[-*+]|\|[-:| ]+\|?)\s*/gm, ' ')
    .replace(/\[[ xX]\]/g, ' ')
    .replace(/[*_`|]/g, ' ')
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w));

describe('permanence render', () => {
  it('the demo: a PDF whose text holds every answer of every entry, and a manifest', async () => {
    const pdf = join(demo, 'submission', 'portfolio.pdf');
    // Compared as words only (letters and digits), so bullets, dashes and line breaks do not matter.
    const wordsOnly = (t: string) => t.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    const text = wordsOnly(withoutFooters(await pdfText(pdf)));
    const cat = loadProgramme();
    const portfolio = readPortfolio(demo, cat);
    let checked = 0;
    for (const entry of portfolio.entries.values()) {
      if (entry.spec.kind === 'selfassessment') continue;
      const fields = entry.spec.kind === 'week' ? entry.spec.week.tasks.flatMap((t) => t.fields.map((f) => [`${t.number}${f.id}`, f] as const)) : entry.spec.item.fields.map((f) => [f.id, f] as const);
      for (const [key, field] of fields) {
        if (field.kind === 'check' || field.kind === 'entry') continue; // drawn as "✓ Done", or answered in its item
        const words = plainWords(answerText(entry.slots.get(key)?.raw ?? '', field));
        if (words.length === 0) continue;
        // Every word of the answer, in order, appears in the PDF's text: check a run of words from the start and the end.
        const all = wordsOnly(words.join(' ')).split(' ');
        expect(text, `${entry.file} ${key}`).toContain(all.slice(0, 8).join(' '));
        expect(text, `${entry.file} ${key}`).toContain(all.slice(-8).join(' '));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
    const manifest = JSON.parse(readFileSync(join(demo, 'submission', 'manifest.json'), 'utf8'));
    const { createHash } = await import('node:crypto');
    expect(manifest.pdf.sha256).toBe(createHash('sha256').update(readFileSync(pdf)).digest('hex'));
    expect(manifest.programme.version).toBe(cat.programme.version);
    expect(manifest.git_commit).toMatch(/^[0-9a-f]{40}$/);
    expect(manifest.signoffs[0]).toMatchObject({ kind: 'final', status: 'valid' });
    expect(manifest.files.map((f: { path: string }) => f.path)).toContain('module-1/week-1.md');
    expect(manifest.files.some((f: { path: string }) => f.path.startsWith('signoffs/') || f.path.startsWith('private/'))).toBe(false);
  });

  it('the outline has every module and week; the metadata says what the document is', async () => {
    const doc = await PDFDocument.load(readFileSync(join(demo, 'submission', 'portfolio.pdf')));
    const titles: string[] = [];
    const outlines = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict);
    const walk = (first: unknown) => {
      let node = first instanceof PDFDict ? first : undefined;
      while (node) {
        const t = node.lookup(PDFName.of('Title'));
        if (t instanceof PDFString || t instanceof PDFHexString) titles.push(t.decodeText());
        walk(node.lookup(PDFName.of('First')));
        const next = node.lookup(PDFName.of('Next'));
        node = next instanceof PDFDict ? next : undefined;
      }
    };
    walk(outlines.lookup(PDFName.of('First')));
    for (const m of [1, 2, 3, 4]) {
      expect(titles.some((t) => t.startsWith(`Module ${m}`)), `module ${m}`).toBe(true);
      for (const w of [1, 2, 3, 4, 5, 6, 7]) expect(titles.some((t) => new RegExp(`^(Module ${m}, )?[Ww]eek ${w}\\b`).test(t)), `week ${m}.${w} in ${titles.join(' | ')}`).toBe(true);
    }
    expect(doc.getTitle()).toContain('Sam Rivers (fictional example)');
    expect(doc.getAuthor()).toBe('Sam Rivers (fictional example)');
  });

  it('two renders of the same portfolio are byte-identical', async () => {
    const dir = copyDir(demo);
    const out1 = join(tmp(), 'a');
    const out2 = join(tmp(), 'b');
    expect((await run(['render', '--dir', dir, '--out', out1])).code).toBe(0);
    expect((await cli(['render', '--dir', dir, '--out', out2], { env: { TZ: 'Pacific/Auckland' } })).code).toBe(0);
    expect(readFileSync(join(out1, 'portfolio.pdf')).equals(readFileSync(join(out2, 'portfolio.pdf')))).toBe(true);
    expect(readFileSync(join(out1, 'manifest.json'), 'utf8')).toBe(readFileSync(join(out2, 'manifest.json'), 'utf8'));
  });

  it('a file changed after render, or a changed PDF, is caught by verify against the manifest', async () => {
    const dir = copyDir(demo);
    const ok = await run(['verify', dir, '--bundle', join(dir, 'submission')]);
    expect(ok.code).toBe(0);
    writeFileSync(join(dir, 'module-2/week-2.md'), `${readFileSync(join(dir, 'module-2/week-2.md'), 'utf8')}\nLater thought.\n`);
    const changed = await run(['verify', dir, '--bundle', join(dir, 'submission')]);
    expect(changed.code).toBe(1);
    expect(clean(changed.stdout)).toContain(`module-2/week-2.md: has changed since the bundle in ${join(dir, 'submission')} was rendered`);
    const pdfDir = copyDir(demo);
    const pdf = join(pdfDir, 'submission', 'portfolio.pdf');
    const bytes = readFileSync(pdf);
    bytes[bytes.length - 100] ^= 1;
    writeFileSync(pdf, bytes);
    const tampered = await run(['verify', pdfDir, '--bundle', join(pdfDir, 'submission'), '--format', 'json']);
    expect(tampered.code).toBe(1);
    const p = JSON.parse(tampered.stdout).portfolios[0].problems.find((x: { code: string }) => x.code === 'bundle-pdf');
    expect(p.message).toContain('not the PDF that was rendered');
  });

  it('refuses (exit 1) while identifying details are unreviewed, even as a draft, and lists them', async () => {
    const dir = copyDir(demo);
    rmSync(join(dir, 'submission'), { recursive: true });
    writeFileSync(join(dir, 'module-1/week-5.md'), `${readFileSync(join(dir, 'module-1/week-5.md'), 'utf8')}\nHer date of birth is 15/04/2009.\n`);
    for (const extra of [[], ['--draft']]) {
      const r = await run(['render', '--dir', dir, ...extra]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/render refused: 1 possible identifying detail.*\n\s+module-1\/week-5\.md:\d+:\d+: .*15\/04\/2009/);
      expect(existsSync(join(dir, 'submission'))).toBe(false);
    }
    // reviewed: it renders
    writeFileSync(join(dir, 'module-1/week-5.md'), readFileSync(join(dir, 'module-1/week-5.md'), 'utf8').replace('15/04/2009.', '15/04/2009. <!-- reviewed -->'));
    expect((await run(['render', '--dir', dir])).code).toBe(1); // the edit breaks the sign-off: not complete any more
    expect((await run(['render', '--dir', dir, '--draft'])).code).toBe(0);
  });

  it('refuses an incomplete portfolio with verify’s reasons; --draft renders it marked as a draft on every page', async () => {
    const dir = join(tmp(), 'p');
    await run(['init', dir, '--yes']);
    const r = await run(['render', '--dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('render refused: verify says this portfolio is not complete');
    expect(r.stderr).toContain('Requirements not met');
    const d = await run(['render', '--dir', dir, '--draft']);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout).toContain('Draft rendered');
    const pdf = join(dir, 'submission', 'portfolio.pdf');
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(0);
    pages.forEach((text, i) => expect(text, `page ${i + 1}`).toMatch(/DRAFT/));
    // submission/ is kept out of git
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: dir, encoding: 'utf8' })).toBe('');
  });

  it('every character survives: Latin with diacritics, Greek, Cyrillic, typographic quotes', async () => {
    const dir = copyDir(demo);
    rmSync(join(dir, 'signoffs'), { recursive: true });
    const line = 'Zoë Ó’Brien, Łódź, Ελένη, Мария, naïve café – “quotes” …';
    const file = join(dir, 'items/case-review.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/(## a\) [^\n]*\n(?:\n?>[^\n]*\n)*\n)/, `$1${line}\n\n`));
    const r = await run(['render', '--dir', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(await pdfText(join(dir, 'submission', 'portfolio.pdf'))).toContain(line);
    cpSync(join(dir, 'submission'), join(tmp(), 'keep'), { recursive: true });
  });

  it('text written outside the answers, and words written in place of a tick, are in the PDF; status and verify point to them', async () => {
    const dir = copyDir(demo);
    rmSync(join(dir, 'signoffs'), { recursive: true });
    const file = join(dir, 'module-1/week-2.md');
    let text = readFileSync(file, 'utf8');
    text = text.replace(/^(## Task 3[^\n]*\n)/m, '$1\nI came back to this after supervision with my manager.\n');
    text = text.replace(/^- \[[xX]\] [^\n]*$/m, 'Yes, watched it twice.');
    text = `${text.trimEnd()}\n\n## My notes for this week\n\nAsk about the court timetable before the review.\n`;
    writeFileSync(file, text);
    const v = await run(['verify', dir]);
    expect(v.code, v.stdout).toBe(0);
    const out = clean(v.stdout);
    expect(out).toMatch(/module-1\/week-2\.md:\d+: text outside any answer, under Task 3/);
    expect(out).toMatch(/module-1\/week-2\.md:\d+: text outside any answer, under Task \d+: it is kept/);
    expect(clean((await run(['status', '--dir', dir])).stdout)).toContain('text outside any answer');
    const r = await run(['render', '--dir', dir]);
    expect(r.code, r.stderr).toBe(0);
    const pdf = squash(withoutFooters(await pdfText(join(dir, 'submission', 'portfolio.pdf'))));
    for (const words of ['I came back to this after supervision with my manager.', 'Yes, watched it twice.', 'My notes for this week', 'Ask about the court timetable before the review.']) {
      expect(pdf).toContain(words);
    }
    expect(pdf).toContain('Your own notes');
  });

  it('a reflective study of a few words is answered, with a warning that gives its count', async () => {
    const dir = copyDir(demo);
    rmSync(join(dir, 'signoffs'), { recursive: true });
    const file = join(dir, 'module-1/week-5.md');
    const text = readFileSync(file, 'utf8');
    const heading = /^### a\) [^\n]*reflective study[^\n]*$/im.exec(text)!;
    const start = text.indexOf('\n', heading.index) + 1;
    const next = text.slice(start).search(/^#{2,3} /m);
    const region = text.slice(start, next === -1 ? undefined : start + next);
    const kept = region.split('\n').filter((l) => l.startsWith('>')).join('\n');
    writeFileSync(file, text.slice(0, start) + `\n${kept}\n\nI learnt that delay harms children most of all.\n\n` + (next === -1 ? '' : text.slice(start + next)));
    const v = await run(['verify', dir, '--format', 'json']);
    const report = JSON.parse(v.stdout).portfolios[0];
    expect(report.problems.filter((p: { code: string }) => p.code === 'short-answer')).toEqual([
      expect.objectContaining({ file: 'module-1/week-5.md', severity: 'warning', message: expect.stringMatching(/^task 3 a\) Reflective study: \d\d? words, where up to 500 are asked for$/) }),
    ]);
    expect(v.code).toBe(0);
  });
});

