// The one next step that matters most, as data: the presenters word it and
// give the command for it.
import type { Assessment, Reason } from './types.js';

export type NextStep =
  /** An error in a file stops everything else. */
  | { kind: 'fix'; file: string; line: number; message: string; more: number }
  | { kind: 'selfassess'; stage: 'baseline' | 'followup'; rated: number; total: number }
  /** The earliest week not yet answered, up to the calendar's week; started: some of it is answered already. */
  | { kind: 'week'; ref: string; module: number; week: number; title: string; started: boolean; task?: number }
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
  // The baseline is the programme's starting point: next until it is done, whatever the week.
  const baseline = selfAssessment(a, 'baseline');
  if (baseline && baseline.state !== 'answered') return { kind: 'selfassess', stage: 'baseline', rated: baseline.answered, total: baseline.total };
  // The follow-up belongs to Module 4: from its first week, it comes before catching up.
  const followup = selfAssessment(a, 'followup');
  const inModule4 = (a.calendar.state === 'during' && (a.calendar.module ?? 0) >= 4) || a.calendar.state === 'after';
  if (followup && followup.state !== 'answered' && inModule4) return { kind: 'selfassess', stage: 'followup', rated: followup.answered, total: followup.total };
  const weeks = a.modules.flatMap((m) => m.weeks);
  const now = a.calendar.state === 'during' ? weeks.find((w) => w.module === a.calendar.module && w.week === a.calendar.week) : undefined;
  // Programme order: the earliest week with a required task not answered, up to this week.
  const unfinished = (w: (typeof weeks)[number]) => w.tasks.some((t) => !t.optional && t.state !== 'answered');
  const behind = weeks.find((w) => unfinished(w) && (!now || weeks.indexOf(w) <= weeks.indexOf(now)));
  if (behind) {
    const open = behind.tasks.find((t) => !t.optional && t.state !== 'answered');
    // Started: something answered in the week's own file (an item it points to, filled elsewhere, does not count).
    const started = behind.tasks.some((t) => t.fields.some((f) => f.kind !== 'entry' && f.answered));
    return { kind: 'week', ref: behind.ref, module: behind.module, week: behind.week, title: behind.title, started, ...(open ? { task: open.number } : {}) };
  }
  if (now) {
    const later = weeks.find(unfinished);
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

function selfAssessment(a: Omit<Assessment, 'next'>, stage: 'baseline' | 'followup') {
  return a.items.find((i) => i.kind === 'selfassessment' && i.id.includes(stage));
}
