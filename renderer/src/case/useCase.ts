import { useCallback, useEffect, useState } from 'react';
import type { CaseView } from '../../../electron/api/types';
import { call, subscribe } from '../api/client';

/** The case at this counter, kept current by events; the server owns all state. */
export function useCase(enabled: boolean): { current: CaseView | null; set: (c: CaseView | null) => void; refresh: () => void } {
  const [current, setCurrent] = useState<CaseView | null>(null);
  const refresh = useCallback(() => {
    call('case.current', {})
      .then(setCurrent)
      .catch(() => undefined);
  }, []);
  useEffect(() => {
    if (!enabled) {
      setCurrent(null);
      return;
    }
    refresh();
    const offs = [
      subscribe('case.changed', (c) => setCurrent((prev) => (c === null || !prev || c.caseId === prev.caseId || c.timings.cardReadAt >= prev.timings.cardReadAt ? c : prev))),
      subscribe('card.placed', () => refresh()),
    ];
    return () => offs.forEach((off) => off());
  }, [enabled, refresh]);
  return { current, set: setCurrent, refresh };
}
