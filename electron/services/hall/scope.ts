import type { Role } from '../../api/types';

export type HallStatsBy = 'total' | 'hour' | 'day' | 'window' | 'clerk' | 'item' | 'handling';
export interface HallStatsAsk {
  from: string;
  to: string;
  by: HallStatsBy;
}

/** Hall-local date (UTC+8 by default), as the hall buckets it. */
export function hallToday(now = Date.now(), tzOffsetMin = 480): string {
  return new Date(now + tzOffsetMin * 60_000).toISOString().slice(0, 10);
}

/**
 * What the terminal asks the hall for on behalf of a signed-in user: a supervisor sees the hall as
 * asked; anyone else only their own numbers for today, whatever they asked (the hall call is made by
 * the terminal, so this is where the rule holds; the renderer never reaches the hall itself).
 */
export function scopeStats(
  user: { userId: string; roles: readonly Role[] },
  ask: HallStatsAsk,
  now = Date.now(),
): { from: string; to: string; by: HallStatsBy; clerk?: string } {
  if (user.roles.includes('supervisor')) return { ...ask };
  const today = hallToday(now);
  return { from: today, to: today, by: ask.by, clerk: user.userId };
}
