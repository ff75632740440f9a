// The workshop attendance the participant recorded (the workshop-attendance
// requirement), as a supervisor confirms it at sign-off.
import { answerText } from '../assess/answers.js';
import type { Catalogue } from '../programme/load.js';
import { fieldKey, weekFile } from '../portfolio/layout.js';
import type { Portfolio } from '../portfolio/portfolio.js';
import type { AttendanceRecorded } from './signoff.js';

export const ATTENDANCE_REQUIREMENT = 'workshop-attendance';

/** One line per workshop task (of one module, when given): what the participant wrote, or '' when nothing. */
export function recordedAttendance(cat: Catalogue, portfolio: Portfolio, module?: number): AttendanceRecorded[] {
  const req = cat.programme.requirements.find((r) => r.id === ATTENDANCE_REQUIREMENT);
  const out: AttendanceRecorded[] = [];
  for (const ref of req?.satisfied_by ?? []) {
    const [m, w, t] = ref.split('.').map(Number);
    if (m === undefined || w === undefined || t === undefined || Number.isNaN(t)) continue;
    if (module !== undefined && m !== module) continue;
    const task = cat.task(m, w, t);
    const entry = portfolio.entries.get(weekFile(m, w));
    const parts = (task?.fields ?? []).map((f) => {
      const raw = entry?.slots.get(fieldKey(t, f.id))?.raw ?? '';
      return answerText(raw, f).replace(/\s+/g, ' ').trim();
    });
    out.push({ module: m, task: ref, recorded: parts.filter(Boolean).join(' ') });
  }
  return out;
}
