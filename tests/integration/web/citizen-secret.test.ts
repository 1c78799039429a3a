import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opNames } from '../../../electron/api/contract';
import { placeAndWait } from '../../helpers/flow-steps';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';
import { startWeb, type WebFixture } from '../../helpers/web';

/**
 * The citizen screen's secret opens the citizen operations and nothing else (issue 12): every
 * operation of the contract is tried with it, signed out and with a clerk signed in with an open
 * case, and its event stream carries only the citizen's own screen.
 */
let sandbox: TestSandbox;
let w: WebFixture;
const asCitizen = (op: string, body: unknown = {}) =>
  w.api(op, body, { Authorization: `Bearer ${w.host.citizenSecret}` });

beforeAll(async () => {
  sandbox = await startTestSandbox();
  w = await startWeb({ boot: { registry: sandbox } });
});
afterAll(async () => {
  await w?.close();
  await sandbox?.stop();
});

async function refusedEverywhere(): Promise<string[]> {
  // Every operation of the contract is tried, the citizen's own included (citizen.sign too).
  expect(opNames).toEqual(expect.arrayContaining(['citizen.view', 'citizen.rate', 'citizen.sign', 'case.askRating']));
  const wrong: string[] = [];
  for (const name of opNames) {
    const r = await asCitizen(name);
    const body = JSON.parse(r.text) as { ok: boolean; error?: { code: string } };
    const allowed = name.startsWith('citizen.');
    const denied = !body.ok && body.error?.code === 'AUTH_FORBIDDEN';
    // Allowed: anything but a refusal (citizen.rate with no argument is INVALID_ARGUMENT, or not asked).
    if (allowed === denied || (!allowed && !denied))
      wrong.push(`${name}: ${r.status} ${body.ok ? 'ok' : body.error?.code}`);
  }
  return wrong;
}

describe('the citizen secret', () => {
  it('differs from the terminal secret and is refused when wrong', async () => {
    expect(w.host.citizenSecret).not.toBe(w.host.secret);
    const r = await w.api('citizen.view', {}, { Authorization: `Bearer ${w.host.citizenSecret}x` });
    expect(r.status).toBe(401);
  });

  it('the clerk secret cannot call the citizen operations', async () => {
    const r = JSON.parse((await w.api('citizen.view', {})).text) as { ok: boolean; error?: { code: string } };
    expect(r).toMatchObject({ ok: false, error: { code: 'AUTH_FORBIDDEN' } });
  });

  it('reaches no other operation with a clerk signed in and a case open, and sees it only masked', async () => {
    const c = await placeAndWait(w.core, '张建国');
    expect(await refusedEverywhere()).toEqual([]);
    const r = JSON.parse((await asCitizen('citizen.view')).text) as { ok: true; value: Record<string, unknown> };
    expect(r.value).toMatchObject({ state: 'case', case: { name: '张*国', numberMasked: c.card.numberMasked } });
    // Nothing of the clerk's case view beyond the masked details: no licenses, no readId, no full number.
    expect(JSON.stringify(r.value)).not.toMatch(/readId|licenses|caseId/);
  });

  it('reaches nothing signed out either, and then shows no clerk and no case', async () => {
    await w.call('auth.signOut');
    expect(await refusedEverywhere()).toEqual([]);
    const r = JSON.parse((await asCitizen('citizen.view')).text) as { ok: true; value: Record<string, unknown> };
    expect(r.value).toMatchObject({ state: 'idle' });
    expect(r.value.counter).not.toHaveProperty('clerk');
    expect(r.value).not.toHaveProperty('case');
  });
});
