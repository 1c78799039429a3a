import type { SessionInfo } from '../../api/types';
import type { AccountsContext } from './context';
import { AuthError } from './errors';
import { burnPasswordCheck, verifyPassword } from './password';
import { clearFailures, getAccount, recordFailure, recordSuccess, type AccountRow } from './store';
import { delayAfter } from './throttle';

const waitText = (ms: number) =>
  `Too many failed attempts; wait ${Math.ceil(ms / 1000)} s before trying again, or ask an administrator to reset the password.`;

/** Rate limit, terminal delay and account delay, checked before any password work is done. */
function admit(c: AccountsContext, account: AccountRow | null): void {
  if (!c.bucket.take())
    throw new AuthError(
      'AUTH_RATE_LIMITED',
      'Too many sign-in attempts in a short time; wait a few seconds and try again.',
    );
  const wait = Math.max(c.terminal.waitMs(), account ? account.nextAttemptAt - c.now() : 0);
  if (wait > 0) throw new AuthError('AUTH_THROTTLED', waitText(wait), undefined, { seconds: Math.ceil(wait / 1000) });
}

type FailAction = 'sign-in-failed' | 'unlock-failed' | 'password-change-failed';

function fail(c: AccountsContext, account: AccountRow, action: FailAction, reason: string): void {
  const n = account.failedCount + 1;
  c.core.db.transaction(() => {
    recordFailure(c.core.db, account.id, n, c.now() + delayAfter(n));
    c.audit({ action, actor: account.id, detail: { reason, failures: n } });
  })();
  c.terminal.fail();
}

/** Checks the password of an existing account under the throttles; records and throws on a wrong one. */
export async function checkPassword(
  c: AccountsContext,
  account: AccountRow,
  password: string,
  action: FailAction,
): Promise<void> {
  admit(c, account);
  if (await verifyPassword(password, account.password)) {
    // A right password ends the run of failures, whichever screen it was typed on.
    if (account.failedCount > 0) clearFailures(c.core.db, account.id);
    c.terminal.succeed();
    return;
  }
  fail(c, account, action, 'wrong-password');
  throw new AuthError(
    'AUTH_INVALID_CREDENTIALS',
    action !== 'sign-in-failed'
      ? 'Wrong password; try again.'
      : 'Wrong account name or password; check both and try again.',
  );
}

export async function signIn(c: AccountsContext, userId: string, password: string): Promise<SessionInfo> {
  const cur = c.sessions.current;
  if (cur?.locked)
    throw new AuthError('SESSION_LOCKED', 'The terminal is locked; unlock it with your password, or sign out first.');
  if (cur)
    throw new AuthError(
      'SESSION_ACTIVE',
      `${cur.account.id} is signed in on this terminal; sign out first.`,
      undefined,
      { userId: cur.account.id },
    );
  const account = getAccount(c.core.db, userId);
  if (!account) {
    admit(c, null);
    await burnPasswordCheck(password, c.kdf);
    c.terminal.fail();
    // The name typed is not logged: a password typed into the name field would end up in the log.
    c.audit({ action: 'sign-in-failed', actor: null, detail: { reason: 'unknown-account' } });
    throw new AuthError('AUTH_INVALID_CREDENTIALS', 'Wrong account name or password; check both and try again.');
  }
  await checkPassword(c, account, password, 'sign-in-failed');
  if (account.disabled) {
    c.audit({ action: 'sign-in-failed', actor: account.id, detail: { reason: 'disabled' } });
    throw new AuthError('AUTH_ACCOUNT_DISABLED', 'This account is disabled; ask an administrator to enable it.');
  }
  if (account.demo && !c.core.training) {
    c.audit({ action: 'sign-in-failed', actor: account.id, detail: { reason: 'demo-in-production' } });
    throw new AuthError(
      'AUTH_DEMO_ACCOUNT',
      'Training accounts cannot sign in on a production terminal; use your own account.',
    );
  }
  // Another sign-in may have completed while this one waited for scrypt.
  if (c.sessions.current)
    throw new AuthError('SESSION_ACTIVE', 'Someone signed in on this terminal meanwhile; sign out first.');
  c.core.db.transaction(() => {
    recordSuccess(c.core.db, account.id);
    c.audit({ action: 'sign-in', actor: account.id, detail: { roles: account.roles, demo: account.demo } });
  })();
  c.terminal.succeed();
  c.sessions.begin(account);
  return c.sessions.info()!;
}
