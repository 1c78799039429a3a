import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LicenseRecord } from '../../../protocol/registry-types';
import { generateWorld } from '../../../sandbox/generator/generate';
import type { FaultsInput } from '../../../sandbox/faults';
import { randInt, rng, testSeed } from '../../helpers/rng';
import { signedGet, startTestSandbox, type TestSandbox } from '../../helpers/sandbox';

const USAGE = {
  organisation: '示范市和平街道幸福社区服务站',
  clerk: 'demo-station',
  itemName: '义务教育入学资格核验',
  itemCode: 'school-enrolment',
  caseNumber: 'SIGN-MANY-1',
  reason: '义务教育入学资格核验',
};
const WORLD = { seed: 'sign-many', residents: 2500 };

/**
 * The batch answer signs its new licenses in bulk (one signMany per issuer); the single get signs
 * one at a time. Two sandboxes of the same seed, one asked by batch and one license by license,
 * through the same fault switches in the same order, must serve the same bytes: the deterministic
 * signatures, the rogue issuer under unknownIssuer (never memoised), the address altered after
 * signing under brokenSignature and for the demo residents whose data is tampered.
 */
describe('the batch answer signs in bulk and serves what the single get serves', () => {
  let batch: TestSandbox;
  let single: TestSandbox;
  beforeAll(async () => {
    [batch, single] = await Promise.all([startTestSandbox(WORLD), startTestSandbox(WORLD)]);
  });
  afterAll(async () => {
    await Promise.all([batch?.stop(), single?.stop()]);
  });

  const get = async <T>(sb: TestSandbox, path: string): Promise<T> => {
    const res = await signedGet<T>(sb, path, { usage: USAGE });
    expect(res.status, path).toBe(200);
    return res.body;
  };
  let call = 0;
  /** The batch answer's licenses for holders, and the same licenses fetched one by one from the other sandbox. */
  const both = async (holders: string[]) => {
    call++;
    const keys = holders.map((_, i) => `c${call}-${i}`);
    const path = `/v1/batch/licenses?holders=${holders.join(',')}&keys=${keys.join(',')}`;
    const answer = await get<{ licenses: LicenseRecord[] }>(batch, path);
    const one: LicenseRecord[] = [];
    for (const l of answer.licenses)
      one.push(
        (await get<{ license: LicenseRecord }>(single, `/v1/licenses/${encodeURIComponent(l.identifier)}`)).license,
      );
    return { bulk: answer.licenses, one };
  };

  it('the same licenses, byte for byte, with the fault switches off, on, and off again', async () => {
    const w = generateWorld(WORLD);
    const next = rng(testSeed('sandbox batch signing'));
    // Every demo resident whose data is tampered, then random residents, in three groups of 60.
    const faulty = w.residents.filter((r) => r.licenseFault).map((r) => r.idNumber);
    const picked = new Set(faulty);
    while (picked.size < 180) picked.add(w.residents[randInt(next, w.residents.length)]!.idNumber);
    const all = [...picked];
    const [h1, h2, h3] = [all.slice(0, 60), all.slice(60, 120), all.slice(120, 180)];
    const phases: Array<[string, FaultsInput, string[]]> = [
      ['no faults', {}, h1],
      ['unknownIssuer (memo-bypassing, h1 memoised, h2 new)', { unknownIssuer: true }, [...h1.slice(0, 30), ...h2]],
      ['brokenSignature (h2 new to the memo, h3 new)', { brokenSignature: true }, [...h2, ...h3.slice(0, 40)]],
      ['no faults again (from the memo and fresh)', {}, [...h1.slice(30), ...h3]],
    ];
    let signed = 0;
    for (const [what, faults, holders] of phases) {
      await Promise.all([batch.setFaults(faults), single.setFaults(faults)]);
      const { bulk, one } = await both(holders);
      expect(bulk.length, what).toBeGreaterThan(40);
      expect(JSON.stringify(bulk), what).toBe(JSON.stringify(one));
      signed += bulk.length;
      if (faults.unknownIssuer)
        expect(new Set(bulk.map((l) => l.digitalSign.signer)), what).toEqual(new Set(['DMPSB99']));
      if (faults.brokenSignature)
        expect(
          bulk.every((l) => String(l.surface.address).endsWith('附1号')),
          what,
        ).toBe(true);
    }
    expect(signed).toBeGreaterThan(200);
    // The tampered demo residents' licenses went through too.
    expect(faulty.length).toBeGreaterThan(0);
  });
});
