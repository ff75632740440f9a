import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fontBytes, Glyphs, usePlainLayout } from '../../src/render/fonts.js';
import { TextPainter } from '../../src/render/text.js';

const PDFDocument = createRequire(import.meta.url)('pdfkit') as typeof import('pdfkit');

/** A one-font document, its painter, and a way to read its first page's drawing commands back. */
async function page(draw: (doc: PDFKit.PDFDocument, painter: TextPainter) => void): Promise<string> {
  const doc = new PDFDocument({ size: 'A4', compress: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.registerFont('regular', fontBytes().get('regular')!);
  doc.font('regular').fontSize(10);
  const embedded = (doc as unknown as { _font: { font: ConstructorParameters<typeof Glyphs>[0] } })._font;
  usePlainLayout(embedded, new Glyphs(embedded.font));
  const painter = new TextPainter(doc);
  draw(doc, painter);
  doc.end();
  await ended;
  const pdf = Buffer.concat(chunks).toString('latin1');
  // The first stream with a text object in it is the page's content.
  for (const m of pdf.matchAll(/stream\n([\s\S]*?)\nendstream/g)) {
    let text = m[1]!;
    if (!text.includes('BT')) {
      try {
        text = inflateSync(Buffer.from(text, 'latin1')).toString('latin1');
      } catch {
        continue;
      }
    }
    if (text.includes('BT')) return text;
  }
  throw new Error('no page content with text in it');
}

const scnLines = (content: string) => content.split('\n').filter((l) => l.endsWith(' scn'));

describe('the text painter', () => {
  it('sets a colour once for pieces that follow each other, and again after anything else was drawn', async () => {
    const content = await page((doc, p) => {
      p.plain('first', 50, 50, '#1d1d1f');
      p.plain('second', 50, 70, '#1d1d1f');
      // Drawn outside a saved state: it leaves the fill colour red.
      doc.rect(50, 90, 20, 20).fill('#ff0000');
      p.plain('third', 50, 120, '#1d1d1f');
      p.plain('fourth', 50, 140, '#0000ff');
    });
    const dark = '0.11372549019607843 0.11372549019607843 0.12156862745098039 scn';
    expect(scnLines(content)).toEqual([dark, '1 0 0 scn', dark, '0 0 1 scn']);
    // Each piece's colour comes before its text, the red square's between the second and the third.
    const at = (s: string) => content.indexOf(s);
    expect(at('1 0 0 scn')).toBeLessThan(content.lastIndexOf(dark));
    expect(content.lastIndexOf(dark)).toBeLessThan(content.lastIndexOf('Tj'));
    expect(content.match(/ Tj$/gm)).toHaveLength(4);
  });

  it('places text upright at its top in the page’s top-down space, in the font asked for', async () => {
    const content = await page((_doc, p) => p.plain('Zoë', 72, 100, '#000000'));
    const tm = /1 0 0 -1 72 ([\d.]+) Tm\n\/(\w+) 10 Tf\n<([0-9a-f]+)> Tj/.exec(content);
    expect(tm, content).not.toBeNull();
    // The baseline sits the font's ascent below the top: DejaVu Sans's is 0.928 em.
    expect(Number(tm![1])).toBeCloseTo(100 + 9.28, 1);
    expect(tm![3]).toHaveLength(12); // three glyphs, four hex digits each
  });

  it('writes a participant’s text only as glyph numbers: PDF syntax in it is text, never commands', async () => {
    const hostile = 'a) Tj ET Q 0 0 1 rg BT (b> Tj\nET\r<< /S /JavaScript >>';
    const content = await page((_doc, p) => p.plain(hostile, 72, 100, '#000000'));
    const objects = [...content.matchAll(/BT\n([\s\S]*?)\nET/g)].map((m) => m[1]!);
    expect(objects).toHaveLength(1);
    expect(objects[0]).toMatch(/^1 0 0 -1 72 [\d.]+ Tm\n\/\w+ 10 Tf\n<[0-9a-f]+> Tj$/);
    expect(content).not.toContain('JavaScript');
  });
});
