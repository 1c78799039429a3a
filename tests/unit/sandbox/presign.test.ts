import { describe, expect, it } from 'vitest';
import { SandboxData } from '../../../sandbox/data';

const NO_FAULTS = { brokenSignature: false, unknownIssuer: false };
const WORLD = { seed: 'presign', residents: 600 };

/**
 * `presign` signs the world before serving, as a registry holds its licenses signed since issue:
 * what it serves must be byte-for-byte what signing on demand serves, for the types asked and for
 * the others (signed on first fetch as before), and faults still apply after signing.
 */
describe('the sandbox signs its licenses up front (presign)', () => {
  const cold = new SandboxData(WORLD);
  const warm = new SandboxData(WORLD);
  const refs = [...warm.book.allRefs()];
  const types = ['111002', '116003'];
  const r = warm.presign(types);
  const wanted = refs.filter((x) => types.includes(warm.book.typeCode(x)));

  it('signs exactly the licenses of the types asked', () => {
    expect(wanted.length).toBeGreaterThan(50);
    expect(r.signed).toBe(wanted.length);
  });

  it('serves the same licenses as signing on demand, presigned or not', () => {
    const some = refs.filter((_, i) => i % 7 === 0);
    expect(warm.licenses(some, NO_FAULTS)).toEqual(cold.licenses(some, NO_FAULTS));
    expect(warm.licenses(wanted, NO_FAULTS)).toEqual(cold.licenses(wanted, NO_FAULTS));
  });

  it('still applies the signature faults to presigned licenses', () => {
    const one = wanted.slice(0, 3);
    const ok = warm.licenses(one, NO_FAULTS);
    const rogue = warm.licenses(one, { brokenSignature: false, unknownIssuer: true });
    expect(rogue.map((l) => l.digitalSign.signer)).not.toEqual(ok.map((l) => l.digitalSign.signer));
    const broken = warm.licenses(one, { brokenSignature: true, unknownIssuer: false });
    expect(broken.map((l) => l.surface.address)).not.toEqual(ok.map((l) => l.surface.address));
    // …and the memo was not touched by the faulted calls.
    expect(warm.licenses(one, NO_FAULTS)).toEqual(ok);
  });

  it('serves the stored texts of presigned licenses exactly as it would serialise them', () => {
    // Presigned and not, a license twice, and a demo resident whose licenses are tampered (baked in).
    const tampered = warm.world.residents.find((x) => x.licenseFault === 'tampered-all');
    expect(tampered, 'a demo resident whose licenses are all tampered').toBeDefined();
    const some = [...wanted.slice(0, 30), ...refs.filter((_, i) => i % 11 === 0), wanted[0]!];
    some.push(...warm.book.refsForHolder(tampered!.idNumber));
    expect(warm.licenseTexts(some, NO_FAULTS)).toEqual(cold.licenses(some, NO_FAULTS).map((l) => JSON.stringify(l)));
    for (const f of [
      { brokenSignature: true, unknownIssuer: false },
      { brokenSignature: false, unknownIssuer: true },
    ])
      expect(warm.licenseTexts(wanted.slice(0, 5), f)).toEqual(
        cold.licenses(wanted.slice(0, 5), f).map((l) => JSON.stringify(l)),
      );
  });

  it('stops at the memo bound', () => {
    const small = new SandboxData(WORLD, 40);
    expect(small.presign().signed).toBe(40);
  });
});
