import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import typesJson from '../../../resources/registry/license-types.json';
import { licenseSigningText } from '../../../protocol/canonical';
import { isValidLicenseId } from '../../../protocol/license-id';
import { createSm2Verifier } from '../../../protocol/sm2';
import { verifyLicense, type TrustEntry } from '../../../electron/services/registry/verify';
import { SandboxData } from '../../../sandbox/data';
import { ageOn } from '../../../sandbox/generator/dates';
import { PERSONAL_BITS } from '../../../sandbox/generator/personal';

const TODAY = '2026-11-23';
const ANCHOR = '2026-07-01';
const ORIGINAL_CODES = ['111001', '111002', '113001', '113002', '114001', '115001', '115002'];
const NEW_CODES = ['112001', '115003', '116001', '117001', '118001', '119001'];
/** Leases and social-insurance records (generator/school.ts) came later still, listed after these. */
const SCHOOL_CODES = ['113003', '116003'];
const typeOf = new Map(typesJson.types.map((t) => [t.code, t]));
const NO_FAULTS = { brokenSignature: false, unknownIssuer: false };

describe('personal licenses (driving licence, marriage, social security, medical insurance, education, birth)', () => {
  const data = new SandboxData({ residents: 1500, today: TODAY });
  const refs = [...data.book.allRefs()];
  const trust = new Map<string, TrustEntry>(
    data.trustList().map((i) => [i.issuerCode, { issuer: i, verifier: createSm2Verifier(i.publicKey) }]),
  );
  const now = Date.parse(`${TODAY}T12:00:00+08:00`);

  it('a small generation includes every new type, and each verifies against the trust list (SM2)', () => {
    const codes = new Set(refs.map((r) => typeOf.get(data.book.catalog(r).certificateType)!.code));
    for (const c of NEW_CODES) expect(codes.has(c), c).toBe(true);
    for (const [key] of PERSONAL_BITS) {
      for (const ref of refs.filter((r) => r.key === key).slice(0, 5)) {
        const l = data.license(ref, NO_FAULTS);
        const type = typeOf.get(l.certificateType)!;
        expect(type.key).toBe(key);
        expect(isValidLicenseId(l.identifier), l.identifier).toBe(true);
        expect(data.book.resolve(l.identifier)).toEqual(ref);
        expect(l.issueDeptCode).toBe(`DM${type.issuer}01`);
        expect(Object.keys(l.surface).sort()).toEqual([...type.surface].sort());
        expect(l.issueDate <= l.certificateValidateEnd).toBe(true);
        expect(verifyLicense(l, trust, now), l.identifier).toEqual({ state: 'verified', issuer: l.issueDeptCode });
        // Altered after signing: no longer verifies.
        expect(verifyLicense({ ...l, certificateHolder: `${l.certificateHolder}X` }, trust, now).state).toBe(
          'unverified',
        );
      }
    }
  });

  it('the new issuers are in the trust list, with keys of their own', () => {
    const codes = data.trustList().map((i) => i.issuerCode);
    for (const c of ['DMPSB01', 'DMNRB01', 'DMDPF01', 'DMCAB01', 'DMHRS01', 'DMMIB01', 'DMEDU01', 'DMHLT01'])
      expect(codes).toContain(c);
    expect(new Set(data.trustList().map((i) => i.publicKey)).size).toBe(codes.length);
  });

  it('holders fit the type: drivers and graduates are adults, spouses hold matching certificates, birth certificates from 1996', () => {
    const w = data.world;
    for (const ref of refs) {
      const l = data.book.unsigned(ref, false);
      const r = w.residents[w.byId.get(l.certificateHolderCode)!]!;
      expect(r.cardKind).toBe('resident');
      if (ref.key === 'driving_licence') expect(ageOn(r.birth, ANCHOR)).toBeGreaterThanOrEqual(18);
      if (ref.key === 'education') expect(ageOn(r.birth, ANCHOR)).toBeGreaterThanOrEqual(21);
      if (ref.key === 'birth_certificate') expect(r.birth >= '1996-01-01').toBe(true);
      if (ref.key === 'marriage') {
        const spouse = data.book.unsigned(
          { key: 'marriage', index: w.byId.get(String(l.surface.spouseIdNumber))! },
          false,
        );
        expect(spouse.surface.spouseIdNumber).toBe(l.certificateHolderCode);
        expect(spouse.certificateNumber).toBe(l.certificateNumber);
        expect(spouse.surface.registered).toBe(l.surface.registered);
      }
    }
  });

  it('the first demo residents hold none, so a search for them without type codes lists what it always did', () => {
    // The benefit demo residents (added after the population) hold the personal licenses their items need.
    const first = new Set(data.world.residents.slice(0, data.world.benefitDemo!.resident).map((r) => r.idNumber));
    for (const d of data.demoResidents().filter((x) => first.has(x.idNumber))) {
      const codes = data.book.refsForHolder(d.idNumber).map((x) => data.book.catalog(x).certificateType);
      expect(
        codes.every((c) => ORIGINAL_CODES.includes(c)),
        d.name,
      ).toBe(true);
    }
  });

  it('about five licenses per resident', () => {
    const school = new Set(['lease', 'social_insurance']);
    const perResident = refs.filter((r) => !school.has(r.key)).length / data.world.residents.length;
    expect(perResident).toBeGreaterThan(4.5);
    expect(perResident).toBeLessThan(5.5);
  });

  it('is deterministic and leaves the original licenses and search answers exactly as before', () => {
    const again = new SandboxData({ residents: 1500, today: TODAY });
    const digest = (d: SandboxData, codes?: string[]): string => {
      const h = createHash('sha256');
      const later = d.world.benefitDemo!;
      for (const ref of d.book.allRefs()) {
        // The benefit demo residents came later, appended after everything this fingerprint covers.
        const start =
          ref.key === 'household_register'
            ? later.household
            : ref.key === 'real_estate' || ref.key === 'homestead'
              ? later.property
              : later.resident;
        if (codes && ref.index >= start) continue;
        const u = d.book.unsigned(ref, false);
        if (!codes || codes.includes(u.certificateType)) h.update(licenseSigningText(u)).update('\n');
      }
      return h.digest('hex');
    };
    expect(digest(again)).toBe(digest(data));
    // Fingerprint of every license in a 2000-resident world as generated before the personal types existed.
    const before = new SandboxData({ residents: 2000, today: TODAY });
    expect(digest(before, ORIGINAL_CODES)).toBe('011703f88aba3d05c58dd1e9de12af92780aef9bf81c8e3c59fcd48dec368681');
    // A search with the original type codes returns what it did: the personal types are listed after them.
    for (const r of data.world.residents.slice(0, 300)) {
      const keys = data.book
        .refsForHolder(r.idNumber)
        .map((x) => typeOf.get(data.book.catalog(x).certificateType)!.code)
        .filter((c) => !SCHOOL_CODES.includes(c));
      const firstNew = keys.findIndex((c) => NEW_CODES.includes(c));
      if (firstNew >= 0) expect(keys.slice(firstNew).every((c) => NEW_CODES.includes(c))).toBe(true);
    }
  });
});
