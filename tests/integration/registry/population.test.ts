import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistryClient, type RegistryClient } from '../../../electron/services/registry';
import type { PopulationQuery } from '../../../protocol/population-wire';
import { fixedAnswerRegistry, registryErrorCode } from '../../helpers/fixed-registry';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';

const USAGE = {
  organisation: '示范市和平街道幸福社区服务站',
  clerk: 'demo-station',
  itemName: '老年人优待证',
  itemCode: 'senior-card',
  caseNumber: 'WL-T-20261201-001',
  reason: '主动服务：老年人优待证主动办',
};
const Q: PopulationQuery = { area: '110901', held: [], notHeld: [], fields: ['name'], size: 1000 };

const codeOf = registryErrorCode;

describe('the population query against the sandbox', () => {
  let sb: TestSandbox;
  let c: RegistryClient;
  beforeAll(async () => {
    sb = await startTestSandbox({ residents: 3000 });
    c = createRegistryClient({ baseUrl: sb.url, appKey: sb.appKey, appSecret: sb.appSecret });
  });
  afterAll(async () => {
    c?.close();
    await sb?.stop();
  });

  it('pages without overlap or gap, and each page holds only the fields asked', async () => {
    const all = (await c.population(Q, USAGE)).people.map((p) => p.idNumber);
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await c.population({ ...Q, size: 37, ...(cursor ? { cursor } : {}) }, USAGE);
      expect(page.people.length).toBeLessThanOrEqual(37);
      for (const p of page.people) expect(Object.keys(p).sort()).toEqual(['idNumber', 'name']);
      paged.push(...page.people.map((p) => p.idNumber));
      cursor = page.next;
    } while (cursor);
    expect(paged).toEqual(expect.arrayContaining(all));
    expect(new Set(paged).size).toBe(paged.length);
    expect(paged.every((id) => id.startsWith('110901'))).toBe(true);
  });

  it('filters on birth range, held and not held, and returns license fields only of held types', async () => {
    const a = await c.population(
      {
        ...Q,
        birthFrom: '1940-01-01',
        birthTo: '1960-12-31',
        held: ['114001'],
        fields: ['name', 'birth', 'lic.114001.grade'],
      },
      USAGE,
    );
    expect(a.people.length).toBeGreaterThan(0);
    for (const p of a.people) {
      expect(p.birth! >= '1940-01-01' && p.birth! <= '1960-12-31').toBe(true);
      expect(Object.keys(p.licenses!)).toEqual(['114001']);
      expect(p.licenses!['114001']!.grade).toMatch(/级$/);
    }
    const none = await c.population({ ...Q, held: ['114001'], notHeld: ['114001'] }, USAGE);
    expect(none.people).toEqual([]);
  });

  it('refuses a bad query before sending it, and the registry refuses one without usage elements', async () => {
    expect(await codeOf(c.population({ ...Q, area: '1109' }, USAGE))).toBe('REGISTRY_BAD_REQUEST');
    expect(await codeOf(c.population({ ...Q, fields: ['lic.114001.grade'] }, USAGE))).toBe('REGISTRY_BAD_REQUEST');
    expect(await codeOf(c.population(Q, { ...USAGE, reason: '' }))).toBe('USAGE_INCOMPLETE');
    const unsigned = await fetch(new URL('v1/population?area=110901&fields=name&size=5', sb.url));
    expect(unsigned.status).toBe(401);
  });
});

describe('a hostile population answer is refused at the boundary', () => {
  let r: Awaited<ReturnType<typeof fixedAnswerRegistry>>;
  let c: RegistryClient;
  const good = { idNumber: '11010519491231002X', name: '张三' };
  beforeAll(async () => {
    r = await fixedAnswerRegistry();
    c = r.client;
  });
  afterAll(() => r?.close());

  it.each([
    ['an unasked field', { people: [{ ...good, address: '某路1号' }] }],
    ['an unknown key', { people: [{ ...good, phone: '13800000000' }] }],
    ['an unasked license field', { people: [{ ...good, licenses: { '114001': { grade: '一级' } } }] }],
    ['a bad ID number', { people: [{ ...good, idNumber: '110105194912310021' }] }],
    ['more people than the page', { people: [good, good, good] }],
    ['a cursor that does not move', { people: [good], next: '5' }],
    ['not the shape at all', { items: [] }],
  ])('%s → REGISTRY_MALFORMED', async (_what, body) => {
    r.answer(body);
    expect(await codeOf(c.population({ ...Q, size: 2, cursor: '5' }, USAGE))).toBe('REGISTRY_MALFORMED');
  });

  it('a well-formed answer passes', async () => {
    r.answer({ people: [good], next: '9' });
    expect((await c.population({ ...Q, size: 2, cursor: '5' }, USAGE)).people).toEqual([good]);
  });
});
