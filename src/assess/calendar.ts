// Where the calendar puts a portfolio: which programme week, module and week
// it is today, from its start date. Today is given, never read from the clock.
export interface Calendar {
  today: string;
  programme_week: number | null;
  module: number | null;
  week: number | null;
  state: 'before' | 'during' | 'after' | 'unknown';
}

export const PROGRAMME_WEEKS = 28;
export const WEEKS_PER_MODULE = 7;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A day that is in the calendar, written YYYY-MM-DD (2026-02-31 is not). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo);
}

/** "5 October 2026" for 2026-10-05. */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m! - 1]} ${y}`;
}

export type DateReading =
  | { ok: true; iso: string; /** Written another way (05/10/2026), so worth confirming. */ read?: string }
  | { ok: false; message: string };

/**
 * A date as people write it: 2026-10-05, or the UK's day first (05/10/2026,
 * 5.10.2026, 5-10-2026). Anything else, or a day the calendar does not have,
 * gets a sentence saying what is wanted.
 */
export function readDate(input: string): DateReading {
  const text = input.trim();
  const example = 'write it as year-month-day, e.g. 2026-09-07 for 7 September 2026';
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const parts = iso ? [iso[1], iso[2], iso[3]] : uk ? [uk[3], uk[2], uk[1]] : undefined;
  if (!parts) return { ok: false, message: `"${text}" is not a date that permanence can read: ${example}` };
  const [y, m, d] = parts.map(Number) as [number, number, number];
  if (m < 1 || m > 12) return { ok: false, message: `"${text}" has no month ${m} (months go from 1 to 12): ${example}` };
  if (d < 1 || d > daysIn(y, m)) return { ok: false, message: `${text} is not in the calendar: ${MONTHS[m - 1]} ${y} has ${daysIn(y, m)} days` };
  const out = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return out === text ? { ok: true, iso: out } : { ok: true, iso: out, read: `${text} is taken as ${longDate(out)} (${out})` };
}

/** Programme week n (1 to 28) as a module and a week of it. */
export function programmeWeek(n: number): { module: number; week: number } {
  return { module: Math.ceil(n / WEEKS_PER_MODULE), week: ((n - 1) % WEEKS_PER_MODULE) + 1 };
}

export function calendarOf(start: string | undefined, today: string): Calendar {
  const t = Date.parse(`${today}T00:00:00Z`);
  const s = start && isCalendarDate(start) ? Date.parse(`${start}T00:00:00Z`) : NaN;
  if (Number.isNaN(s) || Number.isNaN(t)) return { today, programme_week: null, module: null, week: null, state: 'unknown' };
  const days = Math.floor((t - s) / 86_400_000);
  if (days < 0) return { today, programme_week: 0, module: null, week: null, state: 'before' };
  const n = Math.floor(days / 7) + 1;
  if (n > PROGRAMME_WEEKS) return { today, programme_week: n, module: null, week: null, state: 'after' };
  return { today, programme_week: n, ...programmeWeek(n), state: 'during' };
}

/** A date exactly as YYYY-MM-DD and in the calendar (for --date, where nothing is confirmed). */
export const validDate = (v: string): true | string => {
  const r = readDate(v);
  if (r.ok && !r.read) return true;
  return r.ok ? `write it as year-month-day: if you mean ${longDate(r.iso)}, write ${r.iso}` : r.message[0]!.toUpperCase() + r.message.slice(1);
};
