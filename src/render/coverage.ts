// The KSS-AP coverage a supervisor reads first: a matrix of the statements
// against the weeks that evidence them (a figure, drawn across the side
// margins and over as many pages as it needs, its header repeated), then the
// same information as a tagged table with each statement's full wording.
import { partHeading, type Ctx } from './context.js';
import type { Line } from './lines.js';
import { COLOURS, run, WIDE, type TableCell, type Writer } from './writer.js';

/** The title of the table that holds the matrix's information as text; figure alt texts point to it. */
export const COVERAGE_TABLE = 'Coverage by statement';

export interface FigureBlock {
  height: number;
  draw: (y: number) => void;
}

/**
 * A figure in blocks (a section of rows each), across the side margins, on
 * as many pages as it needs: its header drawn again at the top of each page,
 * and each page's part a Figure of its own, the first with `alt`.
 */
export function pagedFigure(w: Writer, alt: string, header: FigureBlock, blocks: FigureBlock[]): void {
  let i = 0;
  let part = 0;
  w.indented(
    -WIDE,
    () => {
      while (i < blocks.length) {
        if (part > 0) w.newPage();
        else w.ensure(header.height + blocks[0]!.height);
        const partAlt = part === 0 ? alt : `Continuation of the figure before: ${alt}`;
        w.leaf(
          'Figure',
          () => {
            header.draw(w.y);
            let y = w.y + header.height;
            do {
              blocks[i]!.draw(y);
              y += blocks[i]!.height;
              i++;
            } while (i < blocks.length && y + blocks[i]!.height <= w.bottom);
            w.y = y;
          },
          { alt: partAlt },
        );
        part++;
      }
    },
    -WIDE,
  );
}

export const LABEL_SIZE = 7;
/** The width of a statement's label in the matrix and the chart. */
export const LABEL_WIDTH = 184;
const LABEL_LEADING = 1.25;

/** "AP1.4 Assess the impact of trauma, …" on at most two lines, cut with an ellipsis when longer. */
export function statementLines(w: Writer, id: string, headingText: string, width: number): Line[] {
  // The matrix and the chart show the same labels at the same width: broken once.
  let cache = labels.get(w);
  if (!cache) labels.set(w, (cache = new Map()));
  const key = `${id}\u0000${width}`;
  let lines = cache.get(key);
  if (!lines) cache.set(key, (lines = breakLabel(w, id, headingText, width)));
  return lines;
}

const labels = new WeakMap<Writer, Map<string, Line[]>>();

function breakLabel(w: Writer, id: string, headingText: string, width: number): Line[] {
  const words = headingText.replace(/\s+/g, ' ').trim().split(' ');
  const lay = (text: string) => w.layout([run(`${id}  `, { face: 'bold', size: LABEL_SIZE }), run(text, { size: LABEL_SIZE })], width, LABEL_LEADING);
  let lines = lay(words.join(' '));
  if (lines.length <= 2) return lines;
  // Start from the words the first two lines hold (the reference is one of them), then drop words until the ellipsis fits.
  let n = lines[0]!.frags.concat(lines[1]!.frags).filter((f) => f.kind === 'word').length - 1;
  do lines = lay(`${words.slice(0, n).join(' ').replace(/[,;:]$/, '')}…`);
  while (lines.length > 2 && --n > 1);
  return lines;
}

export const labelHeight = (lines: Line[]) => lines.reduce((h, l) => h + l.height, 0);

/** Statements (rows, by section) against the weeks linked to them (columns, by module). */
export function coverageMatrix(ctx: Ctx): void {
  const { w, input } = ctx;
  const { cat, assessment } = input;
  partHeading(ctx, 'coverage', 'KSS-AP coverage', `${assessment.totals.statements.covered} of ${assessment.totals.statements.total} statements evidenced by at least one complete linked week`);
  const weeks = cat.weeks;
  const modules = cat.programme.modules;
  const width = w.width + 2 * WIDE;
  const left = w.left - WIDE;
  const right = left + width;
  const labelW = LABEL_WIDTH + 6;
  const evidenceW = 34;
  const gap = 4;
  const colW = (width - labelW - evidenceW - gap * (modules.length - 1)) / weeks.length;
  const sectionH = 14;
  const byId = new Map(assessment.statements.map((s) => [s.id, s]));
  const colX = new Map<string, number>();
  let cx = left + labelW;
  modules.forEach((m, mi) => {
    if (mi > 0) cx += gap;
    for (const wk of m.weeks) {
      colX.set(`${m.number}.${wk.number}`, cx);
      cx += colW;
    }
  });
  const { doc } = w;
  const header: FigureBlock = {
    height: 28,
    draw: (top) => {
      for (const m of modules) {
        const first = colX.get(`${m.number}.${m.weeks[0]!.number}`)!;
        const span = m.weeks.length * colW;
        doc.save().rect(first, top, span, 12).fill(COLOURS.accentLight).restore();
        w.drawLine(w.layout([run(`Module ${m.number}`, { face: 'bold', size: 7.5, color: COLOURS.accent })], span)[0]!, first, top + 0.5, span, 'center');
        for (const wk of m.weeks) w.drawLine(w.layout([run(String(wk.number), { size: 7, color: COLOURS.muted })], colW)[0]!, colX.get(`${m.number}.${wk.number}`)!, top + 14, colW, 'center');
      }
      w.drawLine(w.layout([run('Statement', { face: 'bold', size: 7.5 })], labelW)[0]!, left, top + 14, labelW);
      w.drawLine(w.layout([run('Weeks', { face: 'bold', size: 7.5 })], evidenceW)[0]!, right - evidenceW, top + 14, evidenceW, 'center');
      doc.save().lineWidth(0.8).strokeColor(COLOURS.muted).moveTo(left, top + 27).lineTo(right, top + 27).stroke().restore();
    },
  };
  const separators = [...modules.map((m) => colX.get(`${m.number}.${m.weeks[0]!.number}`)! - gap / 2), right - evidenceW];
  const blocks: FigureBlock[] = cat.programme.framework.sections.map((section) => {
    const rows = section.statements.map((st) => ({ st, lines: statementLines(w, st.id, st.heading, LABEL_WIDTH) }));
    const rowH = (lines: Line[]) => labelHeight(lines) + 2;
    return {
      height: sectionH + rows.reduce((h, r) => h + rowH(r.lines), 0),
      draw: (top) => {
        doc.save().rect(left, top, width, sectionH).fill(COLOURS.fill).restore();
        w.drawLine(w.layout([run(`${section.number}. ${section.title}`, { face: 'bold', size: 7.5 })], width)[0]!, left + 3, top + 1.5, width);
        let y = top + sectionH;
        rows.forEach(({ st, lines }, i) => {
          const h = rowH(lines);
          const s = byId.get(st.id);
          if (i % 2 === 1) doc.save().rect(left, y, width, h).fill('#f8f9fa').restore();
          let ly = y + 1;
          for (const line of lines) {
            w.drawLine(line, left + 3, ly, labelW - 6);
            ly += line.height;
          }
          const cy = y + h / 2;
          for (const ref of st.weeks) {
            const x = colX.get(ref);
            if (x === undefined) continue;
            if (s?.evidence.includes(ref)) doc.save().circle(x + colW / 2, cy, 3.3).fill(COLOURS.accent).restore();
            else doc.save().lineWidth(0.9).circle(x + colW / 2, cy, 3).stroke(COLOURS.bad).restore();
          }
          const covered = s?.covered ?? false;
          const count = w.layout([run(covered ? '✓ ' : '✗ ', { face: 'bold', size: 7.2, color: covered ? COLOURS.good : COLOURS.bad }), run(`${s?.evidence.length ?? 0}/${st.weeks.length}`, { size: 7.2 })], evidenceW + 20)[0]!;
          w.drawLine(count, right - evidenceW, cy - count.height / 2, evidenceW, 'center');
          y += h;
        });
        doc.save().lineWidth(0.4).strokeColor(COLOURS.rule);
        for (const x of separators) doc.moveTo(x, top + sectionH).lineTo(x, y);
        doc.stroke().restore();
      },
    };
  });
  const alt =
    `Matrix of the ${cat.statements.length} KSS-AP statements against the ${weeks.length} weeks linked to them: ` +
    `${assessment.totals.statements.covered} statements evidenced by a complete linked week. The same information, with each statement's full wording, is in the table "${COVERAGE_TABLE}" after the matrix.`;
  pagedFigure(w, alt, header, blocks);
  w.space(8);
  legend(ctx);
  coverageTable(ctx);
}

function legend(ctx: Ctx): void {
  const { w } = ctx;
  const d = w.doc;
  w.ensure(40);
  const ly = w.y;
  w.leaf('P', () => {
    d.save().circle(w.left + 4, ly + 6, 3.3).fill(COLOURS.accent).restore();
    w.drawLine(w.layout([run('linked week, answered (evidence) ', { size: 8.5 })], 200)[0]!, w.left + 11, ly, 200);
    d.save().lineWidth(0.9).circle(w.left + 174, ly + 6, 3).stroke(COLOURS.bad).restore();
    w.drawLine(w.layout([run('linked week, not yet answered ', { size: 8.5 })], 200)[0]!, w.left + 181, ly, 200);
    w.drawLine(w.layout([run('blank: not linked', { size: 8.5, color: COLOURS.muted })], 120)[0]!, w.left + 330, ly, 100);
    w.y = ly + 16;
  });
  w.paragraph([run('Weeks: linked weeks answered of those linked; ✓ the statement is evidenced, ✗ it is not yet. Weeks are written module.week (1.4: Module 1, Week 4).', { size: 8.5, color: COLOURS.muted })], { after: 10 });
}

/** The matrix as text: each statement in full, the weeks that evidence it and those still to answer. */
function coverageTable(ctx: Ctx): void {
  const { w, input } = ctx;
  const { cat, assessment } = input;
  const byId = new Map(assessment.statements.map((s) => [s.id, s]));
  w.paragraph([run(COVERAGE_TABLE, { face: 'bold', size: 12 })], { tag: 'H2', leading: 1.3, keep: 1, after: 4 });
  const rows: TableCell[][] = cat.statements.map((st) => {
    const s = byId.get(st.id);
    const answered = s?.evidence ?? [];
    const open = st.weeks.filter((r) => !answered.includes(r));
    return [
      { runs: [run(st.id, { face: 'bold' })] },
      { runs: [run(st.heading.replace(/\s+/g, ' ').trim())] },
      { runs: [run(answered.length > 0 ? answered.join(', ') : '—')] },
      { runs: [run(open.length > 0 ? open.join(', ') : '—', { color: open.length > 0 ? COLOURS.bad : COLOURS.text })] },
      s?.covered ? { runs: [run('✓ yes', { face: 'bold', color: COLOURS.good })], fill: COLOURS.goodLight } : { runs: [run('✗ not yet', { face: 'bold', color: COLOURS.bad })], fill: COLOURS.badLight },
    ];
  });
  const head = ['Ref.', 'Statement', 'Weeks answered', 'To answer', 'Evidenced'].map((t) => ({ runs: [run(t, { face: 'bold' })] }));
  w.table(head, rows, { size: 8.5, widths: [46, w.width - 46 - 70 - 56 - 58, 70, 56, 58] });
}
