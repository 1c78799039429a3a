import type { AccountView } from '../../api/auth-types';
import type { Role } from '../../api/types';
import type { AccountsContext } from './context';
import { AuthError } from './errors';
import { checkPasswordPolicy, hashPassword } from './password';
import {
  countActiveAdmins,
  getAccount,
  insertAccount,
  listAccounts,
  setDisabled,
  setPassword,
  setRoles,
  type AccountRow,
} from './store';

const view = (a: AccountRow): AccountView => ({
  userId: a.id,
  displayName: a.displayName,
  roles: a.roles,
  disabled: a.disabled,
  demo: a.demo,
  mustChangePassword: a.mustChange,
  createdAt: a.createdAt,
  lastSignInAt: a.lastSignInAt,
});

function actor(c: AccountsContext): string {
  return c.sessions.current!.account.id;
}

function target(c: AccountsContext, userId: string, opts: { notSelf?: boolean } = {}): AccountRow {
  const a = getAccount(c.core.db, userId);
  if (!a)
    throw new AuthError('AUTH_ACCOUNT_NOT_FOUND', `No account "${userId}"; refresh the list.`, 'userId', { userId });
  if (opts.notSelf && a.id === actor(c)) {
    throw new AuthError(
      'AUTH_SELF_CHANGE',
      'You cannot change your own roles or disable yourself; ask another administrator.',
      'userId',
    );
  }
  return a;
}

// Locking the terminal out of administration is unrecoverable without editing the database.
function keepAnAdmin(c: AccountsContext, losing: AccountRow): void {
  if (losing.roles.includes('admin') && !losing.demo && countActiveAdmins(c.core.db, losing.id) === 0) {
    throw new AuthError(
      'AUTH_LAST_ADMIN',
      'This is the last active administrator; create or enable another administrator first.',
    );
  }
}

export function list(c: AccountsContext): AccountView[] {
  return listAccounts(c.core.db).map(view);
}

export async function create(
  c: AccountsContext,
  a: { userId: string; displayName: string; roles: Role[]; temporaryPassword: string },
): Promise<AccountView> {
  if (a.userId.startsWith('demo-'))
    throw new AuthError(
      'AUTH_INVALID_ACCOUNT_ID',
      'Names starting with "demo-" are reserved for training accounts.',
      'userId',
    );
  if (getAccount(c.core.db, a.userId))
    throw new AuthError('AUTH_ACCOUNT_EXISTS', 'That account name is taken; choose another.', 'userId');
  checkPasswordPolicy(a.temporaryPassword, a.userId);
  const hash = await hashPassword(a.temporaryPassword, c.kdf);
  const roles = [...new Set(a.roles)];
  c.core.db.transaction(() => {
    if (getAccount(c.core.db, a.userId))
      throw new AuthError('AUTH_ACCOUNT_EXISTS', 'That account name is taken; choose another.', 'userId');
    insertAccount(c.core.db, { id: a.userId, displayName: a.displayName, roles, password: hash, mustChange: true });
    c.audit({ action: 'account-change', actor: actor(c), detail: { op: 'create', target: a.userId, roles } });
  })();
  return view(getAccount(c.core.db, a.userId)!);
}

export function changeRoles(c: AccountsContext, userId: string, roles: Role[]): AccountView {
  const a = target(c, userId, { notSelf: true });
  const next = [...new Set(roles)];
  if (!next.includes('admin')) keepAnAdmin(c, a);
  c.core.db.transaction(() => {
    setRoles(c.core.db, a.id, next);
    c.audit({
      action: 'account-change',
      actor: actor(c),
      detail: { op: 'set-roles', target: a.id, from: a.roles, to: next },
    });
  })();
  return view(getAccount(c.core.db, a.id)!);
}

export function disable(c: AccountsContext, userId: string, disabled: boolean): AccountView {
  const a = target(c, userId, { notSelf: true });
  if (disabled) keepAnAdmin(c, a);
  c.core.db.transaction(() => {
    setDisabled(c.core.db, a.id, disabled);
    c.audit({
      action: 'account-change',
      actor: actor(c),
      detail: { op: disabled ? 'disable' : 'enable', target: a.id },
    });
  })();
  return view(getAccount(c.core.db, a.id)!);
}

/** Sets a temporary password the user must replace at first sign-in; also clears their sign-in delay. */
export async function resetPassword(
  c: AccountsContext,
  userId: string,
  temporaryPassword: string,
): Promise<AccountView> {
  const a = target(c, userId);
  if (a.demo) throw new AuthError('AUTH_DEMO_ACCOUNT', 'Training accounts keep their published password.');
  checkPasswordPolicy(temporaryPassword, a.id);
  const hash = await hashPassword(temporaryPassword, c.kdf);
  c.core.db.transaction(() => {
    setPassword(c.core.db, a.id, hash, true);
    c.audit({ action: 'account-change', actor: actor(c), detail: { op: 'reset-password', target: a.id } });
  })();
  return view(getAccount(c.core.db, a.id)!);
}
