// PERMANENCE_TODAY sets the day for scripts and tests: only a day the calendar has.
import { describe, expect, it } from 'vitest';
import { isCalendarDay, todayFrom } from '../../src/ui/io.js';

describe('PERMANENCE_TODAY', () => {
  it.each(['2026-09-14', '2028-02-29', '2026-12-31'])('%s is taken as today', (day) => {
    expect(todayFrom({ PERMANENCE_TODAY: day })).toBe(day);
  });

  it.each(['2026-02-31', '2027-02-29', '2026-13-01', '2026-00-10', '2026-9-14', '14/09/2026', ''])('%s is not a day: the real date is used', (day) => {
    expect(isCalendarDay(day)).toBe(false);
    expect(todayFrom({ PERMANENCE_TODAY: day })).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(todayFrom({ PERMANENCE_TODAY: day })).not.toBe(day);
  });
});
