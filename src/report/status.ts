// status as text: who, where the calendar is, progress by module and week,
// requirements, KSS-AP coverage, problems and the next step.
import type { ChalkInstance } from 'chalk';
import type { Assessment } from '../assess/assess.js';
import { formatProblem } from '../portfolio/problems.js';
import { mark, nextStepText, visible, visibleProblem } from './words.js';

export interface StatusExtras {
  /** Identifying details not yet reviewed, and the command that lists them. */
  identifying?: { unreviewed: number; command: string };
}

export function renderStatus(a: Assessment, s: ChalkInstance, extras: StatusExtras = {}): string {
  const out: string[] = [];
  const who = visible(
    [a.portfolio.participant ?? '(no participant)', a.portfolio.cohort, a.portfolio.supervisor ? `supervisor ${a.portfolio.supervisor}` : null]
      .filter(Boolean)
      .join(' · '),
  );
  out.push(`${s.bold(a.programme.title)} · ${who}`);
  const c = a.calendar;
  const when =
    c.state === 'during'
      ? `Programme week ${c.programme_week} of 28 (module ${c.module}, week ${c.week}) by the calendar`
      : c.state === 'before'
        ? `The programme starts on ${a.portfolio.start_date}`
        : c.state === 'after'
          ? `The 28 weeks ended (started ${a.portfolio.start_date})`
          : 'No valid start date in portfolio.yaml';
  out.push(s.dim(when));
  const id = extras.identifying;
  if (id && id.unreviewed > 0) {
    const n = id.unreviewed;
    out.push(s.yellow(`⚠ ${n} identifying ${n === 1 ? 'detail' : 'details'} not reviewed: ${id.command} lists ${n === 1 ? 'it' : 'them'}`));
  }
  out.push('');
  const width = Math.max(...a.modules.map((m) => m.title.length));
  for (const m of a.modules) {
    const weeks = m.weeks.map((w) => mark(w.state, s)).join(' ');
    out.push(`${s.bold(`Module ${m.number}`)}  ${m.title.padEnd(width)}  ${weeks}  ${m.answered}/${m.total} tasks`);
  }
  out.push(s.dim(`  weeks 1-7: ${mark('answered', s)} done  ${mark('partial', s)} started  ${mark('empty', s)} not started`));
  out.push('');
  const t = a.totals;
  out.push(`${s.bold('Requirements')}  ${t.requirements.met} of ${t.requirements.total} met`);
  for (const r of a.requirements) out.push(`  ${mark(r.met, s)} ${r.title}${r.met ? '' : s.dim(` (${r.reasons.length} to do)`)}`);
  out.push('');
  out.push(`${s.bold('KSS-AP coverage')}  ${t.statements.covered} of ${t.statements.total} statements have evidence`);
  const sections = [...new Set(a.statements.map((x) => x.section))];
  for (const n of sections) {
    const st = a.statements.filter((x) => x.section === n);
    const covered = st.filter((x) => x.covered).length;
    out.push(`  ${mark(covered === st.length ? 'answered' : covered > 0 ? 'partial' : 'empty', s)} Section ${n}: ${covered}/${st.length}  ${st.map((x) => (x.covered ? x.id : s.dim(x.id))).join(' ')}`);
  }
  const problems = a.problems;
  if (problems.length > 0) {
    out.push('');
    out.push(`${s.bold('Problems')}  ${problems.filter((p) => p.severity === 'error').length} error(s), ${problems.filter((p) => p.severity === 'warning').length} warning(s)`);
    for (const p of problems.slice(0, 5)) out.push(`  ${p.severity === 'error' ? s.red('error') : s.yellow('warning')} ${formatProblem(visibleProblem(p)).replace(/\n/g, '\n  ')}`);
    if (problems.length > 5) out.push(s.dim(`  ... and ${problems.length - 5} more: permanence verify lists them all`));
  }
  out.push('');
  out.push(`${s.bold('Next:')} ${nextStepText(a.next)}`);
  return `${out.join('\n')}\n`;
}
