// Formatters of verify's result: plain functions, one per output format.
import type { ChalkInstance } from 'chalk';
import { plainStyle } from '../ui/io.js';
import type { PortfolioReport } from './verify.js';

export interface CohortResult {
  portfolios: PortfolioReport[];
}

/** One portfolio's part of the JSON report (schemas/verify-report.schema.json). */
export function portfolioJson(r: PortfolioReport): object {
  return {
    path: r.path,
    participant: r.participant,
    complete: r.complete,
    programme: r.assessment.programme,
    totals: r.assessment.totals,
    requirements: r.assessment.requirements.map((q) => ({ id: q.id, title: q.title, met: q.met, reasons: q.reasons })),
    statements: r.assessment.statements.map((s) => ({ id: s.id, section: s.section, heading: s.heading, weeks: s.weeks, evidence: s.evidence, covered: s.covered })),
    weeks: r.assessment.modules.flatMap((m) => m.weeks.map((w) => ({ ref: w.ref, title: w.title, file: w.file, answered: w.answered, total: w.total, state: w.state }))),
    problems: r.problems.map((p) => ({ file: p.file, line: p.line, severity: p.severity, code: p.code, message: p.message, ...(p.fix ? { fix: p.fix } : {}) })),
    identifying: {
      unreviewed: r.identifying.unreviewed.map((f) => ({ file: f.file, line: f.line, column: f.column, kind: f.kind, text: f.text, message: f.message })),
      reviewed: r.identifying.reviewed,
    },
    signoff: r.signoff,
  };
}

const PART_OPEN = '{\n  "portfolios": [\n    ';
const PART_CLOSE = '\n  ]\n}';

/**
 * A portfolio's part of the JSON report, indented to sit in the report's list
 * (written as that list by JSON.stringify itself: no pass over the text to indent it).
 */
export function portfolioPart(r: PortfolioReport): string {
  const wrapped = JSON.stringify({ portfolios: [portfolioJson(r)] }, null, 2);
  return wrapped.slice(PART_OPEN.length, wrapped.length - PART_CLOSE.length);
}

/**
 * The JSON report, written piece by piece as each portfolio's part arrives:
 * a cohort's report is never held whole. The summary closes the document.
 */
export function jsonWriter(write: (text: string) => void, version: string) {
  let count = 0;
  let complete = 0;
  write(`{\n  "permanence": ${JSON.stringify(version)},\n  "portfolios": [`);
  return {
    /** A portfolio's part as portfolioPart gives it. */
    part(json: string, isComplete: boolean) {
      write(`${count === 0 ? '\n' : ',\n'}    ${json}`);
      count++;
      if (isComplete) complete++;
    },
    end() {
      write(`${count === 0 ? ']' : '\n  ]'},\n  "summary": {\n    "portfolios": ${count},\n    "complete": ${complete}\n  },\n  "complete": ${complete === count}\n}\n`);
    },
  };
}

export function jsonDocument(parts: { json: string; complete: boolean }[], version: string): string {
  let out = '';
  const w = jsonWriter((t) => (out += t), version);
  for (const p of parts) w.part(p.json, p.complete);
  w.end();
  return out;
}

/** The whole JSON report of reports in hand. */
export function toJson(result: CohortResult, version: string): object {
  return JSON.parse(jsonDocument(result.portfolios.map((r) => ({ json: portfolioPart(r), complete: r.complete })), version)) as object;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

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

export type PartFormat = 'json' | 'junit' | 'text' | 'text-colour';

/** A portfolio's summary row and its part of the output, ready to write. */
export function formatPart(r: PortfolioReport, format: PartFormat, colour?: ChalkInstance): { row: SummaryRow; part: string } {
  const part =
    format === 'json'
      ? portfolioPart(r)
      : format === 'junit'
        ? portfolioSuite(r)
        : portfolioText(r, colour ?? plainStyle);
  return { row: summaryRow(r), part };
}

export function summaryRow(r: PortfolioReport): SummaryRow {
  return { complete: r.complete, path: r.path, participant: r.participant ?? '(unreadable)', headline: headline(r) };
}

/** One row per participant, before the details. */
export function cohortTable(rows: SummaryRow[], s: ChalkInstance): string {
  const done = rows.filter((r) => r.complete).length;
  const out = [s.bold(`Cohort: ${count(rows.length, 'portfolio')}, ${done} complete, ${rows.length - done} not complete`)];
  const w = Math.max(...rows.map((r) => r.path.length));
  const pw = Math.max(...rows.map((r) => r.participant.length));
  for (const r of rows) {
    const state = r.complete ? s.green('✓ complete  ') : s.red('✗ incomplete');
    out.push(`  ${state}  ${r.path.padEnd(w)}  ${r.participant.padEnd(pw)}  ${r.headline}`);
  }
  return `${out.join('\n')}\n\n`;
}

export function toText(result: CohortResult, s: ChalkInstance): string {
  const list = result.portfolios;
  const table = list.length > 1 ? cohortTable(list.map(summaryRow), s) : '';
  return `${(table + list.map((r) => portfolioText(r, s)).join('\n')).trimEnd()}\n`;
}

export function portfolioText(r: PortfolioReport, s: ChalkInstance): string {
  const a = r.assessment;
  const out: string[] = [];
  const verdict = r.complete ? s.green.bold('COMPLETE') : s.red.bold('NOT COMPLETE');
  out.push(`${s.bold(r.participant ?? '(participant unknown)')}  ${s.dim(r.path)}  ${verdict}`);
  out.push(`  ${headline(r)}`);

  const errors = r.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    out.push('', s.bold(`  Errors (${errors.length})`));
    for (const p of errors) out.push(`    ${s.red('✗')} ${p.file}${p.line > 0 ? `:${p.line}` : ''}: ${p.message}${p.fix ? s.dim(`\n        fix: ${p.fix}`) : ''}`);
  }
  const missing = a.requirements.filter((q) => !q.met);
  if (missing.length > 0) {
    out.push('', s.bold(`  Requirements not met (${missing.length} of ${a.requirements.length})`));
    for (const q of missing) {
      out.push(`    ${s.red('✗')} ${q.title}`);
      for (const reason of q.reasons.slice(0, 6)) out.push(`        ${reason}`);
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
  const warnings = r.problems.filter((p) => p.severity === 'warning');
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
    const by = rec.name ? `${rec.name}${rec.role ? `, ${rec.role}` : ''}, ${rec.date}` : rec.file;
    const sig = rec.signed ? (rec.signer ? `signed by ${rec.signer}` : 'signed (not checked: use --allowed-signers)') : 'not signed';
    out.push(`    ${mark} ${what}: ${by}; ${rec.status}; ${sig}`);
    for (const reason of rec.reasons) out.push(`        ${reason}`);
  }
  out.push('');
  return out.join('\n');
}

const truncate = (t: string, n: number) => {
  const one = t.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

const xml = (t: string) =>
  t
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/** One portfolio as a JUnit test suite: a case per requirement, statement and kind of problem. */
export function portfolioSuite(r: PortfolioReport): string {
  const cases: string[] = [];
  const tc = (name: string, classname: string, failure?: string) =>
    failure === undefined
      ? `    <testcase name="${xml(name)}" classname="${xml(classname)}"/>`
      : `    <testcase name="${xml(name)}" classname="${xml(classname)}">\n      <failure message="${xml(failure.split('\n')[0] ?? '')}">${xml(failure)}</failure>\n    </testcase>`;
  for (const q of r.assessment.requirements) cases.push(tc(`${q.id}: ${q.title}`, 'requirements', q.met ? undefined : q.reasons.join('\n')));
  for (const st of r.assessment.statements) {
    cases.push(tc(`${st.id}: ${truncate(st.heading, 80)}`, 'kss-ap', st.covered ? undefined : `no evidence: linked weeks ${st.weeks.join(', ')} have unanswered tasks`));
  }
  const errors = r.problems.filter((p) => p.severity === 'error');
  cases.push(tc('files: no errors', 'problems', errors.length === 0 ? undefined : errors.map((p) => `${p.file}${p.line > 0 ? `:${p.line}` : ''}: ${p.message}`).join('\n')));
  cases.push(
    tc(
      'identifying details: none unreviewed',
      'privacy',
      r.identifying.unreviewed.length === 0 ? undefined : r.identifying.unreviewed.map((f) => `${f.file}:${f.line}:${f.column}: ${f.message}`).join('\n'),
    ),
  );
  cases.push(tc(`sign-off: ${r.signoff.status}`, 'signoff', r.signoff.status === 'changed' || r.signoff.status === 'invalid' ? r.signoff.records.at(-1)?.reasons.join('\n') ?? r.signoff.status : undefined));
  const failures = cases.filter((c) => c.includes('<failure')).length;
  return `  <testsuite name="${xml(r.participant ?? r.path)}" package="${xml(r.path)}" tests="${cases.length}" failures="${failures}" errors="0">\n${cases.join('\n')}\n  </testsuite>`;
}

/** JUnit XML, written suite by suite; the totals are in each suite, as JUnit readers sum them. */
export function junitWriter(write: (text: string) => void) {
  write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="permanence verify">\n');
  return {
    part(suite: string) {
      write(`${suite}\n`);
    },
    end() {
      write('</testsuites>\n');
    },
  };
}

export function junitDocument(suites: string[]): string {
  let out = '';
  const w = junitWriter((t) => (out += t));
  for (const s of suites) w.part(s);
  w.end();
  return out;
}

/** JUnit XML for CI dashboards: one suite per portfolio. */
export function toJunit(result: CohortResult): string {
  return junitDocument(result.portfolios.map(portfolioSuite));
}
