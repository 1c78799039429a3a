import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistryClient, type RegistryClient } from '../../../electron/services/registry';
import { generateWorld } from '../../../sandbox/generator/generate';
import { fixedAnswerRegistry, registryErrorCode } from '../../helpers/fixed-registry';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';

const USAGE = {
  organisation: '示范市和平街道幸福社区服务站',
  clerk: 'demo-station',
  itemName: '义务教育入学资格核验',
  itemCode: 'school-enrolment',
  caseNumber: 'BATCH-T-1',
  reason: '义务教育入学资格核验',
};
const TYPES = ['111002', '113001', '113002', '113003', '116003'];

const codeOf = registryErrorCode;

describe('the batch endpoint sends each license once', () => {
  const RESIDENTS = 3000;
  let sb: TestSandbox;
  let c: RegistryClient;
  beforeAll(async () => {
    sb = await startTestSandbox({ residents: RESIDENTS });
    c = createRegistryClient({ baseUrl: sb.url, appKey: sb.appKey, appSecret: sb.appSecret });
  });
  afterAll(async () => {
    c?.close();
    await sb?.stop();
  });

  it('a child and both parents share their household register: one record in the answer, verified, listed for all three', async () => {
    const w = generateWorld({ residents: RESIDENTS });
    const family = w.households
      .map((h) => h.members.map((m) => w.residents[m]!))
      .find(
        (ms) =>
          ms.some((m) => m.relation === '子' || m.relation === '女') &&
          ms.filter((m) => m.relation === '户主' || m.relation === '配偶').length === 2,
      )!;
    const child = family.find((m) => m.relation === '子' || m.relation === '女')!;
    const parents = family.filter((m) => m.relation === '户主' || m.relation === '配偶');
    const people = [child, ...parents].map((p, i) => ({ holderCode: p.idNumber, key: `1${'fm'[i - 1] ?? ''}` }));
    const got = await c.batchLicenses(people, USAGE, TYPES);
    expect(got.map((g) => g.key)).toEqual(['1', '1f', '1m']);
    const registers = got.map((g) => g.licenses.find((l) => l.license.certificateType === '111002')!);
    expect(registers.every((r) => r === registers[0])).toBe(true);
    expect(registers[0]!.verification.state).toBe('verified');
    // Each holder's usage is still recorded once, under their own key.
    const mine = (await sb.usage!()).filter((u) => u.caseNumber === USAGE.caseNumber && u.key !== undefined);
    expect(mine.map((u) => u.holderCode).sort()).toEqual(people.map((p) => p.holderCode).sort());
  });
});

describe('a hostile batch answer', () => {
  let r: Awaited<ReturnType<typeof fixedAnswerRegistry>>;
  let c: RegistryClient;
  const asked = [
    { holderCode: '11010519491231002X', key: '1' },
    { holderCode: '110105194912310011', key: '1f' },
  ];
  beforeAll(async () => {
    r = await fixedAnswerRegistry();
    c = r.client;
  });
  afterAll(() => r?.close());

  const entry = (key: string, licenses: number[]) => ({
    holderCode: asked[key === '1' ? 0 : 1]!.holderCode,
    key,
    licenses,
  });
  it.each([
    ['a position past the licenses sent', { max: 100, licenses: [], results: [entry('1', [0]), entry('1f', [])] }],
    ['a negative position', { max: 100, licenses: [], results: [entry('1', [-1]), entry('1f', [])] }],
    [
      'a position that is not a whole number',
      { max: 100, licenses: [], results: [entry('1', [0.5]), entry('1f', [])] },
    ],
    ['one holder left out', { max: 100, licenses: [], results: [entry('1', [])] }],
    ['the rows in another order', { max: 100, licenses: [], results: [entry('1f', []), entry('1', [])] }],
    [
      'licenses inline, not by position',
      { max: 100, results: [{ ...entry('1', []), licenses: [{}] }, entry('1f', [])] },
    ],
  ])('%s → REGISTRY_MALFORMED', async (_what, body) => {
    r.answer(body);
    expect(await codeOf(c.batchLicenses(asked, USAGE, TYPES))).toBe('REGISTRY_MALFORMED');
  });

  it('an answer with no licenses for anyone passes, each holder with none', async () => {
    r.answer({ max: 100, licenses: [], results: [entry('1', []), entry('1f', [])] });
    expect((await c.batchLicenses(asked, USAGE, TYPES)).map((g) => g.licenses)).toEqual([[], []]);
  });
});
