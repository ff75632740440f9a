// Words and dates as the PDF shows them.
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-05-11" → "11 May 2026"; anything else is shown as written. */
export function longDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const month = MONTHS[Number(m[2]) - 1];
  return month ? `${Number(m[3])} ${month} ${m[1]}` : iso;
}

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The date `days` after an ISO day, as an ISO day (calendar arithmetic in UTC, no clock). */
export function addDays(iso: string, days: number): string | null {
  const t = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(t)) return null;
  return isoDay(new Date(t + days * 86_400_000));
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function truncate(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

export const KIND_LABEL: Record<string, string> = { activities: 'Activities', reading: 'Reading', workshop: 'Workshop' };
