import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CaseView } from '../../../electron/api/types';
import { dispatch } from '../../../electron/api/dispatch';
import type { Core } from '../../../electron/services/core/core';
import { resetSignInLimits } from '../../../electron/services/accounts';
import { hashPassword } from '../../../electron/services/accounts/password';
import { insertAccount } from '../../../electron/services/accounts/store';
import { makeCore } from '../../helpers/core';
import { placeAndWait, removeCard } from '../../helpers/flow-steps';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';

const PASSWORD = 'Correct-horse-9';
const KDF = { logN: 10, r: 8, p: 1 };

/**
 * Issue 9.2: a case belongs to the sign-in that opened it. Sign-out, a change of user and the idle
 * lock park it; nothing of it reaches the next session, and a card still on the reader opens a new
 * case only for a clerk.
 */
describe('a case does not outlive its clerk', () => {
  let sandbox: TestSandbox;
  let core: Core;
  const events: { name: string; payload: unknown }[] = [];

  const call = (op: string, args: unknown = {}) => dispatch({ core, host: 'web' }, op, args);
  async function signInAs(userId: string, password = PASSWORD): Promise<void> {
    if (core.session) await call('auth.signOut');
    resetSignInLimits(core);
    const r = await call('auth.signIn', { userId, password });
    if (!r.ok) throw new Error(`sign-in as ${userId}: ${r.error.code}`);
  }
  const casesOf = (clerk: string) =>
    (
      core.db.prepare('SELECT id FROM cases WHERE clerk_id = ? ORDER BY card_read_at').all(clerk) as { id: string }[]
    ).map((r) => r.id);
  const fetchesBy = (actor: string) =>
    (
      core.db
        .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'registry-fetch' AND actor = ?")
        .get(actor) as { n: number }
    ).n;
  const personalEvents = () =>
    events.filter((e) => (e.name === 'case.changed' && e.payload !== null) || e.name === 'card.placed');
  const settle = () => new Promise((r) => setTimeout(r, 400));

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    ({ core } = await makeCore({ boot: { registry: sandbox } }));
    for (const [id, roles] of [
      ['h.clerk2', ['clerk']],
      ['h.admin', ['admin']],
      ['h.super', ['supervisor']],
    ] as const) {
      insertAccount(core.db, {
        id,
        displayName: id,
        roles: [...roles],
        password: await hashPassword(PASSWORD, KDF),
        mustChange: false,
      });
    }
    insertAccount(core.db, {
      id: 'h.new',
      displayName: 'h.new',
      roles: ['clerk'],
      password: await hashPassword(PASSWORD, KDF),
      mustChange: true,
    });
    core.bus.onAny((name, payload) => events.push({ name, payload }));
  });
  afterAll(async () => {
    await core?.close();
    await sandbox?.stop();
  });
  beforeEach(async () => {
    await removeCard(core);
    await signInAs('demo-clerk', 'training-123');
  });

  it('clerk -> admin: the admin sees no case, cannot fetch it by id, and causes no registry fetch', async () => {
    const c = await placeAndWait(core, '张建国');
    await call('auth.signOut');
    await signInAs('h.admin');
    events.length = 0;
    expect(await call('case.current')).toMatchObject({ ok: true, value: null });
    const byId = await call('case.get', { caseId: c.caseId });
    expect(byId.ok ? 'ok' : byId.error.code).toBe('CASE_NOT_YOURS');
    expect(await call('case.interrupted')).toMatchObject({ ok: true, value: [] });
    // The card is still on the reader, and another one is placed: neither opens a case for an admin.
    await removeCard(core);
    const reader = core.services.reader!;
    reader.toggleCard(reader.demoCards().find((d) => d.name === '王志强')!.id);
    await settle();
    expect(casesOf('h.admin')).toEqual([]);
    expect(fetchesBy('h.admin')).toBe(0);
    expect(personalEvents().filter((e) => e.name === 'case.changed')).toEqual([]);
    // A card arriving is announced without anything of the person on it (issue 10 §6: no unread CardView).
    const placed = personalEvents().filter((e) => e.name === 'card.placed');
    expect(placed.length).toBeGreaterThan(0);
    for (const e of placed) expect(Object.keys(e.payload as object).sort()).toEqual(['at', 'readId']);
    expect((await call('auth.setupStatus')).ok).toBe(true);
    expect(core.session?.cases).toBeUndefined();
  });

  it('clerk -> clerk: a card still on the reader opens a new case under the new clerk; the old one stays hidden', async () => {
    const first = await placeAndWait(core, '张建国');
    await call('auth.signOut');
    const opened = new Promise<CaseView>((resolve) => {
      const off = core.bus.onAny((name, p) => {
        const v = p as CaseView | null;
        if (name === 'case.changed' && v && v.registry.state === 'done') {
          off();
          resolve(v);
        }
      });
    });
    await signInAs('h.clerk2');
    const second = await opened;
    expect(second.caseId).not.toBe(first.caseId);
    expect(second.card.name).toBe('张建国');
    expect(casesOf('h.clerk2')).toEqual([second.caseId]);
    expect(fetchesBy('h.clerk2')).toBe(1);
    const cur = await call('case.current');
    expect(cur.ok && (cur.value as CaseView).caseId).toBe(second.caseId);
    const old = await call('case.get', { caseId: first.caseId });
    expect(old.ok ? 'ok' : old.error.code).toBe('CASE_NOT_YOURS');
  });

  it('a fetch that settles after sign-out is not pushed to the next session', async () => {
    const reader = core.services.reader!;
    await sandbox.setFaults({ latencyMs: 600 });
    try {
      reader.toggleCard(reader.demoCards().find((d) => d.name === '李秀英')!.id);
      while (!reader.card()) await new Promise((r) => setTimeout(r, 20));
      await call('auth.signOut');
      await signInAs('h.super');
      events.length = 0;
      await new Promise((r) => setTimeout(r, 1500));
      expect(personalEvents().filter((e) => e.name === 'case.changed')).toEqual([]);
      expect(await call('case.current')).toMatchObject({ ok: true, value: null });
      expect(casesOf('h.super')).toEqual([]);
      // The fetch is on record under the clerk whose case it was, not whoever is signed in when it lands.
      expect(fetchesBy('h.super')).toBe(0);
      const caseId = casesOf('demo-clerk').at(-1)!;
      const fetchOf = () =>
        core.db.prepare("SELECT actor FROM audit_log WHERE action = 'registry-fetch' AND case_id = ?").get(caseId) as
          { actor: string } | undefined;
      for (let i = 0; i < 100 && !fetchOf(); i++) await new Promise((r) => setTimeout(r, 100));
      expect(fetchOf()?.actor).toBe('demo-clerk');
    } finally {
      await sandbox.setFaults({});
    }
  });

  it('an account that must change its password gets no case, until it has changed it', async () => {
    await placeAndWait(core, '张建国');
    await call('auth.signOut');
    await signInAs('h.new');
    await removeCard(core);
    const reader = core.services.reader!;
    reader.toggleCard(reader.demoCards().find((d) => d.name === '王志强')!.id);
    await settle();
    expect(casesOf('h.new')).toEqual([]);
    expect(fetchesBy('h.new')).toBe(0);
    const changed = await call('auth.changePassword', { currentPassword: PASSWORD, newPassword: 'Another-horse-7' });
    expect(changed.ok).toBe(true);
    // Now a clerk with a password of their own: the card on the reader opens their case.
    await settle();
    expect(casesOf('h.new')).toHaveLength(1);
  });

  // Kept as a guard: today's gate already hides a locked case; the new session handling must not break it.
  it('the idle lock parks the case: hidden while locked, back for the same clerk on unlock', async () => {
    const c = await placeAndWait(core, '张建国');
    await call('auth.lock');
    expect((await call('case.current')).ok).toBe(false);
    await call('auth.unlock', { password: 'training-123' });
    const cur = await call('case.current');
    expect(cur.ok && (cur.value as CaseView).caseId).toBe(c.caseId);
    expect(casesOf('demo-clerk').filter((id) => id === c.caseId)).toHaveLength(1);
  });
});
