import { AppError } from '../errors';
import { getAccount } from '../accounts/store';
import { verifyPassword } from '../accounts/password';
import { delayAfter } from '../accounts/throttle';
import { accountsOf } from '../accounts/context';
import type { Core } from '../core/core';

/**
 * The supervisor approves at the clerk's terminal with their own password, without taking over
 * the clerk's session. Wrong passwords slow down like sign-in does, per supervisor account.
 */
export async function approveOverride(
  core: Core,
  supervisorId: string,
  password: string,
): Promise<{ id: string; displayName: string }> {
  const failures = accountsOf(core).overrideFailures;
  const f = failures.get(supervisorId);
  if (f && f.until > Date.now()) {
    const seconds = Math.ceil((f.until - Date.now()) / 1000);
    throw new AppError('AUTH_THROTTLED', `Too many wrong passwords for this supervisor; try again in ${seconds} s.`, {
      params: { seconds },
    });
  }
  const acct = getAccount(core.db, supervisorId);
  const allowed =
    !!acct && !acct.disabled && !acct.mustChange && acct.roles.includes('supervisor') && (core.training || !acct.demo);
  const ok = allowed && (await verifyPassword(password, acct.password));
  if (!ok) {
    const count = (f?.count ?? 0) + 1;
    failures.set(supervisorId, { count, until: Date.now() + delayAfter(count) });
    throw new AppError(
      'AUTH_OVERRIDE_REFUSED',
      'Not approved: the account is not an active supervisor, or the password is wrong. The supervisor enters their own account and password.',
    );
  }
  failures.delete(supervisorId);
  return { id: acct.id, displayName: acct.displayName };
}
