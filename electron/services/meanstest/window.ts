import { monthsBefore } from '../../../protocol/months';

/** The `n` full months before `today` (YYYY-MM-DD), newest first: the check's income window. */
export function windowMonths(today: string, n: number): string[] {
  return monthsBefore(today, n);
}
