import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations, type OpName } from '../../../electron/api/contract';
import type { Role } from '../../../electron/api/types';
import { effectiveRoles } from '../../../electron/services/accounts/roles';
import { dispatch } from '../../../electron/api/dispatch';
import { resetSignInLimits } from '../../../electron/services/accounts';
import { hashPassword } from '../../../electron/services/accounts/password';
import { insertAccount } from '../../../electron/services/accounts/store';
import type { Core } from '../../../electron/services/core/core';
import { startFlowCore } from '../../helpers/flow-core';
import { removeCard } from '../../helpers/flow-steps';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';
import { FAST_KDF, PASSWORD, makeCore, type Fixture } from '../../unit/auth/core-fixture';

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

/**
 * The card-read row (issue 9.2): a card placed on the reader is not an API call, so the table above
 * cannot see it. Written out per role: only a case-handling role that has its own password opens a
 * case and fetches licenses; everyone else causes neither.
 */
describe('role matrix: card read', () => {
  const CARD_READ: [string, Role[], { mustChange?: boolean }, 'opens' | 'ignored'][] = [
    ['r.clerk', ['clerk'], {}, 'opens'],
    ['r.station', ['station'], {}, 'opens'],
    ['r.supervisor', ['supervisor'], {}, 'ignored'],
    ['r.admin', ['admin'], {}, 'ignored'],
    ['r.fresh-clerk', ['clerk'], { mustChange: true }, 'ignored'],
  ];
  let sandbox: TestSandbox;
  let core: Core;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    ({ core } = await startFlowCore({ registry: sandbox }));
    for (const [id, roles, o] of CARD_READ) insertAccount(core.db, { id, displayName: id, roles, password: await hashPassword(PASSWORD, FAST_KDF), mustChange: !!o.mustChange });
  });
  afterAll(async () => {
    await core?.close();
    await sandbox?.stop();
  });

  it.each(CARD_READ)('%s', async (id, _roles, _o, want) => {
    const call = (op: string, args: unknown = {}) => dispatch({ core, host: 'web' }, op, args);
    await removeCard(core);
    if (core.session) await call('auth.signOut');
    resetSignInLimits(core);
    expect((await call('auth.signIn', { userId: id, password: PASSWORD })).ok).toBe(true);
    const reader = core.services.reader!;
    reader.toggleCard(reader.demoCards().find((c) => c.name === '张建国')!.id);
    while (!reader.card()) await new Promise((r) => setTimeout(r, 20));
    // The registry answers in milliseconds here; give a fetch that should not happen the time to show.
    await new Promise((r) => setTimeout(r, 400));
    const count = (sql: string) => (core.db.prepare(sql).get(id) as { n: number }).n;
    const got = {
      cases: count('SELECT COUNT(*) AS n FROM cases WHERE clerk_id = ?'),
      fetches: count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'registry-fetch' AND actor = ?"),
    };
    expect(got).toEqual(want === 'opens' ? { cases: 1, fetches: 1 } : { cases: 0, fetches: 0 });
  });
});
