// The tagged structure around what the Writer draws: elements, marked
// content (which cannot nest), artifacts, table cells, and links tagged as
// Link elements holding their text and their annotation.
export type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

export class Tagger {
  protected readonly structs: Struct[] = [];

  constructor(
    readonly doc: Doc,
    readonly tagged: boolean,
  ) {
    if (tagged) {
      const root = doc.struct('Document');
      doc.addStructure(root);
      this.structs.push(root);
    }
  }

  // ---- structure ---------------------------------------------------------

  /** A structure element holding other elements (Sect, L, Table, ...). */
  group<T>(type: string, fn: () => T, options?: PDFKit.Mixins.StructureElementOptions): T {
    if (!this.tagged) return fn();
    const el = this.doc.struct(type, options ?? {});
    this.structs[this.structs.length - 1]!.add(el);
    this.structs.push(el);
    try {
      return fn();
    } finally {
      this.structs.pop();
      el.end();
    }
  }

  /** A structure element holding content: what `fn` draws is marked as its content. */
  leaf(type: string, fn: () => void, options?: PDFKit.Mixins.StructureElementOptions): void {
    if (!this.tagged || this.marking !== 'none') {
      fn();
      return;
    }
    const el = this.doc.struct(type, options ?? {});
    this.structs[this.structs.length - 1]!.add(el);
    el.add(this.marked('leaf', this.inside(el, fn)));
    el.end();
  }

  /**
   * A leaf whose text has links: its content added piece by piece (see
   * `piece` and `linkPiece`), so that each link's words sit in a Link element
   * beside its annotation, as a screen reader expects.
   */
  linkedLeaf(type: string, fn: () => void): void {
    if (!this.tagged || this.marking !== 'none') {
      this.leaf(type, fn);
      return;
    }
    const el = this.doc.struct(type);
    this.structs[this.structs.length - 1]!.add(el);
    this.host = { el };
    try {
      fn();
    } finally {
      this.host.link?.el.end();
      this.host = null;
      el.end();
    }
  }

  /** The element whose marked content is being drawn (a leaf or a table cell). */
  private current: Struct | null = null;
  /** The linked leaf being drawn, and its open Link element. */
  private host: { el: Struct; link?: { href: string; el: Struct } } | null = null;

  private inside(el: Struct, fn: () => void): () => void {
    return () => {
      const before = this.current;
      this.current = el;
      try {
        fn();
      } finally {
        this.current = before;
      }
    };
  }

  /** Text drawn in a line: in a linked leaf, a marked piece of it; elsewhere, drawn as it is. */
  protected piece(draw: () => void): void {
    const h = this.host;
    if (!h) {
      draw();
      return;
    }
    h.link?.el.end();
    h.link = undefined;
    h.el.add(this.marked('leaf', draw));
  }

  /**
   * A link's words and its annotation, [x, top, width, height] in page space.
   * In a linked leaf, a Link element holds both; inside other marked content (a
   * table cell), a Link element under it holds the annotation.
   */
  protected linkPiece(href: string, draw: () => void, rect: [number, number, number, number]): void {
    const description = `Link to ${href.replace(/^mailto:/, 'the email address ')}`;
    const annotate = (extra: object) => this.doc.link(...rect, href, { ...extra } as PDFKit.Mixins.AnnotationOption);
    const h = this.host;
    if (h) {
      if (h.link?.href !== href) {
        h.link?.el.end();
        const el = this.doc.struct('Link');
        h.el.add(el);
        h.link = { href, el };
      }
      const el = h.link!.el;
      el.add(this.marked('leaf', draw));
      annotate({ structParent: el, Contents: new String(description) });
      return;
    }
    draw();
    this.linked(description, null, annotate);
  }

  /**
   * A link: `draw` (its words, or null when they are marked already) and the
   * annotation `annotate` makes, both in a Link element, the annotation with
   * a description.
   */
  linked(description: string, draw: (() => void) | null, annotate: (options: object) => void): void {
    const parent = this.marking === 'none' ? this.structs[this.structs.length - 1] : this.current;
    if (!this.tagged || !parent) {
      draw?.();
      annotate({ Contents: new String(description) });
      return;
    }
    const el = this.doc.struct('Link');
    parent.add(el);
    if (draw && this.marking === 'none') el.add(this.marked('leaf', draw));
    else draw?.();
    annotate({ structParent: el, Contents: new String(description) });
    el.end();
  }

  /** A structure element placed now in reading order, filled later with `within` (the contents, written last). */
  placeholder(type: string): Struct | null {
    if (!this.tagged) return null;
    const el = this.doc.struct(type);
    this.structs[this.structs.length - 1]!.add(el);
    return el;
  }

  within(el: Struct | null, fn: () => void): void {
    if (!el) {
      fn();
      return;
    }
    this.structs.push(el);
    try {
      fn();
    } finally {
      this.structs.pop();
    }
  }

  /** Content that is not part of the text: page furniture, rules, backgrounds. */
  artifact(fn: () => void): void {
    // Marked content does not nest: inside a block, furniture stays with it.
    if (!this.tagged || this.marking !== 'none') {
      fn();
      return;
    }
    this.doc.markContent('Artifact');
    this.marked('artifact', fn)();
    this.doc.endMarkedContent();
  }

  /** What is being marked now: marked content cannot nest. */
  protected marking: 'none' | 'leaf' | 'artifact' = 'none';

  protected marked(kind: 'leaf' | 'artifact', fn: () => void): () => void {
    return () => {
      this.marking = kind;
      try {
        fn();
      } finally {
        this.marking = 'none';
      }
    };
  }

  /** A table row's cell elements (TH or TD) under a TR in the current element; null when untagged or inside marked content. */
  rowCells(isHeader: boolean, cols: number, rowHeader = false): Struct[] | null {
    if (!this.tagged || this.marking !== 'none') return null;
    const tr = this.doc.struct('TR');
    this.structs[this.structs.length - 1]!.add(tr);
    return Array.from({ length: cols }, (_, i) => {
      // Header cells name what they head: their column, or (the first cell of a row of details) their row.
      const scope = isHeader ? 'Column' : rowHeader && i === 0 ? 'Row' : undefined;
      const td = scope ? this.doc.struct('TH', { scope } as PDFKit.Mixins.StructureElementOptions) : this.doc.struct('TD');
      tr.add(td);
      return td;
    });
  }

  /**
   * A list item as PDF 1.7 has it: an LI holding a label (Lbl: the bullet or
   * number, drawn later by the item's first paragraph that has a marker) and
   * a body (LBody) holding what `fn` draws.
   */
  listItem(fn: () => void): void {
    if (!this.tagged || this.marking !== 'none') {
      fn();
      return;
    }
    this.group('LI', () => {
      const label = this.doc.struct('Lbl');
      this.structs[this.structs.length - 1]!.add(label);
      const outer = this.label;
      this.label = label;
      try {
        this.group('LBody', fn);
      } finally {
        this.label = outer;
        label.end();
      }
    });
  }

  /** The label of the list item being drawn, until its marker is drawn into it. */
  private label: Struct | null = null;

  /** Draws a list item's marker into its label; false when no label waits for one. */
  protected intoLabel(draw: () => void): boolean {
    const label = this.label;
    if (!label || this.marking !== 'none') return false;
    this.label = null;
    label.add(this.marked('leaf', this.inside(label, draw)));
    return true;
  }

  /** Ends the elements of a row once its cells are drawn. */
  endRow(cells: Struct[] | null): void {
    for (const c of cells ?? []) c.end();
  }

  /** What fn draws, marked as content of el (a cell); drawn unmarked without one. */
  into(el: Struct | undefined, fn: () => void): void {
    if (el && this.marking === 'none') el.add(this.marked('leaf', this.inside(el, fn)));
    else fn();
  }

}
