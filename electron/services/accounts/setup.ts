import type { SetupStatus } from '../../api/auth-types';
import type { Role, SessionInfo } from '../../api/types';
import type { AccountsContext } from './context';
import { AuthError } from './errors';
import { checkPasswordPolicy, hashPassword } from './password';
import { countRealAccounts, getAccount, insertAccount, listAccounts } from './store';

/**
 * Training accounts: created only in training mode, all sharing one published password that the
 * training sign-in screen shows. A production terminal refuses them even if a training database
 * was carried over (see signIn).
 */
export const DEMO_PASSWORD = 'training-123';
export const DEMO_ACCOUNTS: { userId: string; displayName: string; roles: Role[] }[] = [
  { userId: 'demo-clerk', displayName: '培训窗口人员 Demo clerk', roles: ['clerk'] },
  { userId: 'demo-station', displayName: '培训服务站人员 Demo station', roles: ['station'] },
  { userId: 'demo-supervisor', displayName: '培训主管 Demo supervisor', roles: ['clerk', 'supervisor'] },
  { userId: 'demo-admin', displayName: '培训管理员 Demo admin', roles: ['admin'] },
];

export async function ensureDemoAccounts(c: AccountsContext): Promise<void> {
  if (!c.core.training) return;
  const missing = DEMO_ACCOUNTS.filter((d) => !getAccount(c.core.db, d.userId));
  if (!missing.length) return;
  const hash = await hashPassword(DEMO_PASSWORD, c.kdf);
  c.core.db.transaction(() => {
    for (const d of missing) {
      if (getAccount(c.core.db, d.userId)) continue;
      insertAccount(c.core.db, {
        id: d.userId,
        displayName: d.displayName,
        roles: d.roles,
        password: hash,
        mustChange: false,
        demo: true,
      });
      c.audit({
        action: 'account-change',
        actor: null,
        detail: { op: 'create-demo', target: d.userId, roles: d.roles },
      });
    }
  })();
}

export function setupStatus(c: AccountsContext): SetupStatus {
  const training = c.core.training;
  const status: SetupStatus = {
    needsSetup: !training && countRealAccounts(c.core.db) === 0,
    training,
    session: c.sessions.info(),
  };
  if (training) {
    status.demoAccounts = listAccounts(c.core.db)
      .filter((a) => a.demo && !a.disabled)
      .map((a) => ({ userId: a.id, roles: a.roles }));
    status.demoPassword = DEMO_PASSWORD;
  }
  return status;
}

/** First run: creates the administrator and signs them in. Refused as soon as any real account exists. */
export async function setupAdmin(
  c: AccountsContext,
  a: { userId: string; displayName: string; password: string },
): Promise<SessionInfo> {
  if (countRealAccounts(c.core.db) > 0)
    throw new AuthError('AUTH_SETUP_DONE', 'This terminal already has accounts; sign in, or ask its administrator.');
  if (c.sessions.current) throw new AuthError('SESSION_ACTIVE', 'Sign out first.');
  checkPasswordPolicy(a.password, a.userId);
  const hash = await hashPassword(a.password, c.kdf);
  c.core.db.transaction(() => {
    // Checked again inside the transaction: two first-run screens must not both create an admin.
    if (countRealAccounts(c.core.db) > 0)
      throw new AuthError('AUTH_SETUP_DONE', 'This terminal already has accounts; sign in, or ask its administrator.');
    if (getAccount(c.core.db, a.userId))
      throw new AuthError('AUTH_ACCOUNT_EXISTS', 'That account name is taken; choose another.', 'userId');
    insertAccount(c.core.db, {
      id: a.userId,
      displayName: a.displayName,
      roles: ['admin'],
      password: hash,
      mustChange: false,
    });
    c.audit({ action: 'setup', actor: a.userId, detail: { roles: ['admin'] } });
  })();
  c.sessions.begin(getAccount(c.core.db, a.userId)!);
  return c.sessions.info()!;
}
