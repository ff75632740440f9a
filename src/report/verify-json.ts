// verify's JSON report (schemas/verify-report.schema.json): the same data as
// the assessment, written portfolio by portfolio as each report arrives.
import { ASSESSMENT_SCHEMA_VERSION } from '../assess/assess.js';
import type { PassedOver, PortfolioReport } from '../verify/verify.js';

/** One portfolio's part of the JSON report (schemas/verify-report.schema.json). */
export function portfolioJson(r: PortfolioReport): object {
  return {
    schema_version: ASSESSMENT_SCHEMA_VERSION,
    path: r.path,
    participant: r.participant,
    complete: r.complete,
    programme: r.assessment.programme,
    totals: r.assessment.totals,
    calendar: r.assessment.calendar,
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
    /** Closes the document; a cohort's folders passed over, and why, come before the summary. */
    end(passedOver: PassedOver[] = []) {
      const skipped = `"passed_over": ${JSON.stringify(passedOver.map((p) => ({ path: p.path, reason: p.reason })), null, 2).replace(/\n/g, '\n  ')}`;
      write(`${count === 0 ? ']' : '\n  ]'},\n  ${skipped},\n  "summary": {\n    "portfolios": ${count},\n    "complete": ${complete}\n  },\n  "complete": ${complete === count}\n}\n`);
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
export function toJson(reports: PortfolioReport[], version: string): object {
  return JSON.parse(jsonDocument(reports.map((r) => ({ json: portfolioPart(r), complete: r.complete })), version)) as object;
}

