import { useState } from 'react';
import { authErrorText } from './errors';

/**
 * The auth forms' submit: busy while the call runs, its error in the UI language, and `onFail`
 * (e.g. clear the password field) when it is refused.
 */
export function useSubmit<V>(
  action: (v: V) => Promise<unknown>,
  onFail?: () => void,
): { submit: (v: V) => Promise<void>; busy: boolean; error: string | null } {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: V) => {
    setBusy(true);
    setError(null);
    try {
      await action(v);
    } catch (err) {
      setError(authErrorText(err));
      onFail?.();
    } finally {
      setBusy(false);
    }
  };
  return { submit, busy, error };
}
