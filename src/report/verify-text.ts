// verify's text report: a cohort's summary rows, then each portfolio's verdict,
// errors, unmet requirements, statements without evidence, warnings, weeks and sign-offs.
import type { ChalkInstance } from 'chalk';
import type { PassedOver, PortfolioReport } from '../verify/verify.js';
import { count, reasonText, truncate, visible, visibleProblem } from './words.js';

function headline(r: PortfolioReport): string {
  const t = r.assessment.totals;
  const errors = r.problems.filter((p) => p.severity === 'error').length;
  const warnings = r.problems.filter((p) => p.severity === 'warning').length;
  return [
    `${t.requirements.met}/${t.requirements.total} requirements`,
    `${t.statements.covered}/${t.statements.total} KSS-AP statements with evidence`,
    count(errors, 'error'),
    count(warnings, 'warning'),
    `sign-off: ${r.signoff.status}`,
  ].join(', ');
}

export interface SummaryRow {
  complete: boolean;
  path: string;
  participant: string;
  headline: string;
}

export function summaryRow(r: PortfolioReport): SummaryRow {
  return { complete: r.complete, path: visible(r.path), participant: visible(r.participant ?? '(unreadable)'), headline: headline(r) };
}

/** One row per participant, before the details; then every folder passed over, and why. */
export function cohortTable(rows: SummaryRow[], s: ChalkInstance, passedOver: PassedOver[] = []): string {
  const done = rows.filter((r) => r.complete).length;
  const skipped = passedOver.length > 0 ? `; ${count(passedOver.length, 'folder')} passed over (listed below)` : '';
  const out = [s.bold(`Cohort: ${count(rows.length, 'portfolio')}, ${done} complete, ${rows.length - done} not complete${skipped}`)];
  const w = Math.max(...rows.map((r) => r.path.length));
  const pw = Math.max(...rows.map((r) => r.participant.length));
  for (const r of rows) {
    const state = r.complete ? s.green('✓ complete  ') : s.red('✗ incomplete');
    out.push(`  ${state}  ${r.path.padEnd(w)}  ${r.participant.padEnd(pw)}  ${r.headline}`);
  }
  if (passedOver.length > 0) {
    out.push('', s.bold(`Passed over (${passedOver.length}): not verified`));
    for (const p of passedOver) out.push(`  ${s.yellow('!')} ${visible(p.path)}: ${visible(p.reason)}`);
  }
  return `${out.join('\n')}\n\n`;
}

export function toText(list: PortfolioReport[], s: ChalkInstance): string {
  const table = list.length > 1 ? cohortTable(list.map(summaryRow), s) : '';
  return `${(table + list.map((r) => portfolioText(r, s)).join('\n')).trimEnd()}\n`;
}

export function portfolioText(r: PortfolioReport, s: ChalkInstance): string {
  const a = r.assessment;
  const out: string[] = [];
  const verdict = r.complete ? s.green.bold('COMPLETE') : s.red.bold('NOT COMPLETE');
  out.push(`${s.bold(visible(r.participant ?? '(participant unknown)'))}  ${s.dim(visible(r.path))}  ${verdict}`);
  out.push(`  ${headline(r)}`);
  const id = r.identifying;
  out.push(`  Identifying details: ${id.unreviewed.length === 0 ? 'none to review' : `${id.unreviewed.length} to review (warnings below)`}; ${id.reviewed} marked reviewed`);

  const errors = r.problems.filter((p) => p.severity === 'error').map(visibleProblem);
  if (errors.length > 0) {
    out.push('', s.bold(`  Errors (${errors.length})`));
    for (const p of errors) out.push(`    ${s.red('✗')} ${p.file}${p.line > 0 ? `:${p.line}` : ''}: ${p.message}${p.fix ? s.dim(`\n        fix: ${p.fix}`) : ''}`);
  }
  const missing = a.requirements.filter((q) => !q.met);
  if (missing.length > 0) {
    out.push('', s.bold(`  Requirements not met (${missing.length} of ${a.requirements.length})`));
    for (const q of missing) {
      out.push(`    ${s.red('✗')} ${q.title}`);
      for (const reason of q.reasons.slice(0, 6)) out.push(`        ${reasonText(reason)}`);
      if (q.reasons.length > 6) out.push(s.dim(`        ... and ${q.reasons.length - 6} more`));
    }
  }
  const uncovered = a.statements.filter((x) => !x.covered);
  if (uncovered.length > 0) {
    out.push('', s.bold(`  KSS-AP statements without evidence (${uncovered.length} of ${a.statements.length})`));
    for (const st of uncovered) {
      out.push(`    ${s.red('✗')} ${st.id} ${truncate(st.heading, 70)}\n        linked weeks ${st.weeks.join(', ')}: none has all its tasks answered`);
    }
  }
  const warnings = r.problems.filter((p) => p.severity === 'warning').map(visibleProblem);
  if (warnings.length > 0) {
    out.push('', s.bold(`  Warnings (${warnings.length})`));
    for (const p of warnings.slice(0, 50)) out.push(`    ${s.yellow('!')} ${p.file}${p.line > 0 ? `:${p.line}` : ''}: ${p.message}`);
    if (warnings.length > 50) out.push(s.dim(`    ... and ${warnings.length - 50} more (--format json lists them all)`));
  }
  out.push('', s.bold('  Weeks (tasks answered)'));
  for (const m of a.modules) {
    const cells = m.weeks.map((w) => `${w.ref} ${w.state === 'answered' ? s.green('✓') : w.state === 'partial' ? s.yellow('◐') : s.dim('○')} ${w.answered}/${w.total}`);
    out.push(`    ${cells.join('  ')}`);
  }
  out.push('', s.bold('  Sign-off'));
  if (r.signoff.records.length === 0) out.push('    none yet');
  for (const rec of r.signoff.records) {
    const mark = rec.status === 'valid' ? s.green('✓') : s.red('✗');
    const what = rec.kind === 'module' ? `module ${rec.module} (interim)` : rec.kind === 'final' ? 'final' : 'unreadable record';
    const by = visible(rec.name ? `${rec.name}${rec.role ? `, ${rec.role}` : ''}, ${rec.date}` : rec.file);
    const sig = rec.signed ? (rec.signer ? `signed by ${visible(rec.signer)}` : 'signed (not checked: use --allowed-signers)') : 'not signed: anyone with these files could have written it';
    const older = rec.record_version === 1 ? '; the older form of record, whose digest does not cover its own fields' : '';
    out.push(`    ${mark} ${what}: ${by}; ${rec.status}; ${sig}${older}`);
    for (const reason of rec.reasons) out.push(`        ${visible(reason)}`);
  }
  out.push('');
  return out.join('\n');
}


