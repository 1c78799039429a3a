import { Tag } from 'antd';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';

type State = 'none' | 'asked' | 'rated' | 'not-rated';

/*
 * The case F8 last asked a rating for. Kept outside the case screen, which unmounts when the case
 * closes, so the idle screen can still say whether the citizen rated.
 */
let last: string | null = null;
const subs = new Set<() => void>();
export function ratingAskedFor(caseId: string): void {
  last = caseId;
  for (const f of subs) f();
}
const subscribe = (f: () => void) => (subs.add(f), () => void subs.delete(f));

/** "Rated" or "not rated" for the last citizen, never the score (the clerk must not steer it). */
export function RatingBadge() {
  const { t } = useTranslation();
  const caseId = useSyncExternalStore(subscribe, () => last);
  const [state, setState] = useState<State>('none');
  useEffect(() => {
    if (!caseId) return;
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const s = await call('case.ratingState', { caseId }).catch(() => null);
      if (stop) return;
      if (s) setState(s.state);
      // The clerk's stream carries no rating event: ask once a second until the prompt has ended.
      if (!s || s.state === 'asked') timer = setTimeout(() => void poll(), 1000);
    };
    setState('asked');
    void poll();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [caseId]);
  if (!caseId || state === 'none') return null;
  return (
    <Tag
      color={state === 'rated' ? 'green' : state === 'asked' ? 'blue' : 'default'}
      data-testid="rating-state"
      data-state={state}
    >
      {t(`ratingState.${state}`)}
    </Tag>
  );
}
