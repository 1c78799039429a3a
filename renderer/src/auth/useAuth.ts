import { useCallback, useEffect, useState } from 'react';
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

  const refresh = useCallback(() => {
    call('auth.setupStatus', {})
      .then((s) => {
        setSetup(s);
        setSession(s.session);
        setFailed(false);
      })
      .catch(() => setFailed(true));
  }, []);

  useEffect(() => {
    refresh();
    const off = subscribe('session.changed', (s) => {
      setSession(s);
      if (!s) refresh();
    });
    return off;
  }, [refresh]);

  return { setup, session, failed, refresh };
}
