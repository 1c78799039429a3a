import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations, type OpName } from '../../../electron/api/contract';
import type { Role } from '../../../electron/api/types';
import { effectiveRoles } from '../../../electron/services/accounts/roles';
import { makeCore, type Fixture } from '../../helpers/core';

/**
 * Signs in as each role (and as nobody) and calls every operation in the contract, including the
 * ones other areas add later, with an empty argument. Access is judged before the arguments, so
 * the outcome is "denied" (AUTH_REQUIRED / AUTH_FORBIDDEN) exactly when the declaration says so;
 * anything else (ok, INVALID_ARGUMENT, a domain error) counts as allowed.
 */
const ROLE_ACCOUNTS: [string, Role[]][] = [
  ['m.clerk', ['clerk']],
  ['m.station', ['station']],
  ['m.supervisor', ['supervisor']],
  ['m.admin', ['admin']],
];
const DENIED = new Set(['AUTH_REQUIRED', 'AUTH_FORBIDDEN']);

function expected(access: (typeof operations)[OpName]['access'], roles: Role[] | null): boolean {
  if (access === 'public') return true;
  if (!roles) return false;
  if (access === 'signed-in') return true;
  return effectiveRoles(roles).some((r) => access.includes(r));
}

let f: Fixture;
beforeAll(async () => {
  f = await makeCore();
  for (const [id, roles] of ROLE_ACCOUNTS) await f.addAccount(id, roles);
});
afterAll(() => f.close());

describe('role matrix', () => {
  const names = Object.keys(operations) as OpName[];
  it.each([...ROLE_ACCOUNTS, ['(signed out)', null] as const])('%s', async (id, roles) => {
    const mismatches: string[] = [];
    for (const name of names) {
      // A fresh session per call: sign-out, lock or setup must not leak into the next operation.
      if (roles) await f.signInAs(id);
      else if (f.core.session) await f.call('auth.signOut');
      const r = await f.call(name, {});
      const denied = !r.ok && DENIED.has(r.error.code);
      const want = expected(operations[name].access, roles as Role[] | null);
      if (denied === want) mismatches.push(`${name}: ${want ? 'should be allowed' : 'should be denied'}, got ${r.ok ? 'ok' : r.error.code}`);
      if (!r.ok) expect(r.error.code).not.toBe('INTERNAL');
    }
    expect(mismatches).toEqual([]);
  });
});
