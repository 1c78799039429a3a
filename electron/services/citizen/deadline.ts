/** Public holidays on weekdays ('off') and weekend days worked in lieu ('on'), as YYYY-MM-DD. */
export interface HolidayCalendar {
  off: string[];
  on: string[];
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export function isWorkingDay(d: Date, cal: HolidayCalendar): boolean {
  const s = day(d);
  if (cal.on.includes(s)) return true;
  if (cal.off.includes(s)) return false;
  const w = d.getUTCDay();
  return w !== 0 && w !== 6;
}

/**
 * The date `n` working days after `from` (the day of the rating does not count), in the hall's
 * local date: Sichuan answers every bad rating within 15 working days. Dates are calendar days
 * in UTC arithmetic on a local YYYY-MM-DD, so no time zone shifts a day.
 */
export function addWorkingDays(fromLocalDate: string, n: number, cal: HolidayCalendar): string {
  const d = new Date(`${fromLocalDate}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (isWorkingDay(d, cal)) left--;
  }
  return day(d);
}

/** Overdue once the hall's local date is past the deadline. */
export const isOverdue = (deadline: string, todayLocal: string): boolean => todayLocal > deadline;
