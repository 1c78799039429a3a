import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import demo from '../../../resources/sandbox/demo-residents.json';
import {
  createRegistryClient,
  type RegistryError,
  type RegistryClient,
  type RegistryClientOptions,
} from '../../../electron/services/registry';
import { registryErrorCode } from '../../helpers/fixed-registry';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';

const USAGE = {
  organisation: '示范市政务服务中心',
  clerk: 'C007 王芳',
  itemName: '清洁能源（煤改电）户核验',
  itemCode: 'QJNY-001',
  caseNumber: 'T-2026-0001',
  reason: '核验户籍与房屋权属',
};
const idOf = (name: string): string => demo.find((d) => d.name === name)!.idNumber;

const codeOf = registryErrorCode;

describe('registry client against the sandbox over loopback', () => {
  let sb: TestSandbox;
  const clients: RegistryClient[] = [];
  const client = (o: Partial<RegistryClientOptions> = {}): RegistryClient => {
    const c = createRegistryClient({
      baseUrl: sb.url,
      appKey: sb.appKey,
      appSecret: sb.appSecret,
      retries: { max: 1, baseDelayMs: 5 },
      ...o,
    });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    sb = await startTestSandbox({ today: '2026-11-23' });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await sb.stop();
  });

  it('search -> get -> verify for the clean-energy PASS household', async () => {
    const c = client();
    const items = await c.search(idOf('李秀英'), USAGE);
    const types = items.map((i) => i.certificateType).sort();
    expect(types).toEqual(['111001', '111002']);
    const hh = items.find((i) => i.certificateType === '111002')!;
    const got = await c.get(hh.identifier, USAGE);
    expect(got.verification).toEqual({ state: 'verified', issuer: 'DMPSB01' });
    expect(got.source).toBe('registry');
    const members = got.license.surface.members as Array<Record<string, string>>;
    expect(members.map((m) => m.name)).toEqual(['张建国', '李秀英', '张子轩']);
    const head = await c.search(idOf('张建国'), USAGE, ['113002']);
    expect(head).toHaveLength(1);
    const homestead = await c.get(head[0]!.identifier, USAGE);
    expect(homestead.verification.state).toBe('verified');
    expect(homestead.license.surface.address).toBe(got.license.surface.address);
    const id = await c.get(items.find((i) => i.certificateType === '111001')!.identifier, USAGE);
    expect(String(id.license.surface.photo)).toMatch(/^iVBORw0KGgo/);
    const areas = await c.cleanEnergyAreas(USAGE);
    expect(areas.some((a) => a.areaCode === homestead.license.certificateAreaCode)).toBe(true);
    expect(c.state()).toBe('closed');
  });

  it('with pinned keys, an issuer whose key the registry swapped is refused and its licenses stay unverified', async () => {
    const genuine = await client().trustList();
    const pinned = new Map(genuine.map((i) => [i.issuerCode, i.publicKey]));
    // The copy handed over out of band says DMPSB01 uses another key than the registry now serves.
    pinned.set('DMPSB01', '04' + 'ab'.repeat(64));
    const refused: string[] = [];
    const c = client({ trust: { pinned, onRefused: (i) => refused.push(i.issuerCode) } });
    const [hh] = await c.search(idOf('李秀英'), USAGE, ['111002']);
    const got = await c.get(hh!.identifier, USAGE);
    expect(got.verification).toMatchObject({ state: 'unverified', reason: 'unknown-issuer' });
    expect(refused).toContain('DMPSB01');
    const [homestead] = await c.search(idOf('张建国'), USAGE, ['113002']);
    expect((await c.get(homestead!.identifier, USAGE)).verification.state).toBe('verified');
  });

  it('tampered and unknown-issuer licenses come back unverified with a reason', async () => {
    const c = client();
    const [tampered] = await c.search(idOf('周强'), USAGE, ['111001']);
    const t = await c.get(tampered!.identifier, USAGE);
    expect(t.verification).toMatchObject({ state: 'unverified', reason: 'bad-signature' });
    const [rogue] = await c.search(idOf('吴敏'), USAGE, ['111001']);
    const r = await c.get(rogue!.identifier, USAGE);
    expect(r.verification).toMatchObject({ state: 'unverified', reason: 'unknown-issuer' });
    expect((await c.trustList()).map((i) => i.issuerCode).sort()).toEqual([
      'DMAMR01',
      'DMBNK01',
      'DMCAB01',
      'DMDPF01',
      'DMEDU01',
      'DMHFC01',
      'DMHLT01',
      'DMHRS01',
      'DMMIB01',
      'DMNRB01',
      'DMPSB01',
      'DMTAX01',
      'DMVMO01',
    ]);
  });

  it('fault switches: broken signature and unknown issuer on any license', async () => {
    const c = client();
    const [entry] = await c.search(idOf('张建国'), USAGE, ['111001']);
    await sb.setFaults({ brokenSignature: true });
    expect((await c.get(entry!.identifier, USAGE)).verification).toMatchObject({ reason: 'bad-signature' });
    await sb.setFaults({ unknownIssuer: true });
    expect((await c.get(entry!.identifier, USAGE)).verification).toMatchObject({ reason: 'unknown-issuer' });
    await sb.setFaults({});
    expect((await c.get(entry!.identifier, USAGE)).verification.state).toBe('verified');
  });

  it('refusals: wrong key, wrong secret, missing usage (client-side), bad identifier', async () => {
    expect(await codeOf(client({ appKey: 'nobody' }).search(idOf('张建国'), USAGE))).toBe('REGISTRY_REFUSED');
    const wrong = client({ appSecret: 'wrong' });
    try {
      await wrong.search(idOf('张建国'), USAGE);
      expect.unreachable();
    } catch (e) {
      expect((e as RegistryError).code).toBe('REGISTRY_REFUSED');
      expect((e as RegistryError).serverCode).toBe('BAD_SIGNATURE');
    }
    expect(wrong.state()).toBe('closed'); // a refusal proves the registry is up
    expect(await codeOf(client().search(idOf('张建国'), { ...USAGE, clerk: '' }))).toBe('USAGE_INCOMPLETE');
    expect(await codeOf(client().get('1.2.156.3005.2.111001.DMPSB01.1000000.001.0', USAGE))).toBe(
      'REGISTRY_BAD_IDENTIFIER',
    );
  });

  it('malformed, oversized and truncated answers become typed errors', async () => {
    const c = client({ maxBodyBytes: 256 * 1024, breaker: { failureThreshold: 100 } });
    await sb.setFaults({ nonJson: true });
    expect(await codeOf(c.search(idOf('张建国'), USAGE))).toBe('REGISTRY_MALFORMED');
    await sb.setFaults({ oversizeBytes: 8 * 1024 * 1024 });
    expect(await codeOf(c.search(idOf('张建国'), USAGE))).toBe('REGISTRY_TOO_LARGE');
    await sb.setFaults({ truncate: true });
    expect(await codeOf(c.search(idOf('张建国'), USAGE))).toBe('REGISTRY_MALFORMED');
    await sb.setFaults({ errorRate: 1 });
    expect(await codeOf(c.search(idOf('张建国'), USAGE))).toBe('REGISTRY_UNAVAILABLE');
    await sb.setFaults({});
    expect(await c.search(idOf('张建国'), USAGE)).not.toHaveLength(0);
  });

  it('down and slow registry: timeouts, the breaker opens, fails fast, then recovers', async () => {
    const c = client({
      timeouts: { connectMs: 500, totalMs: 300 },
      retries: { max: 0 },
      breaker: { failureThreshold: 3, cooldownMs: 400 },
    });
    const states: string[] = [];
    c.onState((s) => states.push(s));
    await sb.setFaults({ latencyMs: 1000 });
    const t0 = Date.now();
    expect(await codeOf(c.search(idOf('张建国'), USAGE))).toBe('REGISTRY_TIMEOUT');
    expect(Date.now() - t0).toBeLessThan(900);
    await sb.setFaults({ down: true });
    expect(await codeOf(c.search(idOf('张建国'), USAGE))).toBe('REGISTRY_UNREACHABLE');
    expect(await codeOf(c.search(idOf('张建国'), USAGE))).toBe('REGISTRY_UNREACHABLE');
    expect(c.state()).toBe('open');
    const t1 = Date.now();
    expect(await codeOf(c.search(idOf('张建国'), USAGE))).toBe('REGISTRY_CIRCUIT_OPEN');
    expect(Date.now() - t1).toBeLessThan(50);
    await sb.setFaults({});
    await new Promise((r) => setTimeout(r, 450));
    expect(c.state()).toBe('half-open');
    expect(await c.search(idOf('张建国'), USAGE)).not.toHaveLength(0);
    expect(c.state()).toBe('closed');
    expect(states).toEqual(['open', 'half-open', 'closed']);
  });

  it('retries idempotent reads through a flaky registry', async () => {
    await sb.setFaults({ errorRate: 0.5 });
    // 15 retries: a call fails only if 16 coin flips in a row go wrong (1 in 65,536), so the test
    // shows retrying works without failing one CI run in 13, as 6 retries over 10 calls did.
    const c = client({ retries: { max: 15, baseDelayMs: 1, maxDelayMs: 5 }, breaker: { failureThreshold: 200 } });
    try {
      const results = await Promise.all(Array.from({ length: 10 }, () => c.search(idOf('张建国'), USAGE)));
      expect(results.every((r) => r.length > 0)).toBe(true);
    } finally {
      await sb.setFaults({});
    }
  });

  it('the registry holds the five usage elements and the reason for every use in a session', async () => {
    const c = client();
    const usage = { ...USAGE, caseNumber: 'T-USAGE-42', clerk: 'C009 李强' };
    const holder = idOf('孙丽');
    const items = await c.search(holder, usage);
    for (const i of items) await c.get(i.identifier, usage);
    const records = (await c.usageRecords(holder, usage)).filter((r) => r.caseNumber === 'T-USAGE-42');
    expect(records).toHaveLength(1 + items.length);
    for (const r of records) {
      expect(r).toMatchObject({
        organisation: usage.organisation,
        clerk: 'C009 李强',
        itemName: usage.itemName,
        itemCode: usage.itemCode,
        reason: usage.reason,
        status: 200,
        appKey: sb.appKey,
      });
    }
    expect(
      records
        .filter((r) => r.identifier)
        .map((r) => r.identifier)
        .sort(),
    ).toEqual(items.map((i) => i.identifier).sort());
  });
});
