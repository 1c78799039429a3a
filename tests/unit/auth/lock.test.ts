import { afterEach, describe, expect, it } from 'vitest';
import { SERVER_LOCK_GRACE_MS } from '../../../electron/services/accounts/sessions';
import { makeCore, PASSWORD, type Fixture } from '../../helpers/core';

let f: Fixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

describe('idle lock (server side)', () => {
  it('locks after the configured idle time, refuses data operations, and unlocks only with the password', async () => {
    let now = 5_000_000;
    f = await makeCore({ config: { idleLockSeconds: 60 }, accounts: { now: () => now } });
    await f.addAccount('clerk1', ['clerk', 'supervisor']);
    await f.signInAs('clerk1');
    expect(f.core.session).toMatchObject({ locked: false, idleLockSeconds: 60 });
    // Background polling does not count as activity.
    now += 40_000;
    await f.call('status.get');
    now += 30_000;
    expect(await f.call('auth.activity')).toMatchObject({ ok: true }); // ...but a keystroke ping does
    now += 60_000 + SERVER_LOCK_GRACE_MS - 1;
    expect((await f.call('audit.verify')).ok).toBe(true);
    now += 2;
    const refused = await f.call('audit.export', { from: '2024-01-01', to: '2024-01-02', format: 'csv' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    expect(f.core.session).toMatchObject({ locked: true, userId: 'clerk1' });
    for (const op of ['audit.citizenSlip', 'accounts.list', 'auth.activity', 'auth.changePassword']) {
      expect(await f.callAny(op, {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    }
    expect(await f.call('status.get')).toMatchObject({ ok: true });
    expect(await f.call('auth.signIn', { userId: 'clerk1', password: PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'SESSION_LOCKED' },
    });
    expect(await f.call('auth.unlock', { password: 'wrong' })).toMatchObject({
      ok: false,
      error: { code: 'AUTH_INVALID_CREDENTIALS' },
    });
    expect(f.core.session?.locked).toBe(true);
    expect(await f.call('auth.unlock', { password: PASSWORD })).toMatchObject({ ok: true, value: { locked: false } });
    expect((await f.call('audit.verify')).ok).toBe(true);
    const log = (
      f.core.db
        .prepare("SELECT action, detail FROM audit_log WHERE action IN ('lock','unlock','unlock-failed') ORDER BY seq")
        .all() as { action: string }[]
    ).map((r) => r.action);
    expect(log).toEqual(['lock', 'unlock-failed', 'unlock']);
  });

  it('manual lock emits session.changed and sign-out from the lock screen works', async () => {
    f = await makeCore();
    await f.addAccount('c2', ['clerk']);
    await f.signInAs('c2');
    const seen: unknown[] = [];
    f.core.bus.onAny((n, p) => n === 'session.changed' && seen.push(p));
    await f.call('auth.lock');
    expect(seen.at(-1)).toMatchObject({ locked: true });
    expect(await f.call('auth.signOut')).toMatchObject({ ok: true });
    expect(seen.at(-1)).toBeNull();
    expect(f.core.session).toBeNull();
  });
});

describe('failure counting across screens', () => {
  it('a right password on the lock screen ends the run of failures', async () => {
    f = await makeCore();
    await f.addAccount('c3', ['clerk']);
    await f.signInAs('c3');
    await f.call('auth.lock');
    for (let i = 0; i < 3; i++) await f.call('auth.unlock', { password: `nope-${i}` });
    expect(f.core.db.prepare("SELECT failed_count FROM accounts WHERE id = 'c3'").get()).toEqual({ failed_count: 3 });
    expect(await f.call('auth.unlock', { password: PASSWORD })).toMatchObject({ ok: true });
    expect(f.core.db.prepare("SELECT failed_count FROM accounts WHERE id = 'c3'").get()).toEqual({ failed_count: 0 });
  });
});
