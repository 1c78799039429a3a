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

  it('stops at the memo bound', () => {
    const small = new SandboxData(WORLD, 40);
    expect(small.presign().signed).toBe(40);
  });
});
