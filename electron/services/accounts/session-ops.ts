import type { SessionInfo } from '../../api/types';
import type { AccountsContext } from './context';
import { AuthError } from './errors';
import { checkPasswordPolicy, hashPassword } from './password';
import { checkPassword } from './sign-in';
import { getAccount, setPassword, type AccountRow } from './store';

function requireSession(c: AccountsContext): AccountRow {
  const s = c.sessions.current;
  if (!s) throw new AuthError('AUTH_REQUIRED', 'Sign in first.');
  // Re-read: an administrator may have changed or disabled the account since sign-in.
  const fresh = getAccount(c.core.db, s.account.id);
  if (!fresh) throw new AuthError('AUTH_REQUIRED', 'Your account no longer exists; sign in with another account.');
  return fresh;
}

export function signOut(c: AccountsContext): null {
  const s = c.sessions.current;
  if (s) c.audit({ action: 'sign-out', actor: s.account.id });
  c.sessions.end();
  return null;
}

export function lock(c: AccountsContext): SessionInfo {
  const account = requireSession(c);
  if (!c.sessions.current!.locked) {
    c.sessions.setLocked(true);
    c.audit({ action: 'lock', actor: account.id, detail: { reason: 'manual' } });
  }
  return c.sessions.info()!;
}

export async function unlock(c: AccountsContext, password: string): Promise<SessionInfo> {
  const account = requireSession(c);
  if (!c.sessions.current!.locked) throw new AuthError('SESSION_NOT_LOCKED', 'The terminal is not locked.');
  await checkPassword(c, account, password, 'unlock-failed');
  if (account.disabled) {
    c.sessions.end();
    throw new AuthError(
      'AUTH_ACCOUNT_DISABLED',
      'This account was disabled meanwhile; you have been signed out. Ask an administrator.',
    );
  }
  c.sessions.setLocked(false);
  c.audit({ action: 'unlock', actor: account.id });
  return c.sessions.info()!;
}

export async function changePassword(c: AccountsContext, current: string, next: string): Promise<SessionInfo> {
  const account = requireSession(c);
  checkPasswordPolicy(next, account.id);
  if (account.demo) throw new AuthError('AUTH_DEMO_ACCOUNT', 'Training accounts keep their published password.');
  await checkPassword(c, account, current, 'password-change-failed');
  if (current === next)
    throw new AuthError('AUTH_PASSWORD_REUSED', 'Choose a new password different from the current one.', 'newPassword');
  const hash = await hashPassword(next, c.kdf);
  c.core.db.transaction(() => {
    setPassword(c.core.db, account.id, hash, false);
    c.audit({ action: 'password-change', actor: account.id });
  })();
  c.sessions.passwordChanged();
  return c.sessions.info()!;
}

export function activity(c: AccountsContext): { idleLockSeconds: number } {
  if (c.sessions.current && !c.sessions.current.locked) c.sessions.touch();
  return { idleLockSeconds: c.core.config.idleLockSeconds };
}
