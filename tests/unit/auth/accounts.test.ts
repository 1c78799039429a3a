import { afterEach, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../../electron/api/types';
import { DEMO_PASSWORD, resetSignInLimits } from '../../../electron/services/accounts';
import { makeCore, PASSWORD, type Fixture } from '../../helpers/core';

let f: Fixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

const actions = (fx: Fixture) =>
  (fx.core.db.prepare('SELECT action FROM audit_log ORDER BY seq').all() as { action: string }[]).map((r) => r.action);

describe('first run and training accounts', () => {
  it('production starts with no accounts and asks for the administrator; no default password signs in', async () => {
    f = await makeCore({ mode: 'production' });
    const st = await f.call('auth.setupStatus');
    expect(st).toMatchObject({ ok: true, value: { needsSetup: true, training: false, session: null } });
    expect(st.ok && 'demoPassword' in (st.value as object)).toBe(false);
    for (const [u, p] of [
      ['admin', 'admin'],
      ['demo-admin', DEMO_PASSWORD],
      ['admin', '123456'],
    ] as const) {
      resetSignInLimits(f.core);
      expect(await f.call('auth.signIn', { userId: u, password: p })).toMatchObject({
        ok: false,
        error: { code: 'AUTH_INVALID_CREDENTIALS' },
      });
    }
    const events: (SessionInfo | null)[] = [];
    f.core.bus.onAny((n, p) => n === 'session.changed' && events.push(p as SessionInfo | null));
    const r = await f.call('auth.setupAdmin', { userId: 'Chief', displayName: '王主任', password: 'Admin-pass-77' });
    expect(r).toMatchObject({ ok: true, value: { userId: 'chief', roles: ['admin'], mustChangePassword: false } });
    expect(events.at(-1)).toMatchObject({ userId: 'chief' });
    await f.call('auth.signOut');
    expect(events.at(-1)).toBeNull();
    expect(
      await f.call('auth.setupAdmin', { userId: 'other', displayName: 'x', password: 'Admin-pass-77' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'AUTH_SETUP_DONE' },
    });
    expect(
      (await f.call('auth.setupStatus')).ok &&
        ((await f.call('auth.setupStatus')) as { value: { needsSetup: boolean } }).value.needsSetup,
    ).toBe(false);
    expect(actions(f)).toEqual(expect.arrayContaining(['sign-in-failed', 'setup', 'sign-out']));
  });

  it('training mode creates marked demo accounts with the published password; production refuses them', async () => {
    f = await makeCore({ mode: 'training' });
    const st = await f.call('auth.setupStatus');
    expect(st).toMatchObject({ ok: true, value: { needsSetup: false, training: true, demoPassword: DEMO_PASSWORD } });
    const r = await f.call('auth.signIn', { userId: 'demo-clerk', password: DEMO_PASSWORD });
    expect(r).toMatchObject({ ok: true, value: { userId: 'demo-clerk', demo: true, roles: ['clerk'] } });
    const dir = f.dir;
    await f.core.close();
    // Same database, production config: the demo accounts exist but cannot be used.
    const { Core } = await import('../../../electron/services/core/core');
    const { trainingConfig } = await import('../../../electron/services/config/schema');
    const { dispatch } = await import('../../../electron/api/dispatch');
    const prod = new Core({
      config: { ...trainingConfig, mode: 'production' },
      dataDir: dir,
      host: 'web',
      version: 't',
      log: () => {},
    });
    const p = await dispatch({ core: prod, host: 'web' }, 'auth.signIn', {
      userId: 'demo-admin',
      password: DEMO_PASSWORD,
    });
    expect(p).toMatchObject({ ok: false, error: { code: 'AUTH_DEMO_ACCOUNT' } });
    await prod.close();
    f = { ...f, close: async () => {} };
  });
});

describe('sign-in', () => {
  it('refuses wrong passwords with one message, then delays per account after five failures', async () => {
    let now = 1_000_000;
    f = await makeCore({ accounts: { now: () => now } });
    await f.addAccount('li.na', ['clerk']);
    const unknown = await f.call('auth.signIn', { userId: 'nobody', password: 'x' });
    const wrong = await f.call('auth.signIn', { userId: 'li.na', password: 'x' });
    expect(unknown).toEqual(wrong);
    for (let i = 0; i < 3; i++) await f.call('auth.signIn', { userId: 'li.na', password: 'bad' + i });
    now += 60_000;
    resetSignInLimits(f.core);
    const fifth = await f.call('auth.signIn', { userId: 'li.na', password: 'bad' });
    expect(fifth).toMatchObject({ ok: false, error: { code: 'AUTH_INVALID_CREDENTIALS' } });
    resetSignInLimits(f.core);
    // Even the right password waits now: the account is delayed, not only the terminal.
    const delayed = await f.call('auth.signIn', { userId: 'li.na', password: PASSWORD });
    expect(delayed).toMatchObject({
      ok: false,
      error: { code: 'AUTH_THROTTLED', message: expect.stringMatching(/wait 5 s/) },
    });
    now += 5_001;
    expect(await f.call('auth.signIn', { userId: 'li.na', password: PASSWORD })).toMatchObject({ ok: true });
    const failures = f.core.db.prepare("SELECT count(*) n FROM audit_log WHERE action = 'sign-in-failed'").get() as {
      n: number;
    };
    expect(failures.n).toBe(6);
  });

  it('rate-limits bursts of attempts per terminal', async () => {
    f = await makeCore();
    const codes: string[] = [];
    for (let i = 0; i < 14; i++) {
      const r = await f.call('auth.signIn', { userId: `user${i}`, password: 'x' });
      codes.push(r.ok ? 'ok' : r.error.code);
    }
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('AUTH_INVALID_CREDENTIALS'));
    expect(codes.slice(5).every((c) => c === 'AUTH_THROTTLED' || c === 'AUTH_RATE_LIMITED')).toBe(true);
  });

  it('an account created by an admin must change its password before anything else', async () => {
    f = await makeCore();
    await f.addAccount('boss', ['admin']);
    await f.signInAs('boss');
    const c = await f.call('accounts.create', {
      userId: 'zhao.lei',
      displayName: '赵磊',
      roles: ['clerk'],
      temporaryPassword: 'Temp-pass-123',
    });
    expect(c).toMatchObject({ ok: true, value: { userId: 'zhao.lei', mustChangePassword: true } });
    await f.signInAs('zhao.lei', 'Temp-pass-123');
    expect(f.core.session).toMatchObject({ mustChangePassword: true });
    expect(await f.call('accounts.list')).toMatchObject({
      ok: false,
      error: { code: 'AUTH_PASSWORD_CHANGE_REQUIRED' },
    });
    expect(
      await f.call('audit.citizenSlip', { idNumber: '110101199003071234', reason: 'asked at counter' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'AUTH_PASSWORD_CHANGE_REQUIRED' },
    });
    expect(
      await f.call('auth.changePassword', { currentPassword: 'Temp-pass-123', newPassword: 'Temp-pass-123' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'AUTH_PASSWORD_REUSED' },
    });
    const ch = await f.call('auth.changePassword', { currentPassword: 'Temp-pass-123', newPassword: 'My-own-pass-42' });
    expect(ch).toMatchObject({ ok: true, value: { mustChangePassword: false } });
    await f.signInAs('zhao.lei', 'My-own-pass-42');
  });

  it('admin operations keep at least one admin and refuse self-demotion', async () => {
    f = await makeCore();
    await f.addAccount('boss', ['admin']);
    await f.addAccount('clerk1', ['clerk']);
    await f.signInAs('boss');
    expect(await f.call('accounts.setRoles', { userId: 'boss', roles: ['clerk'] })).toMatchObject({
      ok: false,
      error: { code: 'AUTH_SELF_CHANGE' },
    });
    expect(await f.call('accounts.disable', { userId: 'boss', disabled: true })).toMatchObject({
      ok: false,
      error: { code: 'AUTH_SELF_CHANGE' },
    });
    expect(await f.call('accounts.setRoles', { userId: 'clerk1', roles: ['station'] })).toMatchObject({
      ok: true,
      value: { roles: ['station'] },
    });
    expect(await f.call('accounts.disable', { userId: 'clerk1', disabled: true })).toMatchObject({
      ok: true,
      value: { disabled: true },
    });
    expect(
      await f.call('accounts.resetPassword', { userId: 'clerk1', temporaryPassword: 'Reset-pass-9' }),
    ).toMatchObject({ ok: true, value: { mustChangePassword: true } });
    expect(
      await f.call('accounts.create', {
        userId: 'demo-x',
        displayName: 'x',
        roles: ['clerk'],
        temporaryPassword: 'Reset-pass-9',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'AUTH_INVALID_ACCOUNT_ID' },
    });
    const list = await f.call('accounts.list');
    expect(JSON.stringify(list)).not.toMatch(/scrypt|password"/);
    await f.signInAs('clerk1', 'Reset-pass-9').then(
      () => expect.fail('a disabled account signed in'),
      (e: Error) => expect(e.message).toMatch(/AUTH_ACCOUNT_DISABLED/),
    );
    const changes = f.core.db
      .prepare("SELECT detail FROM audit_log WHERE action = 'account-change' AND actor = 'boss'")
      .all() as { detail: string }[];
    expect(changes.map((c) => JSON.parse(c.detail).op)).toEqual(['set-roles', 'disable', 'reset-password']);
  });

  it('a station account also holds the clerk role', async () => {
    f = await makeCore();
    await f.addAccount('st1', ['station']);
    await f.signInAs('st1');
    expect(f.core.session?.roles).toEqual(['clerk', 'station']);
  });
});
