// When each programme week falls: the calendar the assessment keeps, as dates.
const DAY = 86_400_000;

/** The first day of programme week n (1-28), from the start date. */
export function weekStart(start: string | undefined, n: number): string | undefined {
  const s = start ? Date.parse(`${start}T00:00:00Z`) : NaN;
  return Number.isNaN(s) ? undefined : new Date(s + (n - 1) * 7 * DAY).toISOString().slice(0, 10);
}
