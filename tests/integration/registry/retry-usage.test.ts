import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import demo from '../../../resources/sandbox/demo-residents.json';
import { createRegistryClient, RegistryError } from '../../../electron/services/registry';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';
import { until } from '../../helpers/until';

const USAGE = {
  organisation: '示范市政务服务中心',
  clerk: 'C007 王芳',
  itemName: '居住证明',
  itemCode: 'JZZM-001',
  caseNumber: 'T-2026-0099',
  reason: '重试不重复记录',
};

/**
 * A read that timed out on the terminal may still have reached the registry and been recorded;
 * the retry carries the same request id, so the registry records one use of the person's data,
 * not one per try (the batch's per-person fallback retried exactly like this).
 */
describe('a retried registry call is one use at the registry', () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await startTestSandbox({ today: '2026-11-23' });
  });
  afterAll(async () => {
    await sb.stop();
  });

  it('records each try that reached it under one request id', async () => {
    const holder = demo.find((d) => d.cardKind === 'resident')!.idNumber;
    await sb.setFaults({ latencyMs: 400 });
    const c = createRegistryClient({
      baseUrl: sb.url,
      appKey: sb.appKey,
      appSecret: sb.appSecret,
      timeouts: { totalMs: 150 },
      retries: { max: 2, baseDelayMs: 5 },
    });
    try {
      const e = await c.search(holder, USAGE).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(RegistryError);
      // Every try reached the registry (it answers late, after the terminal gave up).
      const mine = () => sb.usage!().filter((u) => u.caseNumber === USAGE.caseNumber && u.path === '/v1/licenses');
      await until('the first try recorded', () => mine().length >= 1, { timeoutMs: 5_000 });
      await new Promise((r) => setTimeout(r, 1_500));
      expect(mine()).toHaveLength(1);
      expect(mine()[0]!.requestId).toMatch(/^[\w-]{8,64}$/);
      // A new call is a new use.
      await sb.setFaults({ latencyMs: 0 });
      await c.search(holder, USAGE);
      expect(mine()).toHaveLength(2);
    } finally {
      c.close();
    }
  }, 30_000);
});
