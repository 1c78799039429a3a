import * as acc from '../../services/accounts';
import type { HandlerSlice } from './types';

type AuthOps =
  | 'auth.setupStatus'
  | 'auth.setupAdmin'
  | 'auth.signIn'
  | 'auth.signOut'
  | 'auth.changePassword'
  | 'auth.lock'
  | 'auth.unlock'
  | 'auth.activity'
  | 'accounts.list'
  | 'accounts.create'
  | 'accounts.setRoles'
  | 'accounts.disable'
  | 'accounts.resetPassword';

const of = acc.accountsOf;

export const authHandlers: HandlerSlice<AuthOps> = {
  'auth.setupStatus': ({ core }) => acc.setupStatus(of(core)),
  'auth.setupAdmin': ({ core }, i) => acc.setupAdmin(of(core), i),
  'auth.signIn': ({ core }, i) => acc.signIn(of(core), i.userId, i.password),
  'auth.signOut': ({ core }) => acc.signOut(of(core)),
  'auth.changePassword': ({ core }, i) => acc.changePassword(of(core), i.currentPassword, i.newPassword),
  'auth.lock': ({ core }) => acc.lock(of(core)),
  'auth.unlock': ({ core }, i) => acc.unlock(of(core), i.password),
  'auth.activity': ({ core }) => acc.activity(of(core)),
  'accounts.list': ({ core }) => acc.accountAdmin.list(of(core)),
  'accounts.create': ({ core }, i) => acc.accountAdmin.create(of(core), i),
  'accounts.setRoles': ({ core }, i) => acc.accountAdmin.changeRoles(of(core), i.userId, i.roles),
  'accounts.disable': ({ core }, i) => acc.accountAdmin.disable(of(core), i.userId, i.disabled),
  'accounts.resetPassword': ({ core }, i) => acc.accountAdmin.resetPassword(of(core), i.userId, i.temporaryPassword),
};
