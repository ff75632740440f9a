// The summary a supervisor reads first: progress, requirements, the KSS-AP
// coverage matrix and the self-assessment chart. Every state has a word or a
// symbol as well as a colour.
import { anchor, heading, partHeading, type Ctx } from './context.js';
import { plural, truncate } from './format.js';
import { COLOURS, run, type TableCell } from './writer.js';
import { coverageMatrix, COVERAGE_TABLE, LABEL_WIDTH, labelHeight, pagedFigure, statementLines, type FigureBlock } from './coverage.js';
import type { Line } from './lines.js';
import { reasonText } from '../report/words.js';

export function renderSummary(ctx: Ctx): void {
  const { w, input } = ctx;
  const a = input.assessment;
  partHeading(ctx, 'summary', 'Summary', 'Where the portfolio stands, measured from the participant’s answers');
  const t = a.totals;
  w.group('Sect', () => {
    w.paragraph(
      [
        run(a.complete ? '✓ Complete. ' : '✗ Not yet complete. ', { face: 'bold', color: a.complete ? COLOURS.good : COLOURS.bad }),
        run(
          `${t.tasks.answered} of ${plural(t.tasks.total, 'task')} answered; ${t.weeks.answered} of ${t.weeks.total} weeks complete; ` +
            `${t.requirements.met} of ${plural(t.requirements.total, 'requirement')} met; ` +
            `${t.statements.covered} of ${t.statements.total} KSS-AP statements evidenced.`,
        ),
      ],
      { after: 8 },
    );

    anchor(ctx, 'progress');
    heading(ctx, 3, [run('Progress by module and week', { face: 'bold' })], { before: 2, as: 2 });
    progressGrid(ctx);
    itemsTable(ctx);

    anchor(ctx, 'requirements');
    heading(ctx, 3, [run('Portfolio requirements', { face: 'bold' })], { as: 2 });
    requirements(ctx);

    const errors = a.problems.filter((p) => p.severity === 'error');
    if (a.problems.length > 0) {
      heading(ctx, 3, [run(`Problems found in the files (${a.problems.length})`, { face: 'bold', color: errors.length > 0 ? COLOURS.bad : COLOURS.text })], { as: 2 });
      w.group('L', () => {
      for (const p of a.problems.slice(0, 40)) {
        w.source = p.file;
        w.indented(14, () =>
          w.paragraph([run(`${p.file}${p.line > 0 ? `:${p.line}` : ''}: `, { face: 'mono', size: 8.5 }), run(`${p.message}. `, { size: 9 }), run(p.fix ?? "", { size: 9, color: COLOURS.muted })], {
            marker: run(p.severity === 'error' ? '✗' : '!', { color: p.severity === 'error' ? COLOURS.bad : COLOURS.warn, face: 'bold' }),
            markerX: w.left - 13,
            after: 2,
            tag: 'LI',
          }),
        );
      }
      });
      if (a.problems.length > 40) w.paragraph([run(`… and ${a.problems.length - 40} more; run permanence verify for the full list.`, { size: 9, color: COLOURS.muted })]);
    }
  });
  coverageMatrix(ctx);
  selfAssessmentChart(ctx);
}

const STATE = {
  answered: { mark: '✓', fill: COLOURS.goodLight, word: 'complete' },
  partial: { mark: '◐', fill: COLOURS.warnLight, word: 'started' },
  empty: { mark: '○', fill: undefined, word: 'not started' },
} as const;

function progressGrid(ctx: Ctx): void {
  const { w, input } = ctx;
  const modules = input.assessment.modules;
  const maxWeeks = Math.max(...modules.map((m) => m.weeks.length));
  const header: TableCell[] = [
    { runs: [run('Module', { face: 'bold' })] },
    ...Array.from({ length: maxWeeks }, (_, i) => ({ runs: [run(`Week ${i + 1}`, { face: 'bold' })], align: 'center' as const })),
    { runs: [run('Tasks', { face: 'bold' })], align: 'center' as const },
  ];
  const rows: TableCell[][] = modules.map((m) => [
    { runs: [run(`${m.number}. `, { face: 'bold' }), run(truncate(m.title, 40))] },
    ...Array.from({ length: maxWeeks }, (_, i): TableCell => {
      const wk = m.weeks[i];
      if (!wk) return { runs: [] };
      const s = STATE[wk.state];
      return {
        runs: [run(`${s.mark} `, { face: 'bold', color: wk.state === 'answered' ? COLOURS.good : wk.state === 'partial' ? COLOURS.warn : COLOURS.muted }), run(`${wk.answered}/${wk.total}`)],
        align: 'center',
        ...(s.fill ? { fill: s.fill } : {}),
      };
    }),
    { runs: [run(`${m.answered}/${m.total}`, { face: 'bold' })], align: 'center' },
  ]);
  const first = 118;
  const last = 44;
  const wk = (w.width - first - last) / maxWeeks;
  w.table(header, rows, { size: 9, widths: [first, ...Array.from({ length: maxWeeks }, () => wk), last] });
  w.paragraph(
    [run('Each cell: tasks answered of the tasks that count. ', { size: 8.5, color: COLOURS.muted }), run('✓ complete   ◐ started   ○ not started', { size: 8.5, color: COLOURS.muted })],
    { after: 10 },
  );
}

function itemsTable(ctx: Ctx): void {
  const { w, input } = ctx;
  const rows: TableCell[][] = input.assessment.items.map((i) => {
    const s = STATE[i.state];
    return [
      { runs: [run(i.title)] },
      {
        runs: [run(`${s.mark} `, { face: 'bold', color: i.state === 'answered' ? COLOURS.good : i.state === 'partial' ? COLOURS.warn : COLOURS.muted }), run(s.word)],
        ...(s.fill ? { fill: s.fill } : {}),
      },
      { runs: [run(`${i.answered} of ${i.total} ${i.kind === 'selfassessment' ? 'rated' : 'answered'}`)] },
    ];
  });
  w.table([{ runs: [run('Portfolio item', { face: 'bold' })] }, { runs: [run('State', { face: 'bold' })] }, { runs: [run('Progress', { face: 'bold' })] }], rows, {
    size: 9,
    widths: [w.width - 200, 90, 110],
  });
  w.space(10);
}

function requirements(ctx: Ctx): void {
  const { w, input } = ctx;
  w.group('L', () => {
    for (const r of input.assessment.requirements) {
      w.listItem(() => {
        w.indented(16, () => {
          w.paragraph([run(r.title, { face: r.met ? 'regular' : 'bold' }), run(r.met ? ' — met' : ' — missing', { color: r.met ? COLOURS.good : COLOURS.bad, face: 'bold', size: 9.5 })], {
            marker: run(r.met ? '✓' : '✗', { face: 'bold', color: r.met ? COLOURS.good : COLOURS.bad }),
            markerX: w.left - 15,
            after: r.reasons.length > 0 ? 1 : 2.5,
            keep: 1,
          });
          const shown = r.reasons.slice(0, 6);
          if (shown.length > 0) w.group('L', () => {
            for (const reason of shown) w.indented(10, () => w.paragraph([run(reasonText(reason), { size: 8.5, color: COLOURS.muted })], { marker: run('–', { size: 8.5, color: COLOURS.muted }), markerX: w.left - 9, after: 0.5, leading: 1.3, tag: 'LI' }));
          });
          if (r.reasons.length > shown.length) w.indented(10, () => w.paragraph([run(`… and ${r.reasons.length - shown.length} more`, { size: 8.5, color: COLOURS.muted })], { after: 0.5 }));
          if (r.reasons.length > 0) w.space(3);
        });
      });
    }
  });
}

/** Baseline beside follow-up for each statement: horizontal bars, patterned and labelled, not colour alone. */
function selfAssessmentChart(ctx: Ctx): void {
  const { w, input } = ctx;
  const { cat, assessment } = input;
  const sa = cat.programme.items.filter((i) => i.kind === 'selfassessment');
  const baseline = assessment.items.find((i) => i.id === (sa.find((x) => x.stage === 'baseline') ?? sa[0])?.id);
  const followup = assessment.items.find((i) => i.id === (sa.find((x) => x.stage === 'followup') ?? sa[1])?.id);
  partHeading(ctx, 'chart', 'Self-assessment: baseline and follow-up', 'Confidence against each KSS-AP statement, 1 (not yet confident) to 5 (very confident)', { share: true });
  const scale = cat.programme.framework.scale.points;
  const labelW = LABEL_WIDTH + 8;
  const valueW = 52;
  // Measured when drawn: the figure reaches into the side margins.
  const chartX = () => w.left + labelW;
  const unit = () => (w.width - labelW - valueW) / 5;
  const bar = 4.6;
  const sectionH = 13;
  const sections = cat.programme.framework.sections;
  const { doc } = w;
  const value = (item: typeof baseline, id: string) => item?.ratings?.find((r) => r.id === id)?.value ?? null;

  const swatch = (x: number, y: number, wd: number, h: number, kind: 'baseline' | 'followup') => {
    if (kind === 'followup') {
      doc.save().rect(x, y, wd, h).fill(COLOURS.accent).restore();
      return;
    }
    doc.save().rect(x, y, wd, h).fill('#d6e4f0').restore();
    doc.save().rect(x, y, wd, h).clip();
    doc.lineWidth(0.7).strokeColor('#5b8bb8');
    for (let sx = x - h; sx < x + wd; sx += 3) doc.moveTo(sx, y + h).lineTo(sx + h, y);
    doc.stroke().restore();
    doc.save().lineWidth(0.5).rect(x, y, wd, h).stroke('#5b8bb8').restore();
  };

  // Legend first, so the reader knows which bar is which.
  const ly = w.y;
  w.leaf('P', () => {
    swatch(w.left, ly + 2, 22, 7, 'baseline');
    w.drawLine(w.layout([run('Baseline (B), at the start ', { size: 8.5 })], 200)[0]!, w.left + 27, ly, 200);
    swatch(w.left + 190, ly + 2, 22, 7, 'followup');
    w.drawLine(w.layout([run('Follow-up (F), at the end', { size: 8.5 })], 200)[0]!, w.left + 217, ly, 200);
    w.y = ly + 14;
  });
  w.paragraph([run(scale.map((p) => `${p.value} ${p.label}`).join('  ·  '), { size: 8, color: COLOURS.muted })], { after: 6 });

  const items = sa.map((i) => `"${i.title}"`).join(' and ');
  const alt =
    `Bar chart of confidence ratings, baseline and follow-up, for the ${cat.statements.length} KSS-AP statements, with each pair of ratings written beside its bars. ` +
    `The same ratings are in the tables of ${items}, under Self-assessments; each statement's full wording is in the table "${COVERAGE_TABLE}".`;
  const header: FigureBlock = {
    height: 13,
    draw: (top) => {
      for (let v = 1; v <= 5; v++) w.drawLine(w.layout([run(String(v), { size: 7.5, color: COLOURS.muted })], 20)[0]!, chartX() + v * unit() - 10, top, 20, 'center');
    },
  };
  const blocks: FigureBlock[] = sections.map((section) => {
    const rows = section.statements.map((st) => ({ st, lines: statementLines(w, st.id, st.heading, LABEL_WIDTH) }));
    const rowH = (lines: Line[]) => Math.max(2 * bar + 4.2, labelHeight(lines) + 3);
    return {
      height: sectionH + rows.reduce((h, r) => h + rowH(r.lines), 0),
      draw: (top) => {
        const x0 = chartX();
        const u = unit();
        doc.save().rect(w.left, top, w.width, sectionH).fill(COLOURS.fill).restore();
        w.drawLine(w.layout([run(`${section.number}. ${section.title}`, { face: 'bold', size: 7.5 })], w.width)[0]!, w.left + 3, top + 1, w.width);
        let y = top + sectionH;
        for (const { st, lines } of rows) {
          const h = rowH(lines);
          let ly = y + (h - labelHeight(lines)) / 2;
          for (const line of lines) {
            w.drawLine(line, w.left + 3, ly, labelW - 6);
            ly += line.height;
          }
          const b = value(baseline, st.id);
          const f = value(followup, st.id);
          const mid = y + h / 2;
          if (b !== null) swatch(x0, mid - bar - 0.3, b * u, bar, 'baseline');
          if (f !== null) swatch(x0, mid + 0.3, f * u, bar, 'followup');
          const change = b !== null && f !== null ? (f > b ? ' ↑' : f < b ? ' ↓' : '') : '';
          const words = w.layout([run(`B ${b ?? '–'}  F ${f ?? '–'}${change}`, { size: 7.2, color: COLOURS.text })], valueW + 10)[0]!;
          w.drawLine(words, w.right - valueW + 6, mid - words.height / 2, valueW - 6);
          y += h;
        }
        // Grid lines at each point of the scale, light and dashed, over the statement rows only.
        doc.save().lineWidth(0.4).strokeColor(COLOURS.rule).dash(1.5, { space: 2 });
        for (let v = 1; v <= 5; v++) doc.moveTo(x0 + v * u, top + sectionH).lineTo(x0 + v * u, y);
        doc.stroke().undash().restore();
        doc.save().lineWidth(0.7).strokeColor(COLOURS.muted).moveTo(x0, top + sectionH).lineTo(x0, y).stroke().restore();
      },
    };
  });
  pagedFigure(w, alt, header, blocks);
  w.space(6);
  const unrated = [baseline, followup].filter((i) => i && i.state !== 'answered');
  if (unrated.length > 0) {
    w.paragraph([run(unrated.map((i) => `${i!.title}: ${i!.answered} of ${i!.total} rated.`).join(' '), { size: 8.5, color: COLOURS.bad })]);
  }
}
