import { useCallback, useEffect, useState } from 'react';
import type { HallHandlingRow, HallStatsRow, HallStatsView, LocalBadRatings } from '../../../electron/api/types';
import { call } from '../api/client';

export type By = HallStatsView['by'];
export interface HallData {
  total?: HallStatsRow;
  hour: HallStatsRow[];
  day: HallStatsRow[];
  window: HallStatsRow[];
  clerk: HallStatsRow[];
  item: HallStatsRow[];
  handling: HallHandlingRow[];
  bad?: LocalBadRatings;
  scope?: HallStatsView['scope'];
}

const EMPTY: HallData = { hour: [], day: [], window: [], clerk: [], item: [], handling: [] };

/** Every table of the screen for a range (today for the hourly one); one refresh fetches them all. */
export function useHallStats(from: string, to: string, today: string) {
  const [data, setData] = useState<HallData>(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const load = useCallback(async () => {
    setLoading(true);
    try {
      const get = (by: By, f = from, t = to) => call('hall.stats', { from: f, to: t, by });
      const [total, hour, day, window, clerk, item, handling, bad] = await Promise.all([
        get('total'),
        get('hour', today, today),
        get('day'),
        get('window'),
        get('clerk'),
        get('item'),
        get('handling'),
        call('hall.badRatings', {}),
      ]);
      setData({
        total: (total.rows as HallStatsRow[])[0],
        hour: hour.rows as HallStatsRow[],
        day: day.rows as HallStatsRow[],
        window: window.rows as HallStatsRow[],
        clerk: clerk.rows as HallStatsRow[],
        item: item.rows as HallStatsRow[],
        handling: handling.rows as HallHandlingRow[],
        bad,
        scope: total.scope,
      });
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, [from, to, today]);
  useEffect(() => {
    void load();
    // Live enough for a supervisor's screen: the hall's lag is well under this.
    const t = setInterval(() => void load(), 15_000);
    return () => clearInterval(t);
  }, [load]);
  return { data, error, loading, reload: load };
}
