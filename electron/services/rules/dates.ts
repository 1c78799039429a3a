/**
 * Calendar arithmetic in the terminal's local time zone: the hall's day, not UTC's, decides
 * whether a card has expired or a season has begun. Dates travel as YYYY-MM-DD strings.
 */
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export const localDate = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

export const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** 'YYYY-MM-DD' or 'YYYYMMDD' to 'YYYY-MM-DD' if it names a real day, else undefined. */
export function parseDay(s: string): string | undefined {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(s.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(y, mo - 1, d);
  if (probe.getFullYear() !== y || probe.getMonth() !== mo - 1 || probe.getDate() !== d) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** A month-day in a given year; 02-29 falls back to 02-28 outside leap years so a season always has an end. */
export function dayInYear(year: number, monthDay: string): string {
  const md = monthDay === '02-29' && !isLeapYear(year) ? '02-28' : monthDay;
  return `${pad(year, 4)}-${md}`;
}

/** Whole years from birth to today. Born 29 Feb: the birthday is 1 Mar in common years (no year is counted early). */
export function ageOn(birth: string, today: string): number {
  const [by, bmd] = [Number(birth.slice(0, 4)), birth.slice(5)];
  const [ty, tmd] = [Number(today.slice(0, 4)), today.slice(5)];
  const birthday = bmd === '02-29' && !isLeapYear(ty) ? '03-01' : bmd;
  return ty - by - (tmd < birthday ? 1 : 0);
}

/** The day someone born on `birth` turns `years`. */
export function dayTurning(birth: string, years: number): string {
  const y = Number(birth.slice(0, 4)) + years;
  const md = birth.slice(5);
  return md === '02-29' && !isLeapYear(y) ? `${pad(y, 4)}-03-01` : `${pad(y, 4)}-${md}`;
}

/** Local "YYYY-MM-DD HH:mm" for an ISO instant, for sentences about cached data. */
export function localMinute(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${localDate(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
