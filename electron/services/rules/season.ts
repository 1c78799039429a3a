import { dayInYear, localDate } from './dates';

export interface SeasonWindow {
  /** First and last day, inclusive, YYYY-MM-DD. */
  start: string;
  end: string;
  /** False when `now` lies between seasons; the window is then the coming season. */
  current: boolean;
}

/**
 * The season a certificate issued on `now` counts for. A season such as 11-01..03-31 spans the
 * year boundary. Between seasons households apply ahead of the winter, so the coming season is
 * the one that counts (a certificate issued in October covers the season starting 1 November).
 */
export function seasonFor(now: Date, fromMonthDay: string, toMonthDay: string): SeasonWindow {
  const today = localDate(now);
  const y = now.getFullYear();
  const md = today.slice(5);
  const spans = fromMonthDay > toMonthDay;
  const window = (startYear: number, current: boolean): SeasonWindow => ({
    start: dayInYear(startYear, fromMonthDay),
    end: dayInYear(spans ? startYear + 1 : startYear, toMonthDay),
    current,
  });
  if (spans) {
    if (md >= fromMonthDay) return window(y, true);
    if (today <= dayInYear(y, toMonthDay)) return window(y - 1, true);
    return window(y, false);
  }
  if (md < fromMonthDay) return window(y, false);
  if (today <= dayInYear(y, toMonthDay)) return window(y, true);
  return window(y + 1, false);
}
