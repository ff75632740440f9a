// Tables in the PDF: column widths from the cells' words, rows that break
// between pages (or, for a row taller than a page, between lines) with the
// header repeated as page furniture, and each cell tagged TH or TD.
import type { Line } from './lines.js';
import { BODY, COLOURS, type TableCell, type TableOptions } from './style.js';
import type { Writer } from './writer.js';
type Struct = PDFKit.PDFStructureElement;

/**
 * A table with borders and a header row, breaking between rows (or, for a
 * row taller than a page, between lines) with the header repeated.
 */
export function drawTable(w: Writer, header: TableCell[] | null, rows: TableCell[][], options: TableOptions = {}): void {
  const size = options.size ?? BODY - 0.5;
  const pad = 4;
  const cols = Math.max(header?.length ?? 0, ...rows.map((r) => r.length));
  if (cols === 0) return;
  const widths = options.widths ?? columnWidths(w, header, rows, cols, pad);
  const x0 = w.left;
  const sized = (c: TableCell | undefined) => (c ? c.runs.map((r) => ({ text: r.text, style: { ...r.style, size: r.style.size === BODY ? size : r.style.size } })) : []);
  const layoutRow = (cells: TableCell[]) =>
    Array.from({ length: cols }, (_, i) => w.layout(sized(cells[i]), Math.max(widths[i]! - 2 * pad, 4), 1.35));
  const headLines = header ? layoutRow(header) : null;
  const rowHeight = (ls: Line[][]) => Math.max(...ls.map((l) => l.reduce((h, x) => h + x.height, 0))) + 2 * pad;
  const headHeight = headLines ? rowHeight(headLines) : 0;

  const drawSlice = (cells: TableCell[], ls: Line[][], from: number[], to: number[], isHeader: boolean, rowStruct: Struct[] | null) => {
    const h = Math.max(...ls.map((l, i) => l.slice(from[i], to[i]).reduce((s, x) => s + x.height, 0))) + 2 * pad;
    let x = x0;
    const y = w.y;
    w.artifact(() => {
      x = x0;
      for (let i = 0; i < cols; i++) {
        const fill = isHeader ? (options.headerFill ?? COLOURS.fill) : cells[i]?.fill;
        if (fill) w.doc.save().rect(x, y, widths[i]!, h).fill(fill).restore();
        x += widths[i]!;
      }
      w.doc.save().lineWidth(0.5).strokeColor(COLOURS.rule);
      x = x0;
      for (let i = 0; i < cols; i++) {
        w.doc.rect(x, y, widths[i]!, h);
        x += widths[i]!;
      }
      w.doc.stroke().restore();
    });
    x = x0;
    for (let i = 0; i < cols; i++) {
      const cellX = x;
      const draw = () => {
        let cy = y + pad;
        for (const line of ls[i]!.slice(from[i], to[i])) {
          w.drawLine(line, cellX + pad, cy, widths[i]! - 2 * pad, cells[i]?.align ?? 'left');
          cy += line.height;
        }
      };
      w.into(rowStruct?.[i], draw);
      x += widths[i]!;
    }
    w.y = y + h;
  };

  const cellStructs = (isHeader: boolean) => w.rowCells(isHeader, cols, options.rowHeaders === true);

  const drawHeader = (repeat: boolean) => {
    if (!header || !headLines) return;
    if (repeat) {
      // Repeated on a new page: page furniture, not content a second time.
      w.artifact(() => drawSlice(header, headLines, headLines.map(() => 0), headLines.map((l) => l.length), true, null));
    } else {
      const s = cellStructs(true);
      drawSlice(header, headLines, headLines.map(() => 0), headLines.map((l) => l.length), true, s);
      w.endRow(s);
    }
  };

  w.group('Table', () => {
    const firstHeight = rows[0] ? rowHeight(layoutRow(rows[0])) : 0;
    w.ensure(headHeight + Math.min(firstHeight, 60));
    drawHeader(false);
    for (const cells of rows) {
      const ls = layoutRow(cells);
      const full = rowHeight(ls);
      if (w.y + full > w.bottom && full <= w.bottom - w.top - headHeight) {
        w.newPage();
        drawHeader(true);
      }
      const s = cellStructs(false);
      const from = ls.map(() => 0);
      for (;;) {
        // As many lines of each cell as fit on this page.
        const room = w.bottom - w.y - 2 * pad;
        const to = ls.map((l, i) => {
          let h = 0;
          let k = from[i]!;
          while (k < l.length && h + l[k]!.height <= room) h += l[k++]!.height;
          return k;
        });
        const progress = to.some((t, i) => t > from[i]!) || ls.every((l, i) => from[i]! >= l.length);
        if (!progress) {
          w.newPage();
          drawHeader(true);
          continue;
        }
        drawSlice(cells, ls, from, to, false, s);
        if (to.every((t, i) => t >= ls[i]!.length)) break;
        to.forEach((t, i) => (from[i] = t));
        w.newPage();
        drawHeader(true);
      }
      w.endRow(s);
    }
  });
}

function columnWidths(w: Writer, header: TableCell[] | null, rows: TableCell[][], cols: number, pad: number): number[] {
  const all = header ? [header, ...rows] : rows;
  const natural = Array.from({ length: cols }, () => 0);
  const minimum = Array.from({ length: cols }, () => 0);
  for (const r of all) {
    for (let i = 0; i < cols; i++) {
      const c = r[i];
      if (!c) continue;
      let whole = 0;
      for (const x of c.runs) {
        for (const word of x.text.split(/\s+/)) {
          minimum[i] = Math.max(minimum[i]!, w.measure(word, x.style.face, BODY - 0.5));
        }
        whole += w.measure(x.text, x.style.face, BODY - 0.5);
      }
      natural[i] = Math.max(natural[i]!, whole);
    }
  }
  const total = w.width;
  const inner = total - cols * 2 * pad;
  const cap = inner / Math.max(cols, 2);
  const min = minimum.map((m) => Math.min(m + 1, cap, inner / cols));
  const nat = natural.map((n, i) => Math.max(n + 1, min[i]!));
  const sumNat = nat.reduce((a, b) => a + b, 0);
  let inners: number[];
  if (sumNat <= inner) inners = nat.map((n) => n + ((inner - sumNat) * n) / sumNat);
  else {
    const sumMin = min.reduce((a, b) => a + b, 0);
    const extra = nat.map((n, i) => n - min[i]!);
    const sumExtra = extra.reduce((a, b) => a + b, 0) || 1;
    inners = min.map((m, i) => m + ((inner - sumMin) * extra[i]!) / sumExtra);
  }
  return inners.map((w) => w + 2 * pad);
}
