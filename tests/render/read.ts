// A rendered PDF read back as a checker reads it: text with its place on the
// page, the text of each marked-content sequence (what the tags give a screen
// reader), and the structure tree, all through pdf.js.
import type { TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;
const load = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

export interface Placed {
  str: string;
  /** From the top of the page, in points. */
  top: number;
  x: number;
  size: number;
}

export interface StructNode {
  role?: string;
  alt?: string;
  children?: StructNode[];
  type?: string;
  id?: string;
}

export interface ReadPage {
  height: number;
  items: Placed[];
  /** The text of each marked-content sequence, its pieces joined as drawn: nothing added between them. */
  marked: { tag: string; text: string; mcid?: number }[];
  /** The page's object number, as the structure tree's /Pg names it. */
  ref: number;
  tree: StructNode | null;
}

export async function readPdf(pdf: Buffer | Uint8Array): Promise<ReadPage[]> {
  const { getDocument, OPS } = await load();
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
  try {
    const pages: ReadPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const height = page.view[3]!;
      const content = await page.getTextContent({ includeMarkedContent: true });
      const items: Placed[] = [];
      for (const it of content.items as (TextItem | TextMarkedContent)[]) {
        if ('type' in it || it.str.trim() === '') continue;
        const [, , , d, x, y] = it.transform as number[];
        items.push({ str: it.str, top: height - y!, x: x!, size: Math.abs(d!) });
      }
      pages.push({ height, items, marked: await markedText(page, OPS), tree: (await page.getStructTree()) as StructNode | null, ref: page.ref?.num ?? -1 });
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

type Page = Awaited<ReturnType<Awaited<ReturnType<PdfJs['getDocument']>['promise']>['getPage']>>;

/**
 * The text of each marked-content sequence from the drawing operators
 * themselves, glyph by glyph: what a reader of the tags gets. (pdf.js's text
 * content trims spaces at the end of a line, so it cannot show whether the
 * content has them.)
 */
async function markedText(page: Page, OPS: PdfJs['OPS']): Promise<{ tag: string; text: string; mcid?: number }[]> {
  const { fnArray, argsArray } = await page.getOperatorList();
  const out: { tag: string; text: string; mcid?: number }[] = [];
  let mcid: number | undefined;
  let depth = 0;
  let current = '';
  let tag = '';
  fnArray.forEach((fn, i) => {
    if (fn === OPS.beginMarkedContent || fn === OPS.beginMarkedContentProps) {
      if (depth++ === 0) {
        current = '';
        const name = (argsArray[i] as unknown[])[0] as string | { name: string };
        tag = typeof name === 'string' ? name : name.name;
        const id = (argsArray[i] as unknown[])[1];
        mcid = typeof id === 'number' ? id : undefined;
      }
    } else if (fn === OPS.endMarkedContent) {
      if (--depth === 0) out.push({ tag, text: current, ...(mcid === undefined ? {} : { mcid }) });
    } else if (fn === OPS.showText || fn === OPS.showSpacedText) {
      const glyphs = (argsArray[i] as unknown[])[0] as ({ unicode?: string } | number | null)[];
      for (const g of glyphs) if (g && typeof g === 'object') current += g.unicode ?? '';
    }
  });
  return out;
}

/** Every node of a structure tree, depth first (reading order). */
export function nodes(tree: StructNode | null): StructNode[] {
  const out: StructNode[] = [];
  const walk = (n: StructNode) => {
    out.push(n);
    for (const c of n.children ?? []) walk(c);
  };
  if (tree) walk(tree);
  return out;
}

/** A page's lines of text, top to bottom: items on one baseline joined. */
export function lines(page: ReadPage, from = 0, to = Infinity): { top: number; text: string }[] {
  const rows = new Map<number, Placed[]>();
  for (const it of page.items) {
    if (it.top < from || it.top > to) continue;
    const key = Math.round(it.top);
    const row = rows.get(key) ?? rows.get(key - 1) ?? rows.get(key + 1);
    if (row) row.push(it);
    else rows.set(key, [it]);
  }
  return [...rows.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([top, row]) => ({ top, text: row.sort((a, b) => a.x - b.x).map((r) => r.str).join(' ').replace(/\s+/g, ' ').trim() }));
}
