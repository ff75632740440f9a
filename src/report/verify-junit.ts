// verify's JUnit XML, for CI dashboards: one test suite per portfolio, a case
// per requirement, statement and kind of problem.
import type { PassedOver, PortfolioReport } from '../verify/verify.js';
import { visibleLines } from '../util/visible.js';
import { reasonText, truncate } from './words.js';

// Control characters shown as escapes (as in the text report), so none that XML
// forbids is left and none is silently dropped.
const xml = (t: string) =>
  visibleLines(t)
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
  for (const q of r.assessment.requirements) cases.push(tc(`${q.id}: ${q.title}`, 'requirements', q.met ? undefined : q.reasons.map(reasonText).join('\n')));
  for (const st of r.assessment.statements) {
    cases.push(tc(`${st.id}: ${truncate(st.heading, 80)}`, 'kss-ap', st.covered ? undefined : `no evidence: linked weeks ${st.weeks.join(', ')} have unanswered tasks`));
  }
  const errors = r.problems.filter((p) => p.severity === 'error');
  cases.push(tc('files: no errors', 'problems', errors.length === 0 ? undefined : errors.map((p) => `${p.file}${p.line > 0 ? `:${p.line}` : ''}: ${p.message}`).join('\n')));
  cases.push(
    tc(
      `identifying details: none unreviewed (${r.identifying.reviewed} marked reviewed)`,
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
    /** Closes the document; a cohort's folders passed over are a suite of skipped cases, each with its reason. */
    end(passedOver: PassedOver[] = []) {
      if (passedOver.length > 0) {
        const cases = passedOver.map((p) => `    <testcase name="${xml(p.path)}" classname="passed-over">\n      <skipped message="${xml(p.reason)}"/>\n    </testcase>`);
        write(`  <testsuite name="folders passed over" tests="${cases.length}" failures="0" errors="0" skipped="${cases.length}">\n${cases.join('\n')}\n  </testsuite>\n`);
      }
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
export function toJunit(reports: PortfolioReport[]): string {
  return junitDocument(reports.map(portfolioSuite));
}
