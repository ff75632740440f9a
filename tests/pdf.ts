// A PDF's text as a reader sees it, page by page, read with pdf.js (no system tools needed).
import { readFileSync } from 'node:fs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;
// The legacy build is the one made for Node; loaded once per test file, only by the tests that read a PDF.
const load = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

/**
 * The text of each page: one line of the page per line of text, as pdftotext gives it.
 * Text on one baseline separated by a wide gap (a footer's left and right parts, table cells)
 * comes out as separate lines, so a line-based filter sees each part on its own.
 */
export async function pdfPages(pdf: Buffer | Uint8Array | string): Promise<string[]> {
  const { getDocument } = await load();
  const data = new Uint8Array(typeof pdf === 'string' ? readFileSync(pdf) : pdf);
  const doc = await getDocument({ data, verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
  try {
    const out: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const { items } = await page.getTextContent();
      out.push(pageText(items.filter((i): i is TextItem => 'str' in i)));
      page.cleanup();
    }
    return out;
  } finally {
    await doc.destroy();
  }
}

/** The whole document's text, pages separated by form feeds (as pdftotext writes it). */
export async function pdfText(pdf: Buffer | Uint8Array | string): Promise<string> {
  return (await pdfPages(pdf)).map((p) => `${p}\f`).join('');
}

function pageText(items: TextItem[]): string {
  let text = '';
  let last: { x: number; y: number; size: number } | undefined;
  const newline = () => {
    text = text.replace(/[ \t]+$/, '');
    if (text !== '' && !text.endsWith('\n')) text += '\n';
  };
  for (const item of items) {
    const [, , , d, x, y] = item.transform as number[];
    const size = Math.abs(d ?? 0) || item.height || last?.size || 10;
    if (item.str.trim() === '') {
      // pdf.js marks the gaps it sees with a blank item; a wide one is a gap between columns.
      if (item.str !== '' && last && item.width > 3 * last.size) newline();
      else if (item.str !== '' && !/\s$/.test(text)) text += ' ';
      if (item.hasEOL) newline();
      continue;
    }
    if (last && Math.abs(y! - last.y) > last.size / 2) newline();
    else if (last && (x! - last.x > 3 * last.size || x! < last.x - last.size)) newline(); // another column
    else if (last && x! - last.x > 0.15 * last.size && text !== '' && !/\s$/.test(text)) text += ' ';
    text += item.str;
    last = { x: x! + item.width, y: y!, size };
    if (item.hasEOL) newline();
  }
  newline();
  return text;
}
