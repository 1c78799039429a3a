import { useCallback, useEffect, useState } from 'react';
import type { CaseView } from '../../../electron/api/types';
import { call, subscribe } from '../api/client';

/** The case at this counter, kept current by events; the server owns all state. */
export function useCase(enabled: boolean): {
  current: CaseView | null;
  set: (c: CaseView | null) => void;
  refresh: () => void;
} {
  const [current, setCurrent] = useState<CaseView | null>(null);
  // Answers and events can cross on the wire: keep whichever view the terminal built last.
  const apply = useCallback((c: CaseView | null, fromEvent: boolean) => {
    setCurrent((prev) => {
      if (c === null) return fromEvent || !prev ? null : prev;
      // Only an older view of the same case loses; every view comes from the server, which numbers them.
      if (prev && prev.caseId === c.caseId && prev.rev > c.rev) return prev;
      return c;
    });
  }, []);
  const refresh = useCallback(() => {
    call('case.current', {})
      .then((c) => apply(c, false))
      .catch(() => undefined);
  }, [apply]);
  useEffect(() => {
    if (!enabled) {
      setCurrent(null);
      return;
    }
    refresh();
    // A card read opens its case and announces it with case.changed: no extra round trip here.
    return subscribe('case.changed', (c) => apply(c, true));
  }, [enabled, refresh, apply]);
  const set = useCallback((c: CaseView | null) => apply(c, true), [apply]);
  return { current, set, refresh };
}
