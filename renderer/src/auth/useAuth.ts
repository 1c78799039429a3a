import { useCallback, useEffect, useRef, useState } from 'react';
import type { OpResult } from '../../../electron/api/contract';
import type { SessionInfo } from '../../../electron/api/types';
import { call, subscribe } from '../api/client';

export interface AuthState {
  setup: OpResult<'auth.setupStatus'> | null;
  /** undefined while loading. */
  session: SessionInfo | null | undefined;
  failed: boolean;
  refresh(): void;
}

/** Setup status once, then the session kept current by session.changed (sign-in, lock, idle lock on the server). */
export function useAuth(): AuthState {
  const [setup, setSetup] = useState<OpResult<'auth.setupStatus'> | null>(null);
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);
  const [failed, setFailed] = useState(false);

  // Counts session.changed events. An answer to auth.setupStatus travels on another connection
  // than the events: one sent before a sign-in can arrive after that sign-in's event, and must
  // not put the sign-in screen back over a session that is already newer.
  const events = useRef(0);

  const refresh = useCallback(() => {
    const seen = events.current;
    call('auth.setupStatus', {})
      .then((s) => {
        setSetup(s);
        if (events.current === seen) setSession(s.session);
        setFailed(false);
      })
      .catch(() => setFailed(true));
  }, []);

  useEffect(() => {
    refresh();
    const off = subscribe('session.changed', (s) => {
      events.current += 1;
      setSession(s);
      if (!s) refresh();
    });
    return off;
  }, [refresh]);

  return { setup, session, failed, refresh };
}
