import { addDays } from './dates';
import { Prng } from './prng';
import type { World } from './types';

/**
 * What a school-enrolment check reads beyond identity and property: registered leases
 * (房屋租赁登记备案) and social-insurance contribution months. Drawn last, from a PRNG stream of
 * its own (seed + label), so every resident, household, property and personal license drawn
 * before stays exactly as it was. Only the random population gets any: the named, benefit and
 * means-test demo residents' license sets are fixtures that tests list in full.
 */
export interface SchoolData {
  /** Per household: 1 when its head leases the registered address (a registered lease), else 0. */
  lease: Uint8Array;
  /** Per household: the lease's start, as days before the anchor. */
  leaseAge: Uint16Array;
  /** Per resident: months of social insurance paid in the city; 0 for no record. */
  months: Uint16Array;
}

export const SCHOOL_STREAM = 'school-enrolment-v1';

export function emptySchool(): SchoolData {
  return { lease: new Uint8Array(0), leaseAge: new Uint16Array(0), months: new Uint16Array(0) };
}

export function addSchoolData(world: World, seed: string, anchor: string, firstRandom: number): SchoolData {
  const rng = new Prng(`${seed}\u0000${SCHOOL_STREAM}`);
  const { residents, households, properties } = world;
  const endResident = world.benefitDemo?.resident ?? residents.length;
  const endHousehold = world.benefitDemo?.household ?? households.length;
  const months = new Uint16Array(residents.length);
  for (let i = firstRandom; i < endResident; i++) {
    const r = residents[i]!;
    const draw = rng.next();
    if (r.cardKind !== 'resident') continue;
    const age = Number(anchor.slice(0, 4)) - Number(r.birth.slice(0, 4));
    // Working age: most pay; one in five of those paying has paid under a year (a newcomer).
    if (age < 18 || age >= 60 || draw >= 0.85) continue;
    months[i] = draw < 0.17 ? 1 + Math.floor((draw / 0.17) * 11) : 12 + Math.floor(((draw - 0.17) / 0.68) * 228);
  }
  const lease = new Uint8Array(households.length);
  const leaseAge = new Uint16Array(households.length);
  for (let h = 0; h < endHousehold; h++) {
    const hh = households[h]!;
    const draw = rng.next();
    if (hh.members[0]! < firstRandom) continue;
    // A household that owns its registered address needs no lease; of the others, most lease it.
    const owns = hh.members.some((m) => residents[m]!.properties.some((p) => properties[p]!.address === hh.address));
    if (owns || draw >= 0.7) continue;
    lease[h] = 1;
    leaseAge[h] = 30 + Math.floor((draw / 0.7) * 1500);
  }
  return { lease, leaseAge, months };
}

/** The lease's term: from its start for three years. */
export function leaseTerm(s: SchoolData, household: number, anchor: string): { from: string; to: string } {
  const from = addDays(anchor, -s.leaseAge[household]!);
  return { from, to: addDays(from, 3 * 365) };
}
