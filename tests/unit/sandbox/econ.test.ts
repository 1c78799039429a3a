import { describe, expect, it } from 'vitest';
import { createSm2Verifier } from '../../../protocol/sm2';
import { verifyLicense, type TrustEntry } from '../../../electron/services/registry/verify';
import { SandboxData } from '../../../sandbox/data';
import { econFaultsSchema } from '../../../sandbox/econ/faults';
import { ECON_TYPES } from '../../../sandbox/econ/book';

const TODAY = '2026-11-23';
const NONE = econFaultsSchema.parse({});

describe('sandbox economic sources (means test)', () => {
  const data = new SandboxData({ residents: 300, today: TODAY });
  const trust = new Map<string, TrustEntry>(
    data.trustList().map((i) => [i.issuerCode, { issuer: i, verifier: createSm2Verifier(i.publicKey) }]),
  );
  const now = Date.parse(`${TODAY}T12:00:00+08:00`);
  const idOf = (name: string) => data.world.residents.find((r) => r.name === name)!.idNumber;
  const types = [...ECON_TYPES];

  it('answers every source for every resident, signed by its issuer, verifiable against /v1/issuers', () => {
    for (const r of data.world.residents.filter((x) => x.cardKind === 'resident').slice(0, 40)) {
      const entries = data.econ.entries(
        r.idNumber,
        types.filter((t) => t !== '192001'),
      );
      expect(entries).toHaveLength(7);
      for (const e of entries) {
        const ref = data.econ.resolve(e.identifier)!;
        const l = data.econ.license(ref.typeCode, ref.index, NONE);
        expect(verifyLicense(l, trust, now), e.identifier).toEqual({ state: 'verified', issuer: l.issueDeptCode });
        expect(l.certificateHolderCode).toBe(r.idNumber);
      }
    }
  });

  it('is deterministic from the seed, and lists nothing unless asked for by type', () => {
    const again = new SandboxData({ residents: 300, today: TODAY });
    const id = idOf('周建国');
    const a = data.econ.entries(id, ['191003'])[0]!;
    const b = again.econ.entries(id, ['191003'])[0]!;
    const ra = data.econ.resolve(a.identifier)!;
    expect(data.econ.license(ra.typeCode, ra.index, NONE)).toEqual(again.econ.license(ra.typeCode, ra.index, NONE));
    expect(a).toEqual(b);
    expect(data.econ.entries(id, ['111002'])).toEqual([]);
    expect(data.book.refsForHolder(id).map((r) => data.book.catalog(r).certificateType)).not.toContain('191003');
  });

  it('holds the demo households: a family car, a company role, two flats, wages, a tampered deposit record', () => {
    const surf = (name: string, type: string) => {
      const e = data.econ.entries(idOf(name), [type])[0]!;
      const r = data.econ.resolve(e.identifier)!;
      return data.econ.license(r.typeCode, r.index, NONE);
    };
    expect(surf('周建国', '191003').surface.vehicles).toEqual([
      { plate: '示B7Q902', type: '小型轿车', use: '非营运', registered: '2021-11-02' },
    ]);
    expect(surf('郑海涛', '191005').surface.roles).toMatchObject([{ role: '法定代表人', status: '存续' }]);
    expect((surf('冯志强', '191002').surface.homes as Array<{ area: string }>).map((h) => h.area)).toEqual([
      '88.00',
      '62.00',
    ]);
    expect((surf('何立新', '191006').surface.income as Array<{ amount: string }>)[0]!.amount).toBe('6000.00');
    expect(verifyLicense(surf('曹明', '191007'), trust, now).state).toBe('unverified');
    expect(surf('孙卫东', '192001').surface.diagnosis).toContain('急性心肌梗死');
    expect(data.econ.entries(idOf('周建国'), ['192001'])).toEqual([]);
  });

  it('refuses identifiers it did not issue, and a broken-signature switch breaks verification', () => {
    const e = data.econ.entries(idOf('孙卫东'), ['191006'])[0]!;
    const last = e.identifier.slice(-1);
    expect(data.econ.resolve(`${e.identifier.slice(0, -1)}${last === 'A' ? 'B' : 'A'}`)).toBeNull();
    expect(data.econ.resolve('1.2.156.3005.2.191006.DMTAX01.9999999.001.X')).toBeNull();
    const r = data.econ.resolve(e.identifier)!;
    const broken = data.econ.license(
      r.typeCode,
      r.index,
      econFaultsSchema.parse({ sources: { tax: { brokenSignature: true } } }),
    );
    expect(verifyLicense(broken, trust, now).state).toBe('unverified');
  });
});
