import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import demo from '../../../resources/sandbox/demo-residents.json';
import { createRegistryClient, RegistryError } from '../../../electron/services/registry';
import { signedGet, startTestSandbox, type SignOverrides, type TestSandbox } from '../../helpers/sandbox';

const USAGE = {
  organisation: '示范市政务服务中心',
  clerk: 'S001 批量核验',
  itemName: '老年人优待证办理',
  itemCode: 'senior-card',
  caseNumber: 'PL-ROWKEY-1',
  reason: '行号去重',
};
const [a, b] = demo.filter((d) => d.cardKind === 'resident').map((d) => d.idNumber);

/**
 * X-Row-Key on per-person calls: the registry records one use per (app, case number, row key),
 * shared with the batch endpoint's keys; the key is signed, a malformed one is refused, and a key
 * never hides a use of someone else's data.
 */
describe('the row key of a per-person call', () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await startTestSandbox({ today: '2026-11-23' });
  });
  afterAll(async () => {
    await sb.stop();
  });

  const get = (path: string, o: SignOverrides = {}, extra: Record<string, string> = {}) =>
    signedGet<{ code?: string; items?: Array<{ identifier: string }> }>(sb, path, {
      usage: USAGE,
      sign: o,
      headers: extra,
    });
  const search = (holder: string, o: SignOverrides = {}, extra: Record<string, string> = {}) =>
    get(`/v1/licenses?holderCode=${holder}`, o, extra);
  const mine = (caseNumber = USAGE.caseNumber) =>
    sb.usage!().filter((u) => u.caseNumber === caseNumber && u.status === 200 && u.holderCode);

  it('records the first call under a key; the same person again (search or gets) is part of that use', async () => {
    const first = await search(a!, { rowKey: '7' });
    expect(first.status).toBe(200);
    expect(mine()).toHaveLength(1);
    expect(mine()[0]).toMatchObject({ holderCode: a, key: '7', path: '/v1/licenses' });
    // The same search again and every license it listed: answered, and no second record.
    expect((await search(a!, { rowKey: '7' })).status).toBe(200);
    for (const { identifier } of first.body.items!)
      expect((await get(`/v1/licenses/${encodeURIComponent(identifier)}`, { rowKey: '7' })).status).toBe(200);
    expect(mine()).toHaveLength(1);
    // The batch endpoint under the same key and person: the same use.
    const batch = await get(`/v1/batch/licenses?holders=${a}&keys=7`);
    expect(batch.status).toBe(200);
    expect(mine()).toHaveLength(1);
    // Without a key every call is a use of its own, as at the counter.
    await search(a!);
    expect(mine()).toHaveLength(2);
  });

  it('never lets a key hide another person: a different holder under a used key is a use of its own', async () => {
    const c = 'PL-ROWKEY-2';
    const usage = { ...USAGE, caseNumber: c };
    await search(a!, { rowKey: '1', usage });
    const other = await search(b!, { rowKey: '1', usage });
    expect(other.status).toBe(200);
    // A get of a license that does not concern the key's person (the other's own ID license) is recorded too.
    const foreign = other.body.items!.find((i) => i.identifier.includes('.111001.'))!;
    await get(`/v1/licenses/${encodeURIComponent(foreign.identifier)}`, { rowKey: '1', usage });
    await get(`/v1/batch/licenses?holders=${b}&keys=1`, { usage });
    expect(mine(c).map((u) => [u.key, u.path])).toEqual([
      ['1', '/v1/licenses'],
      ['1', '/v1/licenses'],
      ['1', `/v1/licenses/${encodeURIComponent(foreign.identifier)}`],
      ['1', '/v1/batch/licenses'],
    ]);
  });

  it('keeps case numbers apart: the same row key in another batch is another use', async () => {
    for (const caseNumber of ['PL-ROWKEY-3', 'PL-ROWKEY-4'])
      for (let i = 0; i < 2; i++) await search(a!, { rowKey: '3f', usage: { ...USAGE, caseNumber } });
    expect(mine('PL-ROWKEY-3')).toHaveLength(1);
    expect(mine('PL-ROWKEY-4')).toHaveLength(1);
  });

  it('refuses a malformed key (recorded without it) and one added or changed after signing', async () => {
    const c = 'PL-ROWKEY-5';
    const usage = { ...USAGE, caseNumber: c };
    // Each signed as sent: the signature is good, the key is not.
    for (const bad of ['x'.repeat(65), '1,2', '../1', '1 m', '%E8%A1%8C1']) {
      const r = await search(a!, { rowKey: bad, usage });
      expect(r, bad).toMatchObject({ status: 400, body: { code: 'PARAM_INVALID' } });
    }
    const refused = sb.usage!().filter((u) => u.caseNumber === c);
    expect(refused).toHaveLength(5);
    for (const u of refused) expect([u.status, u.key]).toEqual([400, undefined]);
    // The key is signed: added to a call signed without it, or changed, the signature fails.
    expect((await search(a!, { usage }, { 'x-row-key': '9' })).body.code).toBe('BAD_SIGNATURE');
    expect((await search(a!, { usage, rowKey: '9' }, { 'x-row-key': '10' })).body.code).toBe('BAD_SIGNATURE');
    // The terminal's client never sends a key the registry would refuse.
    const client = createRegistryClient({ baseUrl: sb.url, appKey: sb.appKey, appSecret: sb.appSecret });
    try {
      const e = await client.search(a!, { ...usage, rowKey: '1 2' }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(RegistryError);
      expect(e).toMatchObject({ code: 'REGISTRY_BAD_REQUEST' });
      expect(sb.usage!().filter((u) => u.caseNumber === c && u.status !== 400)).toHaveLength(0);
      // And a good one travels signed, recorded with the person's use.
      await client.search(a!, { ...usage, rowKey: '12m' });
      await client.search(a!, { ...usage, rowKey: '12m' });
      expect(mine(c).map((u) => u.key)).toEqual(['12m']);
    } finally {
      client.close();
    }
  });
});
