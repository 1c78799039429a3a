import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addWorkingDays, isOverdue, type HolidayCalendar } from '../../../electron/services/citizen/deadline';

const cal = JSON.parse(
  readFileSync(join(__dirname, '../../../resources/calendar/holidays.json'), 'utf8'),
) as HolidayCalendar;

describe('bad-rating deadline in working days', () => {
  it('skips weekends', () => {
    // Tue 2026-12-01 + 15 working days = Tue 2026-12-22
    expect(addWorkingDays('2026-12-01', 15, cal)).toBe('2026-12-22');
    expect(addWorkingDays('2026-12-04', 1, cal)).toBe('2026-12-07'); // Fri -> Mon
  });
  it('skips holidays and counts days worked in lieu', () => {
    // National Day week: 10-01..10-07 off, Sat 10-10 worked
    expect(addWorkingDays('2026-09-30', 1, cal)).toBe('2026-10-08');
    expect(addWorkingDays('2026-10-09', 1, cal)).toBe('2026-10-10');
    expect(addWorkingDays('2026-02-13', 2, cal)).toBe('2026-02-24'); // 02-14 worked, then Spring Festival
  });
  it('is overdue only after the deadline day', () => {
    expect(isOverdue('2026-12-22', '2026-12-22')).toBe(false);
    expect(isOverdue('2026-12-22', '2026-12-23')).toBe(true);
  });
});
