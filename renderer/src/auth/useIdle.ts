import { useEffect, useRef, useState } from 'react';
import { call } from '../api/client';

const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
/** The server only hears about activity this often; it waits a little longer than that before it locks on its own. */
const PING_EVERY_MS = 10_000;
export const COUNTDOWN_SECONDS = 30;

/**
 * Seconds until the idle lock, from real input in this page (not background polling). Pings the
 * server's idle clock while the clerk works and locks the session when the time runs out; the
 * server locks independently if this page stops (crashed, hung, or tampered with).
 */
export function useIdleLock(idleLockSeconds: number): number {
  const last = useRef(Date.now());
  const lastPing = useRef(0);
  const [remaining, setRemaining] = useState(idleLockSeconds);

  useEffect(() => {
    last.current = Date.now();
    const onInput = () => {
      last.current = Date.now();
      if (last.current - lastPing.current > PING_EVERY_MS) {
        lastPing.current = last.current;
        void call('auth.activity', {}).catch(() => undefined);
      }
    };
    for (const e of INPUT_EVENTS) window.addEventListener(e, onInput, { passive: true, capture: true });
    const tick = setInterval(() => {
      const left = Math.max(0, Math.ceil(idleLockSeconds - (Date.now() - last.current) / 1000));
      setRemaining(left);
      if (left === 0) void call('auth.lock', {}).catch(() => undefined);
    }, 1000);
    return () => {
      for (const e of INPUT_EVENTS) window.removeEventListener(e, onInput, { capture: true });
      clearInterval(tick);
    };
  }, [idleLockSeconds]);

  return remaining;
}
