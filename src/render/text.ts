// Text put on a pdfkit page at a place, on one line, already measured. Most
// of a portfolio is plain text in a colour; it is written here as a handful
// of operators. Underlined or struck text goes through pdfkit's own step.
import type { Doc } from './tags.js';

type Fragment = (text: string, x: number, y: number, options: object) => void;

interface EmbeddedFont {
  id: string;
  ascender: number;
  ref(): unknown;
  encode(text: string): [string[], unknown];
}

/** A page's content stream, as pdfkit keeps it until the page is written out. */
interface ContentRef {
  write(chunk: string | Uint8Array): void;
  finalize(): void;
}

interface PageInternals {
  fonts: Record<string, unknown>;
  content: ContentRef;
}

interface DocInternals {
  _font: EmbeddedFont;
  _fontSize: number;
  page: PageInternals;
  _fragment?: Fragment;
  addContent(data: string): void;
  on(event: 'pageAdded', fn: () => void): void;
}

/** What has been written to a page's content since it was made. */
interface Written {
  count: number;
}

/**
 * pdfkit turns each drawing command into bytes as it is written, a character
 * at a time in script (thousands of commands a page). A page's commands are
 * kept as text instead, and turned into bytes once, natively, when the page is
 * written out: the same bytes in the same order (latin1 keeps each
 * character's low byte, as pdfkit does). Each write is counted, for the
 * painter below.
 */
function batchWrites(ref: ContentRef): Written {
  const written = { count: 0 };
  const write = ref.write.bind(ref);
  const finalize = ref.finalize.bind(ref);
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    write(Buffer.from(pending.join(''), 'latin1'));
    pending = [];
  };
  ref.write = (chunk) => {
    written.count++;
    if (typeof chunk === 'string') pending.push(`${chunk}\n`);
    else {
      flush();
      write(chunk);
    }
  };
  ref.finalize = () => {
    flush();
    finalize();
  };
  return written;
}

/** PDF numbers as pdfkit writes them: at most six decimals. */
const num = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * Writes text for the Writer. pdfkit's doc.text() copies and completes its
 * options, splits at line breaks and measures the text again to move a cursor
 * nothing here uses; its _fragment, under that, wraps each piece of text in a
 * saved graphics state and a second flip of the page. Here a piece is one text
 * object (BT ... ET) placed by its text matrix in the page's own top-down
 * space, and the colour is set again only when something else was written to
 * the page since the last piece (that could have changed it): a seventh of the
 * demo's PDF before compression (3.63 -> 3.12 MB), a tenth of its render time.
 */
export class TextPainter {
  /** Each page's writes, by its content stream. */
  private readonly pages = new WeakMap<ContentRef, Written>();
  /** The page of the last plain piece, its count of writes after it, and the colour it left. */
  private last: { page: Written; count: number; color: string } | undefined;

  /** Made before anything is drawn: every page's content, from the one pdfkit made first, is batched. */
  constructor(private readonly doc: Doc) {
    const d = doc as unknown as DocInternals;
    const watch = () => {
      const ref = d.page?.content;
      if (ref && typeof ref.write === 'function' && typeof ref.finalize === 'function' && !this.pages.has(ref)) this.pages.set(ref, batchWrites(ref));
    };
    watch();
    d.on('pageAdded', watch);
  }

  /** Text with its top at `top`, in the current font and size. */
  plain(text: string, x: number, top: number, color: string): void {
    const d = this.doc as unknown as DocInternals;
    const page = d.page;
    const written = page?.content && this.pages.get(page.content);
    // A pdfkit without these insides is asked in its own way.
    if (!written || typeof d._font?.encode !== 'function') {
      this.decorated(text, x, top, color, { lineBreak: false });
      return;
    }
    const last = this.last;
    if (!last || last.page !== written || last.count !== written.count || last.color !== color) this.doc.fillColor(color);
    const font = d._font;
    const size = d._fontSize;
    if (page.fonts[font.id] == null) page.fonts[font.id] = font.ref();
    const glyphs = this.hex(font, text);
    // The page's space runs top-down (pdfkit flips it once per page): the text matrix flips the glyphs back upright.
    const baseline = top + (font.ascender / 1000) * size;
    d.addContent(`BT\n1 0 0 -1 ${num(x)} ${num(baseline)} Tm\n/${font.id} ${num(size)} Tf\n<${glyphs}> Tj\nET`);
    this.last = { page: written, count: written.count, color };
  }

  /** Each font's glyph numbers in hex, by character. */
  private readonly glyphHex = new WeakMap<EmbeddedFont, Map<number, string>>();

  /**
   * The text as glyph numbers, as pdfkit's encode gives them. Layout here is
   * one glyph a character (see usePlainLayout), so each character is encoded
   * by pdfkit once a font (which puts its glyph in the subset) and looked up after.
   */
  private hex(font: EmbeddedFont, text: string): string {
    let known = this.glyphHex.get(font);
    if (!known) this.glyphHex.set(font, (known = new Map()));
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const cp = text.codePointAt(i)!;
      let h = known.get(cp);
      if (h === undefined) {
        h = font.encode(String.fromCodePoint(cp))[0].join('');
        known.set(cp, h);
      }
      out += h;
      if (cp > 0xffff) i++;
    }
    return out;
  }

  /** Text with pdfkit's decorations (underline, strike), through pdfkit's own step for one line. */
  decorated(text: string, x: number, top: number, color: string, options: PDFKit.Mixins.TextOptions & { textWidth?: number }): void {
    this.doc.fillColor(color);
    const fragment = (this.doc as unknown as DocInternals)._fragment;
    if (typeof fragment === 'function' && !text.includes('\n')) fragment.call(this.doc, text, x, top, options);
    else this.doc.text(text, x, top, options);
    this.last = undefined;
  }
}
