import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import demo from '../../../resources/sandbox/demo-residents.json';
import { signedHeaders } from '../../../protocol/request-auth';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';

const USAGE = {
  organisation: '示范市政务服务中心',
  clerk: 'C001',
  itemName: '老年人优待证办理',
  itemCode: 'LNYD-01',
  caseNumber: 'S-1',
  reason: '核验年龄',
};
const holder = demo[0]!.idNumber;

describe('sandbox CLI and API authentication (child process)', () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await startTestSandbox({ child: true });
  });
  afterAll(async () => {
    await sb.stop();
  });

  const call = async (headers: Record<string, string>, path = `/v1/licenses?holderCode=${holder}`) => {
    const res = await fetch(new URL(path, sb.url), { headers });
    return { status: res.status, body: (await res.json()) as { code?: string; message?: string; items?: unknown[] } };
  };
  const sign = (o: Partial<Parameters<typeof signedHeaders>[0]> = {}, path = `/v1/licenses?holderCode=${holder}`) =>
    signedHeaders({
      appKey: sb.appKey,
      appSecret: sb.appSecret,
      method: 'GET',
      pathAndQuery: path,
      usage: USAGE,
      ...o,
    });

  it('started from the CLI on a free port with credentials from the environment', async () => {
    expect(sb.pid).toBeGreaterThan(0);
    const ok = await call(sign());
    expect(ok.status).toBe(200);
    expect(ok.body.items!.length).toBeGreaterThan(0);
  });

  it('refuses unsigned, unknown app, bad signature, replay and clock skew with 401 {code, message}', async () => {
    expect((await call({})).body.code).toBe('UNSIGNED');
    expect((await call(sign({ appKey: 'stranger' }))).body.code).toBe('UNKNOWN_APP');
    expect((await call(sign({ appSecret: 'wrong' }))).body.code).toBe('BAD_SIGNATURE');
    const once = sign();
    expect((await call(once)).status).toBe(200);
    const replay = await call(once);
    expect(replay).toMatchObject({ status: 401, body: { code: 'REPLAYED' } });
    expect(replay.body.message).toMatch(/replay/);
    const skew = await call(sign({ now: Date.now() - 6 * 60_000 }));
    expect(skew).toMatchObject({ status: 401, body: { code: 'CLOCK_SKEW' } });
    // A signature does not survive a changed usage header.
    const h = sign();
    h['x-usage-clerk'] = 'someone-else';
    expect((await call(h)).body.code).toBe('BAD_SIGNATURE');
  });

  it('answers 400 naming the missing usage element', async () => {
    const r = await call(sign({ usage: { ...USAGE, reason: '' } }));
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/x-usage-reason/);
  });

  it('admin API needs its own secret; faults apply and clear', async () => {
    const denied = await fetch(new URL('admin/faults', sb.url), { method: 'POST', body: '{"down":true}' });
    expect(denied.status).toBe(401);
    await sb.setFaults({ errorRate: 1 });
    expect((await call(sign())).status).toBe(503);
    await expect(sb.setFaults({ errorRate: 2 } as never)).rejects.toThrow(/errorRate/);
    await sb.setFaults({});
    expect((await call(sign())).status).toBe(200);
  });
});
