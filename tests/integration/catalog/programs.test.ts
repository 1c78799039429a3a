import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistryClient, RegistryError } from '../../../electron/services/registry';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';

const USAGE = {
  organisation: '示范市政务服务中心',
  clerk: 'C007 王芳',
  itemName: '老年助餐服务申请',
  itemCode: 'senior-meal-aid',
  caseNumber: 'T-2026-0002',
  reason: '核验住址是否在助餐服务范围',
};

/** address-in-program works for any program the registry serves, fetched by the item's declared source. */
describe('program areas by program id over loopback', () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await startTestSandbox({ today: '2026-11-23' });
  });
  afterAll(async () => sb?.stop());

  it('serves clean-energy and senior-meal, and refuses a program the registry does not run', async () => {
    const c = createRegistryClient({
      baseUrl: sb.url,
      appKey: sb.appKey,
      appSecret: sb.appSecret,
      retries: { max: 0, baseDelayMs: 5 },
    });
    const meal = await c.programAreas!('senior-meal', USAGE);
    expect(meal.map((a) => a.name)).toContain('中心区和平街道光明社区');
    const clean = await c.cleanEnergyAreas(USAGE);
    expect(clean.length).toBeGreaterThan(meal.length);
    const err = await c.programAreas!('moon-base', USAGE).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
  });
});
