import { Prng } from '../generator/prng';
import type { Resident, World } from '../generator/types';
import type { EconProfile } from './types';

/** The label that keeps the economic draws apart from every other stream. */
export const ECON_STREAM = 'means-econ-v1';

/**
 * A person's economic profile: the demo households' own (world.means), else drawn from a stream
 * seeded by the seed and the ID number alone, so adding residents never changes anyone else's.
 */
export function profileOf(world: World, index: number): EconProfile {
  const own = world.means?.get(index);
  if (own) return own;
  const r = world.residents[index]!;
  return randomProfile(world.seed, r, Number(world.today.slice(0, 4)) - Number(r.birth.slice(0, 4)));
}

function randomProfile(seed: string, r: Resident, age: number): EconProfile {
  const rng = new Prng(`${seed}\u0000${ECON_STREAM}\u0000${r.idNumber}`);
  const adult = age >= 18;
  const working = adult && age < 60 && rng.chance(0.6);
  const taxMonthly = working ? rng.int(25, 150) * 100 : 0;
  const p: EconProfile = {
    taxMonthly,
    vehicles: [],
    roles: [],
    depositBand: adult
      ? rng.weighted([
          [0, 5],
          [1, 3],
          [2, 2],
          [3, 1],
        ] as const)
      : 0,
  };
  if (working && rng.chance(0.6))
    p.housingFund = { account: `GJJ${r.idNumber.slice(-8)}`, status: '正常缴存', base: taxMonthly };
  if (working) p.contributionBase = Math.max(taxMonthly, 4000);
  if (adult && rng.chance(0.3))
    p.vehicles.push({
      plate: `示A${rng.int(10000, 99999)}`,
      type: '小型轿车',
      use: '非营运',
      registered: `20${rng.int(10, 25)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`,
    });
  if (working && rng.chance(0.05))
    p.roles.push({
      company: `示范市${r.name.slice(0, 1)}氏商贸有限公司`,
      creditCode: `91110900MA${r.idNumber.slice(-8)}`,
      role: '法定代表人',
      status: '存续',
    });
  return p;
}
