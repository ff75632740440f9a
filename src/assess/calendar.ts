// Where the calendar puts a portfolio: which programme week, module and week
// it is today, from its start date. Today is given, never read from the clock.
export interface Calendar {
  today: string;
  programme_week: number | null;
  module: number | null;
  week: number | null;
  state: 'before' | 'during' | 'after' | 'unknown';
}

export function calendarOf(start: string | undefined, today: string): Calendar {
  const t = Date.parse(`${today}T00:00:00Z`);
  const s = start ? Date.parse(`${start}T00:00:00Z`) : NaN;
  if (Number.isNaN(s) || Number.isNaN(t)) return { today, programme_week: null, module: null, week: null, state: 'unknown' };
  const days = Math.floor((t - s) / 86_400_000);
  if (days < 0) return { today, programme_week: 0, module: null, week: null, state: 'before' };
  const n = Math.floor(days / 7) + 1;
  if (n > 28) return { today, programme_week: n, module: null, week: null, state: 'after' };
  return { today, programme_week: n, module: Math.ceil(n / 7), week: ((n - 1) % 7) + 1, state: 'during' };
}

