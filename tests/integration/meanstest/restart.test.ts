import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostEnv } from '../../helpers/host-case';
import { startHostProcess, type HostProcess } from '../../helpers/host-process';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';
import { until } from '../../helpers/until';

/**
 * A saved run with a source missing is re-run after the host restarts (SIGKILL, a new process on
 * the same data): no card read, no consent given again. The household comes from the stored run,
 * the on-screen signatures (signing service), the paper form and the guardian's signature stay
 * valid for the same authorisation document.
 */
let sandbox: TestSandbox;
const hosts: HostProcess[] = [];
let env: Record<string, string>;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  env = hostEnv({ sandbox, hall: { id: 'MEANS9', name: '核对演练大厅' }, counter: 'M-09' });
}, 60_000);
afterAll(async () => {
  for (const h of hosts) h.proc.kill('SIGKILL');
  await sandbox?.setEconFaults({});
  await sandbox?.stop();
});

async function boot(): Promise<HostProcess> {
  const h = await startHostProcess(env, { from: 'source' });
  hosts.push(h);
  expect((await h.call('auth.signIn', { userId: 'demo-clerk', password: 'training-123' })).ok).toBe(true);
  return h;
}

/** The citizen's screen, with its own secret: what it shows, and its signature for it. */
async function citizenSigns(h: HostProcess, signer: string): Promise<void> {
  const secret = new URL(/Citizen screen: (\S+)/.exec(h.output())![1]!).hash.split('secret=')[1]!;
  const post = async (op: string, body: unknown) => {
    const r = await fetch(`${h.origin}/api/${op}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await r.json()) as {
      ok: boolean;
      value?: { sign?: { hash: string; state: string; signer: { zh: string } } };
    };
  };
  const sign = await until('the authorisation on the citizen screen', async () => {
    const v = await post('citizen.view', {});
    const s = v.value?.sign;
    return s?.state === 'pending' && s.signer.zh.includes(signer) ? s : null;
  });
  const r = await post('citizen.sign', {
    hash: sign.hash,
    width: 300,
    height: 100,
    strokes: [
      [
        { x: 10, y: 50, pressure: 0.5 },
        { x: 150, y: 20, pressure: 0.6 },
        { x: 280, y: 70, pressure: 0.5 },
      ],
    ],
  });
  expect(r.ok).toBe(true);
}

describe('means test: re-run after a restart', () => {
  it('a run with the tax source down is re-run by a new host on the same data, without the card or new consents', async () => {
    const h = await boot();
    const cards = await h.callOk('training.cards');
    await h.call('training.toggleCard', { id: cards.cards.find((c) => c.name === '孙卫东')!.id });
    const c = await until('case with licenses', async () => {
      const v = await h.callOk('case.current');
      return v?.card.name === '孙卫东' && v.registry.state === 'done' ? v : null;
    });
    const caseId = c.caseId;
    await h.callOk('case.chooseItem', { caseId, itemCode: 'low-income-application' });
    // 孙卫东 signs on the citizen screen, then as 张桂芝's guardian; 李秀梅's paper form is recorded.
    await h.callOk('means.requestSignature', { caseId, member: 0 });
    await citizenSigns(h, '家庭成员');
    await h.callOk('means.requestSignature', { caseId, member: 3, guardian: 0 });
    await citizenSigns(h, '监护人');
    await h.callOk('means.recordPaper', { caseId, member: 1, reason: '在医院陪护，纸质授权书由家属带来' });
    const before = await h.callOk('means.view', { caseId });
    expect(before.consentMissing).toEqual([]);

    await sandbox.setEconFaults({ sources: { tax: { down: true } } });
    const v1 = await h.callOk('means.run', { caseId });
    expect(v1.run).toMatchObject({ runNo: 1, conclusion: 'review' });
    expect(v1.run!.missing.map((m) => m.key)).toEqual(['tax']);

    h.proc.kill('SIGKILL');
    await new Promise((r) => h.proc.once('exit', r));
    await sandbox.setEconFaults({});

    const h2 = await boot();
    // No card is on the reader and the flow holds no case: the check stands on its records.
    expect(await h2.callOk('case.current')).toBeNull();
    const seen = await h2.callOk('means.view', { caseId });
    expect(seen.documentHash).toBe(before.documentHash);
    expect(seen.consentMissing).toEqual([]);
    expect(seen.members.map((m) => m.consent?.kind ?? null)).toEqual(['signed', 'paper', null, 'signed']);
    expect(seen.members[3]!.consent).toMatchObject({ guardian: '孙卫东', current: true });
    expect(seen.run).toMatchObject({ runNo: 1, conclusion: 'review' });

    const v2 = await h2.callOk('means.run', { caseId });
    expect(v2.run).toMatchObject({ runNo: 2, conclusion: 'eligible', missing: [] });
    const sent = await h2.callOk('means.submit', { caseId });
    expect(sent.submitted).toMatchObject({ runNo: 2 });
    // The authorisation, drawn again from the records, still carries the signatures.
    const auth = await h2.callOk('means.authorisation', { caseId });
    expect(Buffer.from(auth.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');

    // Another clerk does not get at the case through the check.
    await h2.callOk('auth.signOut');
    const other = await h2.call('means.view', { caseId });
    expect(other.ok).toBe(false);
  }, 180_000);
});
