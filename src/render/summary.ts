// The summary a supervisor reads first: progress, requirements, the KSS-AP
// coverage matrix and the self-assessment chart. Every state has a word or a
// symbol as well as a colour.
import { anchor, heading, partHeading, type Ctx } from './context.js';
import { plural, truncate } from './format.js';
import { COLOURS, run, type TableCell, type Writer } from './writer.js';
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
    heading(ctx, 3, [run('Progress by module and week', { face: 'bold' })], { before: 2 });
    progressGrid(ctx);
    itemsTable(ctx);

    anchor(ctx, 'requirements');
    heading(ctx, 3, [run('Portfolio requirements', { face: 'bold' })]);
    requirements(ctx);

    const errors = a.problems.filter((p) => p.severity === 'error');
    if (a.problems.length > 0) {
      heading(ctx, 3, [run(`Problems found in the files (${a.problems.length})`, { face: 'bold', color: errors.length > 0 ? COLOURS.bad : COLOURS.text })]);
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
      w.group('LI', () => {
        w.indented(16, () => {
          w.paragraph([run(r.title, { face: r.met ? 'regular' : 'bold' }), run(r.met ? ' — met' : ' — missing', { color: r.met ? COLOURS.good : COLOURS.bad, face: 'bold', size: 9.5 })], {
            marker: run(r.met ? '✓' : '✗', { face: 'bold', color: r.met ? COLOURS.good : COLOURS.bad }),
            markerX: w.left - 15,
            after: r.reasons.length > 0 ? 1 : 2.5,
            keep: 1,
          });
          const shown = r.reasons.slice(0, 6);
          for (const reason of shown) w.indented(10, () => w.paragraph([run(reasonText(reason), { size: 8.5, color: COLOURS.muted })], { marker: run('–', { size: 8.5, color: COLOURS.muted }), markerX: w.left - 9, after: 0.5, leading: 1.3 }));
          if (r.reasons.length > shown.length) w.indented(10, () => w.paragraph([run(`… and ${r.reasons.length - shown.length} more`, { size: 8.5, color: COLOURS.muted })], { after: 0.5 }));
          if (r.reasons.length > 0) w.space(3);
        });
      });
    }
  });
}

/** Statements (rows, by section) against the weeks linked to them (columns, by module). */
function coverageMatrix(ctx: Ctx): void {
  const { w, input } = ctx;
  const { cat, assessment } = input;
  partHeading(ctx, 'coverage', 'KSS-AP coverage', `${assessment.totals.statements.covered} of ${assessment.totals.statements.total} statements evidenced by at least one complete linked week`);
  const weeks = cat.weeks;
  const modules = cat.programme.modules;
  const labelW = 150;
  const evidenceW = 34;
  const gap = 4;
  const colW = (w.width - labelW - evidenceW - gap * (modules.length - 1)) / weeks.length;
  const rowH = 11.6;
  const sectionH = 14;
  const headH = 28;
  const byId = new Map(assessment.statements.map((s) => [s.id, s]));
  const colX = new Map<string, number>();
  {
    let x = w.left + labelW;
    modules.forEach((m, mi) => {
      if (mi > 0) x += gap;
      for (const wk of m.weeks) {
        colX.set(`${m.number}.${wk.number}`, x);
        x += colW;
      }
    });
  }
  const sections = cat.programme.framework.sections;
  const height = headH + sections.length * sectionH + cat.statements.length * rowH;
  w.ensure(height + 40);
  const alt = `Matrix of the ${cat.statements.length} KSS-AP statements against the ${weeks.length} weeks that evidence them: ${assessment.totals.statements.covered} statements evidenced.`;
  const { doc } = w;
  w.leaf(
    'Figure',
    () => {
      const top = w.y;
      // Column headers: module over its weeks.
      modules.forEach((m) => {
        const first = colX.get(`${m.number}.${m.weeks[0]!.number}`)!;
        const span = m.weeks.length * colW;
        doc.save().rect(first, top, span, 12).fill(COLOURS.accentLight).restore();
        w.drawLine(w.layout([run(`Module ${m.number}`, { face: 'bold', size: 7.5, color: COLOURS.accent })], span)[0]!, first, top + 0.5, span, 'center');
        for (const wk of m.weeks) {
          const x = colX.get(`${m.number}.${wk.number}`)!;
          w.drawLine(w.layout([run(String(wk.number), { size: 7, color: COLOURS.muted })], colW)[0]!, x, top + 14, colW, 'center');
        }
      });
      w.drawLine(w.layout([run('Statement', { face: 'bold', size: 7.5 })], labelW)[0]!, w.left, top + 14, labelW);
      w.drawLine(w.layout([run('Weeks', { face: 'bold', size: 7.5 })], evidenceW)[0]!, w.right - evidenceW, top + 14, evidenceW, 'center');
      let y = top + headH;
      const spans: [number, number][] = [];
      doc.save().lineWidth(0.8).strokeColor(COLOURS.muted).moveTo(w.left, y - 1).lineTo(w.right, y - 1).stroke().restore();
      for (const section of sections) {
        doc.save().rect(w.left, y, w.width, sectionH).fill(COLOURS.fill).restore();
        w.drawLine(w.layout([run(truncate(`${section.number}. ${section.title}`, 95), { face: 'bold', size: 7.5 })], w.width)[0]!, w.left + 3, y + 1.5, w.width);
        y += sectionH;
        spans.push([y, y + section.statements.length * rowH]);
        section.statements.forEach((st, i) => {
          const s = byId.get(st.id);
          if (i % 2 === 1) doc.save().rect(w.left, y, w.width, rowH).fill('#f8f9fa').restore();
          w.drawLine(statementLabel(w, st.id, st.heading, labelW - 6), w.left + 3, y + 0.5, labelW);
          for (const ref of st.weeks) {
            const x = colX.get(ref);
            if (x === undefined) continue;
            const cx = x + colW / 2;
            const cy = y + rowH / 2;
            if (s?.evidence.includes(ref)) doc.save().circle(cx, cy, 3.3).fill(COLOURS.accent).restore();
            else doc.save().lineWidth(0.9).circle(cx, cy, 3).stroke(COLOURS.bad).restore();
          }
          const covered = s?.covered ?? false;
          const count = `${s?.evidence.length ?? 0}/${st.weeks.length}`;
          w.drawLine(
            w.layout([run(covered ? '✓ ' : '✗ ', { face: 'bold', size: 7.2, color: covered ? COLOURS.good : COLOURS.bad }), run(count, { size: 7.2 })], evidenceW + 20)[0]!,
            w.right - evidenceW,
            y + 0.5,
            evidenceW,
            'center',
          );
          y += rowH;
        });
      }
      // Module separators, drawn over the statement rows (not the section titles).
      doc.save().lineWidth(0.4).strokeColor(COLOURS.rule);
      const xs = [...modules.map((m) => colX.get(`${m.number}.${m.weeks[0]!.number}`)! - gap / 2), w.right - evidenceW];
      for (const [from, to] of spans) for (const x of xs) doc.moveTo(x, from).lineTo(x, to);
      doc.stroke().restore();
      w.y = y + 8;
    },
    { alt },
  );
  // Legend.
  const { doc: d } = w;
  const ly = w.y;
  w.leaf('P', () => {
    d.save().circle(w.left + 4, ly + 6, 3.3).fill(COLOURS.accent).restore();
    w.drawLine(w.layout([run('linked week, answered (evidence)', { size: 8.5 })], 200)[0]!, w.left + 11, ly, 200);
    d.save().lineWidth(0.9).circle(w.left + 194, ly + 6, 3).stroke(COLOURS.bad).restore();
    w.drawLine(w.layout([run('linked week, not yet answered', { size: 8.5 })], 200)[0]!, w.left + 201, ly, 200);
    w.drawLine(w.layout([run('blank: not linked', { size: 8.5, color: COLOURS.muted })], 120)[0]!, w.left + 370, ly, 120);
    w.y = ly + 16;
  });
  w.paragraph([run('Weeks: linked weeks answered of those linked; ✓ the statement is evidenced, ✗ it is not yet.', { size: 8.5, color: COLOURS.muted })]);
}

/** Baseline beside follow-up for each statement: horizontal bars, patterned and labelled, not colour alone. */
function selfAssessmentChart(ctx: Ctx): void {
  const { w, input } = ctx;
  const { cat, assessment } = input;
  const sa = cat.programme.items.filter((i) => i.kind === 'selfassessment');
  const baseline = assessment.items.find((i) => i.id === (sa.find((x) => x.stage === 'baseline') ?? sa[0])?.id);
  const followup = assessment.items.find((i) => i.id === (sa.find((x) => x.stage === 'followup') ?? sa[1])?.id);
  partHeading(ctx, 'chart', 'Self-assessment: baseline and follow-up', 'Confidence against each KSS-AP statement, 1 (not yet confident) to 5 (very confident)');
  const scale = cat.programme.framework.scale.points;
  const labelW = 150;
  const valueW = 52;
  const chartX = w.left + labelW;
  const chartW = w.width - labelW - valueW;
  const bar = 4.6;
  const rowH = 2 * bar + 4.2;
  const sectionH = 13;
  const sections = cat.programme.framework.sections;
  const unit = chartW / 5;
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
    w.drawLine(w.layout([run('Baseline (B), at the start', { size: 8.5 })], 200)[0]!, w.left + 27, ly, 200);
    swatch(w.left + 190, ly + 2, 22, 7, 'followup');
    w.drawLine(w.layout([run('Follow-up (F), at the end', { size: 8.5 })], 200)[0]!, w.left + 217, ly, 200);
    w.y = ly + 14;
  });
  w.paragraph([run(scale.map((p) => `${p.value} ${p.label}`).join('  ·  '), { size: 8, color: COLOURS.muted })], { after: 6 });

  const alt = `Bar chart of confidence ratings, baseline and follow-up, for the ${cat.statements.length} KSS-AP statements.`;
  w.leaf(
    'Figure',
    () => {
      const top = w.y;
      // Scale along the top.
      for (let v = 0; v <= 5; v++) {
        const x = chartX + v * unit;
        if (v > 0) w.drawLine(w.layout([run(String(v), { size: 7.5, color: COLOURS.muted })], 20)[0]!, x - 10, top, 20, 'center');
      }
      let y = top + 13;
      const spans: [number, number][] = [];
      for (const section of sections) {
        doc.save().rect(w.left, y, w.width, sectionH).fill(COLOURS.fill).restore();
        w.drawLine(w.layout([run(truncate(`${section.number}. ${section.title}`, 95), { face: 'bold', size: 7.5 })], w.width)[0]!, w.left + 3, y + 1, w.width);
        y += sectionH;
        spans.push([y, y + section.statements.length * rowH]);
        for (const st of section.statements) {
          w.drawLine(statementLabel(w, st.id, st.heading, labelW - 8), w.left + 3, y + (rowH - 10.4) / 2, labelW - 6);
          const b = value(baseline, st.id);
          const f = value(followup, st.id);
          const bars: [number | null, 'baseline' | 'followup', number][] = [
            [b, 'baseline', y + 2],
            [f, 'followup', y + 2 + bar + 0.6],
          ];
          for (const [v, kind, by] of bars) {
            if (v !== null) swatch(chartX, by, v * unit, bar, kind);
          }
          const words = `B ${b ?? '–'}  F ${f ?? '–'}`;
          const change = b !== null && f !== null ? (f > b ? ` ↑` : f < b ? ` ↓` : '') : '';
          w.drawLine(w.layout([run(words + change, { size: 7.2, color: COLOURS.text })], valueW + 10)[0]!, w.right - valueW + 6, y + (rowH - 10.4) / 2, valueW - 6);
          y += rowH;
        }
      }
      // Grid lines at each point of the scale, light and dashed, over the statement rows only.
      doc.save().lineWidth(0.4).strokeColor(COLOURS.rule).dash(1.5, { space: 2 });
      for (const [from, to] of spans) for (let v = 1; v <= 5; v++) doc.moveTo(chartX + v * unit, from).lineTo(chartX + v * unit, to);
      doc.stroke().undash().restore();
      doc.save().lineWidth(0.7).strokeColor(COLOURS.muted);
      for (const [from, to] of spans) doc.moveTo(chartX, from).lineTo(chartX, to);
      doc.stroke().restore();
      w.y = y + 6;
    },
    { alt },
  );
  const unrated = [baseline, followup].filter((i) => i && i.state !== 'answered');
  if (unrated.length > 0) {
    w.paragraph([run(unrated.map((i) => `${i!.title}: ${i!.answered} of ${i!.total} rated.`).join(' '), { size: 8.5, color: COLOURS.bad })]);
  }
}


/** "1.4 Assess the impact of…", cut to fit the width it has. */
function statementLabel(w: Writer, id: string, headingText: string, width: number) {
  const short = id.replace(/^AP/, '');
  const idW = w.measure(`${short}  `, 'bold', 7.2);
  let text = headingText.replace(/\s+/g, ' ').trim();
  if (idW + w.measure(text, 'regular', 7.2) > width) {
    while (text.length > 1 && idW + w.measure(`${text}…`, 'regular', 7.2) > width) text = text.slice(0, -1);
    text = `${text.trimEnd()}…`;
  }
  return w.layout([run(`${short}  `, { face: 'bold', size: 7.2 }), run(text, { size: 7.2, color: COLOURS.muted })], width + 100)[0]!;
}
