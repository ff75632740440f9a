// The one next step that matters most, as data: the presenters word it and
// give the command for it.
import type { Assessment, Reason } from './types.js';

export type NextStep =
  /** An error in a file stops everything else. */
  | { kind: 'fix'; file: string; line: number; message: string; more: number }
  | { kind: 'selfassess'; stage: 'baseline' | 'followup'; rated: number; total: number }
  /** The earliest week not yet answered, up to the calendar's week. */
  | { kind: 'week'; ref: string; module: number; week: number; title: string; task?: number }
  /** Everything is answered up to the calendar's week; the next week not answered comes later. */
  | { kind: 'up-to-date'; programme_week: number; ref: string; module: number; week: number; title: string }
  | { kind: 'requirement'; id: string; title: string; reason?: Reason }
  | { kind: 'statement'; id: string; weeks: string[] }
  /** Everything answered: the supervisor's turn. */
  | { kind: 'done' };

export function nextStep(a: Omit<Assessment, 'next'>): NextStep {
  const errors = a.problems.filter((x) => x.severity === 'error');
  if (errors.length > 0) {
    const e = errors[0]!;
    return { kind: 'fix', file: e.file, line: e.line, message: e.message, more: errors.length - 1 };
  }
  const baseline = a.items.find((i) => i.kind === 'selfassessment' && i.id.includes('baseline'));
  if (baseline && baseline.state !== 'answered' && (a.calendar.programme_week ?? 0) <= 2) {
    return { kind: 'selfassess', stage: 'baseline', rated: baseline.answered, total: baseline.total };
  }
  const weeks = a.modules.flatMap((m) => m.weeks);
  const now = a.calendar.state === 'during' ? weeks.find((w) => w.module === a.calendar.module && w.week === a.calendar.week) : undefined;
  const behind = weeks.find((w) => w.state !== 'answered' && (!now || weeks.indexOf(w) <= weeks.indexOf(now)));
  if (behind) {
    const open = behind.tasks.find((t) => t.state !== 'answered');
    return { kind: 'week', ref: behind.ref, module: behind.module, week: behind.week, title: behind.title, ...(open ? { task: open.number } : {}) };
  }
  if (now) {
    const later = weeks.find((w) => w.state !== 'answered');
    if (later && weeks.indexOf(later) > weeks.indexOf(now)) {
      return { kind: 'up-to-date', programme_week: a.calendar.programme_week!, ref: later.ref, module: later.module, week: later.week, title: later.title };
    }
  }
  const unmet = a.requirements.find((r) => !r.met);
  if (unmet) return { kind: 'requirement', id: unmet.id, title: unmet.title, ...(unmet.reasons[0] ? { reason: unmet.reasons[0] } : {}) };
  const uncovered = a.statements.find((s) => !s.covered);
  if (uncovered) return { kind: 'statement', id: uncovered.id, weeks: uncovered.weeks };
  return { kind: 'done' };
}
