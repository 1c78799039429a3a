import { useEffect, useState } from 'react';
import type { StatusSnapshot } from '../../../electron/api/types';
import { call, subscribe } from '../api/client';

/** Status bar state: one snapshot at start, then kept current by events. */
export function useStatus(): { status: StatusSnapshot | null; hostDown: boolean } {
  const [status, setStatus] = useState<StatusSnapshot | null>(null);
  const [hostDown, setHostDown] = useState(false);

  useEffect(() => {
    let alive = true;
    const load = () =>
      call('status.get', {})
        .then((s) => {
          if (alive) {
            setStatus(s);
            setHostDown(false);
          }
        })
        .catch(() => alive && setHostDown(true));
    void load();
    const retry = setInterval(() => void load(), 10_000);
    const offs = [
      subscribe('reader.status', (reader) => setStatus((s) => s && { ...s, reader })),
      subscribe('printer.status', (printer) => setStatus((s) => s && { ...s, printer })),
      subscribe('registry.status', (registry) => setStatus((s) => s && { ...s, registry })),
      subscribe('session.changed', (session) => setStatus((s) => s && { ...s, session })),
    ];
    return () => {
      alive = false;
      clearInterval(retry);
      offs.forEach((off) => off());
    };
  }, []);

  return { status, hostDown };
}
