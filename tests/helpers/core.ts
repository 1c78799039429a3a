import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '../../electron/api/dispatch';
import type { ApiResult, Role } from '../../electron/api/types';
import { trainingConfig, type CounterConfig } from '../../electron/services/config/schema';
import { Core } from '../../electron/services/core/core';
import { startAccounts, resetSignInLimits, type AccountsOptions } from '../../electron/services/accounts';
import { startAccountsAndAudit } from '../../electron/services/accounts/boot';
import { hashPassword } from '../../electron/services/accounts/password';
import { insertAccount } from '../../electron/services/accounts/store';

/** scrypt at 2^10 so tests that sign in hundreds of times stay fast; the format and code path are the real ones. */
export const FAST_KDF = { logN: 10, r: 8, p: 1 };
export const PASSWORD = 'Correct-horse-9';

export interface Fixture {
  core: Core;
  dir: string;
  logs: string[];
  call(name: string, input?: unknown): Promise<ApiResult<unknown>>;
  /** Creates a real account (not needing a password change) directly in the db. */
  addAccount(id: string, roles: Role[], opts?: { mustChange?: boolean; password?: string }): Promise<void>;
  signInAs(id: string, password?: string): Promise<void>;
  close(): Promise<void>;
}

export async function makeCore(o: { mode?: 'training' | 'production'; config?: Partial<CounterConfig>; accounts?: AccountsOptions } = {}): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'counter-auth-'));
  const logs: string[] = [];
  const config: CounterConfig = { ...trainingConfig, mode: o.mode ?? 'production', ...o.config };
  const core = new Core({ config, dataDir: dir, host: 'web', version: '0.0.0-test', log: (l) => logs.push(l) });
  startAccounts(core, { kdf: FAST_KDF, ...o.accounts });
  await startAccountsAndAudit(core);
  const call = (name: string, input: unknown = {}) => dispatch({ core, host: 'web' }, name, input);
  return {
    core,
    dir,
    logs,
    call,
    async addAccount(id, roles, a = {}) {
      insertAccount(core.db, { id, displayName: id, roles, password: await hashPassword(a.password ?? PASSWORD, FAST_KDF), mustChange: a.mustChange ?? false });
    },
    async signInAs(id, password = PASSWORD) {
      if (core.session) await call('auth.signOut');
      resetSignInLimits(core);
      const r = await call('auth.signIn', { userId: id, password });
      if (!r.ok) throw new Error(`sign-in as ${id} failed: ${r.error.code} ${r.error.message}`);
    },
    async close() {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
