// The cover, the sign-off records and the certificate of completion.
import { anchor, partHeading, type Ctx, type SignoffView } from './context.js';
import { addDays, isoDay, longDate, plural } from './format.js';
import { A4, COLOURS, MARGIN, run, type Run, type TableCell } from './writer.js';

export function signoffWords(ctx: Ctx): { text: string; good: boolean } {
  const { signoffs, signoffStatus } = ctx.input;
  const latest = [...signoffs].reverse().find((s) => s.status === signoffStatus) ?? signoffs[signoffs.length - 1];
  // The role after a comma: a name may carry its own brackets ("Alex Morgan (fictional)").
  const who = latest ? `${latest.name}, ${latest.role}, on ${longDate(latest.date)}` : '';
  const what = latest ? (latest.kind === 'final' ? 'Signed off' : `Module ${latest.module ?? ''} signed off`) : '';
  switch (signoffStatus) {
    case 'valid':
      return { text: `${what} by ${who}; the portfolio is unchanged since.`, good: true };
    case 'changed':
      return { text: `${what} by ${who}, but the portfolio has changed since, so that sign-off no longer covers it.`, good: false };
    case 'invalid':
      return { text: `A sign-off record is present but could not be verified${latest ? ` (${latest.name}, ${longDate(latest.date)})` : ''}.`, good: false };
    default:
      return { text: 'Not yet signed off by a supervisor.', good: false };
  }
}

export function renderCover(ctx: Ctx): void {
  const { w, input } = ctx;
  const a = input.assessment;
  const { doc } = w;
  const p = a.portfolio;
  w.source = 'portfolio.yaml';
  anchor(ctx, 'cover');
  w.artifact(() => {
    doc.save().rect(0, 0, A4.width, 10).fill(COLOURS.accent).restore();
  });
  w.y = MARGIN + 40;
  w.paragraph([run('PORTFOLIO OF LEARNING', { face: 'bold', size: 10, color: COLOURS.muted })], { after: 6 });
  w.paragraph([run(a.programme.title, { face: 'bold', size: 30, color: COLOURS.accent })], { tag: 'H1', leading: 1.2, after: 4 });
  w.paragraph([run('A 28-week programme for child and family social workers in England, evidenced against the Knowledge and Skills Statement: Achieving Permanence (KSS-AP)', { size: 11.5, color: COLOURS.muted })], {
    after: 26,
    width: w.width * 0.85,
  });
  w.rule(COLOURS.accent, 1.2);
  w.space(18);

  const start = p.start_date;
  const end = start ? addDays(start, 28 * 7 - 1) : null;
  const details: [string, string][] = [
    ['Participant', p.participant ?? '—'],
    ['Cohort', p.cohort ?? '—'],
    ['Supervisor', p.supervisor ?? '—'],
    ['Programme dates', start ? `${longDate(start)} to ${longDate(end)} (28 weeks)` : '—'],
    ['Document date', longDate(isoDay(input.date))],
    ['Content version', `${a.programme.id} ${p.content_version ?? a.programme.version}`],
  ];
  // A table of rows, each a header cell naming what its data cell holds.
  w.group('Table', () => {
    for (const [label, value] of details) {
      const y = w.y;
      const cells = w.rowCells(false, 2, true);
      w.into(cells?.[0], () => {
        const line = w.layout([run(label, { size: 10, color: COLOURS.muted })], 120)[0]!;
        w.drawLine(line, w.left, y + 1.5, 120);
      });
      w.within(cells?.[1] ?? null, () => w.indented(130, () => w.paragraph([run(value, { face: label === 'Participant' ? 'bold' : 'regular', size: label === 'Participant' ? 13 : 11.5 })], { after: 7, leading: 1.35 })));
      w.endRow(cells);
    }
  });
  w.space(22);

  const t = a.totals;
  const completeText: Run[] = a.complete
    ? [run('✓ Complete. ', { face: 'bold', color: COLOURS.good, size: 11.5 }), run(`All ${t.requirements.total} portfolio requirements are met and all ${t.statements.total} KSS-AP statements are evidenced.`, { size: 10.5 })]
    : [
        run('✗ Not yet complete. ', { face: 'bold', color: COLOURS.bad, size: 11.5 }),
        run(
          `${t.requirements.met} of ${plural(t.requirements.total, 'requirement')} met; ${t.statements.covered} of ${t.statements.total} KSS-AP statements evidenced` +
            (a.problems.some((x) => x.severity === 'error') ? `; ${plural(a.problems.filter((x) => x.severity === 'error').length, 'problem')} in the files` : '') +
            '.',
          { size: 10.5 },
        ),
      ];
  statusBox(ctx, 'Portfolio', completeText, a.complete ? COLOURS.goodLight : COLOURS.badLight);
  const s = signoffWords(ctx);
  statusBox(ctx, 'Sign-off', [run(s.good ? '✓ ' : '○ ', { face: 'bold', color: s.good ? COLOURS.good : COLOURS.warn, size: 11.5 }), run(s.text, { size: 10.5 })], s.good ? COLOURS.goodLight : COLOURS.warnLight);
  if (input.draft) {
    statusBox(ctx, 'Draft', [run('DRAFT — not verified. ', { face: 'bold', color: COLOURS.bad }), run('This copy shows the portfolio as it stands; it is not the submission.', { size: 10.5 })], COLOURS.badLight);
  }
  const y = A4.height - MARGIN - 50;
  if (w.y < y) {
    w.y = y;
    w.paragraph([run('Confidential: this portfolio is about work with children and families. Keep it as you would a case record.', { size: 8.5, color: COLOURS.muted })]);
  }
}

function statusBox(ctx: Ctx, label: string, runs: Run[], fill: string): void {
  const { w } = ctx;
  const pad = 9;
  const labelW = 80;
  const textW = w.width - labelW - 2 * pad;
  const h = w.heightOf(runs, textW, 1.4) + 2 * pad;
  const y = w.y;
  w.artifact(() => {
    w.doc.save().roundedRect(w.left, y, w.width, h, 4).fill(fill).restore();
  });
  w.leaf('P', () => {
    w.drawLine(w.layout([run(label, { face: 'bold', size: 10, color: COLOURS.muted })], labelW)[0]!, w.left + pad, y + pad + 1, labelW);
  });
  w.y = y + pad;
  w.indented(labelW + pad, () => w.paragraph(runs, { leading: 1.4, width: textW }));
  w.y = y + h + 8;
}

const STATUS_WORDS: Record<SignoffView['status'], string> = {
  valid: '✓ Valid: the portfolio is unchanged since',
  changed: '✗ Changed since: this sign-off no longer covers the portfolio',
  invalid: '✗ Invalid: the record could not be verified',
};

export function renderSignoffs(ctx: Ctx): void {
  const { w, input } = ctx;
  partHeading(ctx, 'signoffs', 'Sign-off records', 'What a supervisor verified, when, and a SHA-256 digest of exactly the content they saw');
  w.source = 'signoffs/';
  const s = signoffWords(ctx);
  w.paragraph([run(s.good ? '✓ ' : '○ ', { face: 'bold', color: s.good ? COLOURS.good : COLOURS.warn }), run(s.text)], { after: 10 });
  if (input.signoffs.length === 0) {
    w.paragraph([run('No sign-off has been recorded. A supervisor records one with: permanence signoff', { color: COLOURS.muted })]);
    return;
  }
  input.signoffs.forEach((so, i) => {
    const rows: TableCell[][] = [
      [{ runs: [run('Kind', { face: 'bold' })] }, { runs: [run(so.kind === 'final' ? 'Final sign-off of the whole portfolio' : `Module ${so.module ?? '?'} sign-off`)] }],
      [{ runs: [run('Signed off by', { face: 'bold' })] }, { runs: [run(so.name, { face: 'bold' }), run(`, ${so.role}`)] }],
      [{ runs: [run('Date', { face: 'bold' })] }, { runs: [run(longDate(so.date))] }],
      [
        { runs: [run('Status', { face: 'bold' })] },
        {
          runs: [run(STATUS_WORDS[so.status], { color: so.status === 'valid' ? COLOURS.good : COLOURS.bad, face: 'bold' })],
          fill: so.status === 'valid' ? COLOURS.goodLight : COLOURS.badLight,
        },
      ],
      [{ runs: [run('Signature', { face: 'bold' })] }, { runs: [run(so.signed ? '✓ Signed with an SSH key (checked by permanence verify)' : 'No cryptographic signature; the digest alone records the content')] }],
      [{ runs: [run('Digest (SHA-256)', { face: 'bold' })] }, { runs: [run(so.digest, { face: 'mono', size: 8 })] }],
    ];
    if (so.note) rows.push([{ runs: [run('Note', { face: 'bold' })] }, { runs: [run(so.note)] }]);
    w.ensure(130);
    w.paragraph([run(`Record ${i + 1} of ${input.signoffs.length}`, { face: 'bold', size: 11 })], { tag: 'H2', after: 3, keep: 4 });
    w.table(null, rows, { size: 9.5, widths: [96, w.width - 96], rowHeaders: true });
    w.space(12);
  });
}

/** Where the certificate's frame ends: 30 pt above the rule of the page footer. */
export const CERTIFICATE_FRAME_BOTTOM = A4.height - MARGIN - 30;

/** Only for a valid final sign-off: the page a participant may frame. */
export function renderCertificate(ctx: Ctx): boolean {
  const { w, input } = ctx;
  const final = [...input.signoffs].reverse().find((s) => s.kind === 'final' && s.status === 'valid');
  if (!final) return false;
  const { doc } = w;
  w.freshPage();
  w.startSection('');
  anchor(ctx, 'certificate');
  const inset = MARGIN - 18;
  w.artifact(() => {
    // Well clear of the page footer below it: the frame ends 30 pt above the footer's rule.
    const height = CERTIFICATE_FRAME_BOTTOM - inset;
    doc.save().lineWidth(1.6).strokeColor(COLOURS.accent).rect(inset, inset, A4.width - 2 * inset, height).stroke();
    doc.lineWidth(0.5).rect(inset + 5, inset + 5, A4.width - 2 * inset - 10, height - 10).stroke().restore();
  });
  const a = input.assessment;
  const centre = (runs: Run[], after: number, tag = 'P', leading = 1.35) => w.paragraph(runs, { align: 'center', after, tag, leading });
  w.y = MARGIN + 90;
  centre([run('CERTIFICATE OF COMPLETION', { face: 'bold', size: 12, color: COLOURS.muted })], 24, 'H1');
  centre([run(a.programme.title, { face: 'bold', size: 28, color: COLOURS.accent })], 30);
  centre([run('This is to certify that', { face: 'italic', size: 12, color: COLOURS.muted })], 14);
  centre([run(a.portfolio.participant ?? '—', { face: 'bold', size: 24 })], 14, 'P', 1.25);
  if (a.portfolio.cohort) centre([run(`Cohort: ${a.portfolio.cohort}`, { size: 11, color: COLOURS.muted })], 22);
  w.indented(40, () =>
    centre(
      [
        run(
          `has completed the 28-week ${a.programme.title} programme, with a portfolio that meets all ${a.totals.requirements.total} of its requirements and evidences all ${a.totals.statements.total} statements of the Knowledge and Skills Statement: Achieving Permanence.`,
          { size: 12 },
        ),
      ],
      40,
      'P',
      1.5,
    ),
    40,
  );
  doc.save().lineWidth(0.6).strokeColor(COLOURS.muted).moveTo(A4.width / 2 - 110, w.y).lineTo(A4.width / 2 + 110, w.y).stroke().restore();
  w.y += 8;
  centre([run(`Verified by ${final.name}`, { face: 'bold', size: 12 })], 2);
  centre([run(final.role, { size: 11, color: COLOURS.muted })], 2);
  centre([run(longDate(final.date), { size: 11, color: COLOURS.muted })], 40);
  // The whole digest, large enough to print and read back, in the muted grey that keeps 4.5:1 on white.
  centre([run('Portfolio digest (SHA-256)', { size: 9.5, color: COLOURS.muted })], 1);
  centre([run(final.digest, { face: 'mono', size: 9, color: COLOURS.muted })], 0);
  return true;
}
