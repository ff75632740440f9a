// A small flow layout over pdfkit: styled runs broken into lines, page breaks
// that keep headings with what follows, tables that break between rows with
// their header repeated, and the tagged structure around each block. pdfkit's
// own wrapping is not used: we measure and place every line ourselves, so a
// page break, a missing glyph or a link never surprises us.
import { coverText, type Face, type Glyphs, type GlyphSource } from './fonts.js';
import { breakLines, type Frag, type Line } from './lines.js';
import { A4, BODY, COLOURS, LEADING, MARGIN, SIDE, style, type Run, type TableCell, type TableOptions, type TextStyle } from './style.js';
import { drawTable } from './table.js';
import { Tagger, type Doc } from './tags.js';
import { TextPainter } from './text.js';

export * from './style.js';
export type { Line } from './lines.js';

export type { Doc } from './tags.js';

export interface MissingGlyph {
  char: string;
  codePoint: string;
  file: string;
}

export interface ParagraphOptions {
  /** Extra indent of the whole block from the current left edge. */
  indent?: number;
  /** Width, when narrower than the column. */
  width?: number;
  align?: 'left' | 'center' | 'right';
  /** Line height as a multiple of the font size. */
  leading?: number;
  /** Space after the block. */
  after?: number;
  /** Drawn in the left gutter on the first line (a list bullet or number). */
  marker?: Run;
  markerX?: number;
  /** Structure type (P, H1, ...); the block is tagged when the document is. */
  tag?: string;
  /** Lines to keep together at the start (default 2: no single line alone at the bottom). */
  keep?: number;
}


export interface TocEntry {
  id: string;
  title: string;
  level: number;
  page?: number;
}


export class Writer extends Tagger {
  y = MARGIN;
  left = SIDE;
  right = A4.width - SIDE;
  readonly top = MARGIN;
  readonly bottom = A4.height - MARGIN - 10;
  /** 0-based index of the page being written. */
  page = 0;
  /** The file the text being written comes from, for reporting missing glyphs. */
  source = '';
  readonly missing: MissingGlyph[] = [];
  private readonly seenMissing = new Set<string>();
  /** Drawn after the flow, page by page: decorations that span page breaks. */
  readonly decorations: { page: number; draw: (doc: Doc) => void }[] = [];
  private readonly quoteBars: { x: number; from: number }[] = [];
  /** Widths at size 1, by face, then by text. */
  private readonly widthCache = new Map<Face, Map<string, number>>();
  private currentFont = '';
  private currentSize = 0;

  constructor(
    doc: Doc,
    private readonly sources: Map<Face, GlyphSource>,
    private readonly metrics: Map<Face, Glyphs>,
    tagged: boolean,
  ) {
    super(doc, tagged);
    this.text = new TextPainter(doc);
  }

  private readonly text: TextPainter;

  get width(): number {
    return this.right - this.left;
  }

  // ---- pages ---------------------------------------------------------------

  newPage(): void {
    this.closeQuoteBars();
    this.doc.continueOnNewPage();
    this.page++;
    this.y = this.top;
    this.heads[this.page] = this.sectionPage < this.page ? this.section : '';
    this.openQuoteBars();
  }

  /** The part, module and week being written: the running header of the pages it continues on. */
  private section = '';
  private sectionPage = 0;
  /** Each page's running header ('' for none: the page starts its own part or week). */
  readonly heads: string[] = [];

  /** A part or week starts here; a page it starts at the top of has no running header. */
  startSection(title: string): void {
    this.section = title;
    this.sectionPage = this.page;
    if (this.y <= this.top + 0.5) this.heads[this.page] = '';
  }

  /** Starts a new page unless this one is still empty. */
  freshPage(): void {
    if (this.y > this.top + 0.5) this.newPage();
  }

  /** Makes room for `height`, on a new page if it does not fit here. */
  ensure(height: number): boolean {
    if (this.y + height > this.bottom && this.y > this.top + 0.5) {
      this.newPage();
      return true;
    }
    return false;
  }

  space(height: number): void {
    if (this.y > this.top + 0.5) this.y = Math.min(this.y + height, this.bottom);
  }

  get room(): number {
    return this.bottom - this.y;
  }

  // ---- indentation and quotes ---------------------------------------------

  indented<T>(by: number, fn: () => T, rightBy = 0): T {
    this.left += by;
    this.right -= rightBy;
    try {
      return fn();
    } finally {
      this.left -= by;
      this.right += rightBy;
    }
  }

  quoted(fn: () => void): void {
    const x = this.left + 2;
    this.quoteBars.push({ x, from: this.y });
    this.indented(12, fn);
    const bar = this.quoteBars.pop()!;
    this.barSegment(bar.x, bar.from, this.y - 4);
  }

  private barSegment(x: number, from: number, to: number): void {
    if (to <= from) return;
    this.decorations.push({
      page: this.page,
      draw: (doc) => {
        doc.save().lineWidth(2).strokeColor(COLOURS.rule).moveTo(x, from).lineTo(x, to).stroke().restore();
      },
    });
  }

  private closeQuoteBars(): void {
    for (const b of this.quoteBars) this.barSegment(b.x, b.from, this.y - 2);
  }

  private openQuoteBars(): void {
    for (const b of this.quoteBars) b.from = this.y;
  }

  // ---- measuring ----------------------------------------------------------

  setFont(face: Face, size: number): void {
    if (this.currentFont !== face) {
      this.doc.font(face);
      this.currentFont = face;
    }
    if (this.currentSize !== size) {
      this.doc.fontSize(size);
      this.currentSize = size;
    }
  }

  measure(text: string, face: Face, size: number): number {
    let widths = this.widthCache.get(face);
    if (!widths) this.widthCache.set(face, (widths = new Map()));
    let w = widths.get(text);
    if (w === undefined) {
      // Straight from the font's advance widths: the same numbers pdfkit draws with (see usePlainLayout).
      w = this.metrics.get(face)!.width(text);
      widths.set(text, w);
    }
    return w * size;
  }

  private onMissing = (char: string, cp: number) => {
    const codePoint = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    const key = `${this.source}\u0000${codePoint}`;
    if (this.seenMissing.has(key)) return;
    this.seenMissing.add(key);
    this.missing.push({ char, codePoint, file: this.source });
  };

  /** Runs cut into words, spaces and breaks, each in a face that can draw it. */
  private frags(runs: Run[]): Frag[] {
    const out: Frag[] = [];
    for (const r of runs) {
      for (const piece of coverText(r.text.normalize('NFC'), r.style.face, this.sources, this.onMissing)) {
        const st = piece.marker ? { ...r.style, color: COLOURS.bad } : r.style;
        if (piece.marker) {
          out.push({ text: piece.text, style: st, face: piece.face, marker: true, width: this.measure(piece.text, piece.face, st.size), kind: 'word' });
          continue;
        }
        for (const m of piece.text.matchAll(/(\r?\n)|([ \t\u00a0]+)|([^ \t\u00a0\r\n]+)/g)) {
          if (m[1]) out.push({ text: '', style: st, face: piece.face, marker: false, width: 0, kind: 'break' });
          else if (m[2]) out.push({ text: ' ', style: st, face: piece.face, marker: false, width: this.measure(' ', piece.face, st.size), kind: 'space' });
          else out.push({ text: m[3]!, style: st, face: piece.face, marker: false, width: this.measure(m[3]!, piece.face, st.size), kind: 'word' });
        }
      }
    }
    return out;
  }

  /** Breaks runs into lines no wider than `width`. */
  layout(runs: Run[], width: number, leading = LEADING): Line[] {
    return breakLines(this.frags(runs), width, leading, runs[0]?.style.size ?? BODY, (text, face, size) => this.measure(text, face, size));
  }

  /** Draws one line with its top at `y`. */
  drawLine(line: Line, x: number, y: number, width: number, align: 'left' | 'center' | 'right' = 'left'): void {
    const doc = this.doc;
    let cx = align === 'center' ? x + (width - line.width) / 2 : align === 'right' ? x + width - line.width : x;
    // Merge neighbours of one style so text is drawn (and extracted) in whole phrases.
    const groups: { text: string; style: TextStyle; face: Face; width: number }[] = [];
    for (const f of line.frags) {
      const last = groups[groups.length - 1];
      if (last && last.face === f.face && sameStyle(last.style, f.style)) {
        last.text += f.text;
        last.width += f.width;
      } else groups.push({ text: f.text, style: f.style, face: f.face, width: f.width });
    }
    // A line broken at a space keeps it in the text (drawn, invisible, past the line's end): extracted and tagged text then has no joined words.
    const tail = groups[groups.length - 1];
    if (line.soft && tail) tail.text += ' ';
    // One baseline for the line, whatever the sizes on it.
    const baseline = y + (line.height - line.size * 1.164) / 2 + line.size * 0.928;
    const textTop = (size: number) => baseline - size * 0.928;
    for (const g of groups) {
      if (g.style.code && g.text.trim() !== '') {
        const t = textTop(g.style.size);
        const bx = cx;
        this.artifact(() => doc.save().roundedRect(bx - 1.5, t - 1, g.width + 3, g.style.size * 1.164 + 2, 2).fill(COLOURS.code).restore());
      }
      if (g.text !== '') {
        const at = cx;
        const draw = () => {
          this.setFont(g.face, g.style.size);
          const top = textTop(g.style.size);
          if (!g.style.underline && !g.style.link && !g.style.strike) this.text.plain(g.text, at, top, g.style.color);
          else {
            const opts: PDFKit.Mixins.TextOptions & { textWidth?: number } = { lineBreak: false, textWidth: g.width };
            if (g.style.underline || g.style.link) opts.underline = true;
            if (g.style.strike) opts.strike = true;
            this.text.decorated(g.text, at, top, g.style.color, opts);
          }
        };
        if (g.style.link) this.linkPiece(g.style.link, draw, [at, textTop(g.style.size), g.width, g.style.size * 1.164]);
        else this.piece(draw);
      }
      cx += g.width;
    }
  }

  /** The level of the last heading tagged (0 before the first). */
  headingLevel = 0;

  /**
   * A heading's structure type: the level asked for, but never more than one
   * below the heading before it, so the outline a screen reader lists never
   * skips a level, whatever headings an answer's markdown has.
   */
  private headingTag(tag: string): string {
    const m = /^H([1-6])$/.exec(tag);
    if (!m) return tag;
    this.headingLevel = Math.min(Number(m[1]), this.headingLevel + 1);
    return `H${this.headingLevel}`;
  }

  /** A block of text in the flow, broken across pages as needed. */
  paragraph(runs: Run[], options: ParagraphOptions = {}): void {
    const x = this.left + (options.indent ?? 0);
    const width = options.width ?? this.right - x;
    const lines = this.layout(runs, width, options.leading ?? LEADING);
    const keep = Math.min(options.keep ?? 2, lines.length);
    // The first lines kept together are placed before anything is drawn, so the marker goes on the page its text starts on.
    if (this.y + lines.slice(0, keep).reduce((h, l) => h + l.height, 0) > this.bottom) this.newPage();
    const marker = () => {
      const ml = this.layout([options.marker!], 40, options.leading ?? LEADING)[0];
      if (ml && lines[0]) this.drawLine({ ...ml, height: lines[0].height }, options.markerX ?? x - 14, this.y, 0);
    };
    let inline = Boolean(options.marker);
    const draw = () => {
      lines.forEach((line, i) => {
        if (i > 0 && this.y + line.height > this.bottom) this.newPage();
        if (i === 0 && inline) marker();
        this.drawLine(line, x, this.y, width, options.align);
        this.y += line.height;
      });
    };
    const body = (tag: string) => (runs.some((r) => r.style.link) ? this.linkedLeaf(tag, draw) : this.leaf(tag, draw));
    if (options.marker && options.tag === 'LI') {
      // A list item of one paragraph: its marker the label, its text the body.
      this.listItem(() => {
        inline = !this.intoLabel(marker);
        body('P');
      });
    } else {
      // In a list item, the first marker drawn is its label; anywhere else, part of the paragraph.
      if (options.marker && this.intoLabel(marker)) inline = false;
      body(this.headingTag(options.tag ?? 'P'));
    }
    if (options.after) this.space(options.after);
  }

  /** Height a block of runs would take. */
  heightOf(runs: Run[], width: number, leading = LEADING): number {
    // Keep-with-next measures the same labels and source lines more than once: a height depends only on the words, faces, sizes and width.
    const key = `${width}\u0001${leading}\u0001${runs.map((r) => `${r.style.face}\u0002${r.style.size}\u0002${r.text}`).join('\u0001')}`;
    let h = this.heights.get(key);
    if (h === undefined) {
      h = this.layout(runs, width, leading).reduce((sum, l) => sum + l.height, 0);
      this.heights.set(key, h);
    }
    return h;
  }

  private readonly heights = new Map<string, number>();

  /** A horizontal rule across the column. */
  rule(color = COLOURS.rule, weight = 0.6): void {
    const y = this.y;
    const { left, right } = this;
    this.artifact(() => {
      this.doc.save().lineWidth(weight).strokeColor(color).moveTo(left, y).lineTo(right, y).stroke().restore();
    });
  }

  /** Preformatted text: spaces kept, lines cut at the column, a light background. */
  codeBlock(text: string, size = BODY - 1.5): void {
    const width = this.width - 12;
    const lines = text
      .replace(/\t/g, '    ')
      .split(/\r?\n/)
      .flatMap((l) => this.layout([{ text: l.replace(/ /g, '\u00a0'), style: style({ face: 'mono', size }) }], width, 1.35));
    this.leaf('Code', () => {
      for (const [i, line] of lines.entries()) {
        if (this.y + line.height + (i === 0 ? 4 : 0) > this.bottom) this.newPage();
        const padTop = i === 0 ? 4 : 0;
        const padBottom = i === lines.length - 1 ? 4 : 0;
        this.doc.save().rect(this.left, this.y, this.width, line.height + padTop + padBottom).fill(COLOURS.code).restore();
        this.y += padTop;
        this.drawLine(line, this.left + 6, this.y, width);
        this.y += line.height + padBottom;
      }
    });
  }

  /**
   * A table with borders and a header row, breaking between rows (or, for a
   * row taller than a page, between lines) with the header repeated.
   */
  table(header: TableCell[] | null, rows: TableCell[][], options: TableOptions = {}): void {
    drawTable(this, header, rows, options);
  }

  /** Draws the decorations recorded for each page (after the flow, when every page exists). */
  drawDecorations(): void {
    for (const d of this.decorations) {
      this.doc.switchToPage(d.page);
      this.artifact(() => d.draw(this.doc));
    }
  }
}

function sameStyle(a: TextStyle, b: TextStyle): boolean {
  return a.size === b.size && a.color === b.color && a.link === b.link && !!a.underline === !!b.underline && !!a.strike === !!b.strike && !!a.code === !!b.code;
}
