import { describe, expect, it } from 'vitest';
import { SandboxData } from '../../../sandbox/data';

const TODAY = '2026-11-23';

/**
 * Leases and social-insurance months come from a stream of their own after everything else, so
 * the rest of the world (and the demo residents' license sets) is as it was without them.
 */
describe('sandbox school-enrolment data (leases, social-insurance months)', () => {
  const data = new SandboxData({ residents: 3000, today: TODAY });
  const { world, book } = data;
  const school = world.school!;

  it('is deterministic', () => {
    const again = new SandboxData({ residents: 3000, today: TODAY }).world.school!;
    expect(Buffer.from(again.months.buffer).equals(Buffer.from(school.months.buffer))).toBe(true);
    expect(Buffer.from(again.lease).equals(Buffer.from(school.lease))).toBe(true);
  });

  it('gives the named demo residents nothing, and lists the new types after all the others', () => {
    for (const r of world.residents.filter((x) => x.demonstrates)) {
      const keys = book.refsForHolder(r.idNumber).map((x) => x.key);
      expect(keys, r.name).not.toContain('lease');
      expect(keys, r.name).not.toContain('social_insurance');
    }
    for (const r of world.residents.slice(0, 2000)) {
      const keys = book.refsForHolder(r.idNumber).map((x) => x.key as string);
      const i = keys.findIndex((k) => k === 'lease' || k === 'social_insurance');
      if (i >= 0) expect(keys.slice(i).every((k) => k === 'lease' || k === 'social_insurance')).toBe(true);
    }
  });

  it('has leases only where the household owns no home at its address, and months only at working age', () => {
    const leased = [...school.lease.keys()].filter((h) => school.lease[h]);
    expect(leased.length).toBeGreaterThan(50);
    for (const h of leased) {
      const hh = world.households[h]!;
      const owns = hh.members.some((m) =>
        world.residents[m]!.properties.some((p) => world.properties[p]!.address === hh.address),
      );
      expect(owns).toBe(false);
      // Every member finds the lease and is on it.
      const lease = book.refsForHolder(world.residents[hh.members.at(-1)!]!.idNumber).find((x) => x.key === 'lease')!;
      const tenants = book.unsigned(lease, false).surface.tenants as Array<{ idNumber: string }>;
      expect(tenants.map((t) => t.idNumber)).toEqual(hh.members.map((m) => world.residents[m]!.idNumber));
    }
    const paying = [...school.months.keys()].filter((i) => school.months[i]);
    expect(paying.some((i) => school.months[i]! < 12)).toBe(true);
    expect(paying.some((i) => school.months[i]! >= 12)).toBe(true);
    for (const i of paying) {
      const age = Number(TODAY.slice(0, 4)) - Number(world.residents[i]!.birth.slice(0, 4));
      expect(age).toBeGreaterThanOrEqual(18);
      expect(age).toBeLessThanOrEqual(61);
    }
  });
});
