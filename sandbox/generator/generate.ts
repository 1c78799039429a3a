import { WorldBuilder } from './builder';
import { todayInChina } from './dates';
import { addBenefitDemoResidents } from './benefit-demo';
import { addDemoResidents } from './demo';
import { addMeansDemoHouseholds } from './means-demo';
import { addPensions } from './pensions';
import { loadPlaces } from './places';
import { addPersonalLicenses } from './personal';
import { addRandomHousehold } from './population';
import { Prng } from './prng';
import { addSchoolData } from './school';
import type { World } from './types';

export const DEFAULT_SEED = 'demo-city';
export const DEFAULT_RESIDENTS = 400;
/** The random population's ages count from this fixed date, so it is identical whatever day it is built. */
export const POPULATION_ANCHOR = '2026-07-01';

export interface GenerateOptions {
  seed?: string;
  /** Approximate number of residents (households are added until it is reached). */
  residents?: number;
  /** Reference date (YYYY-MM-DD) for the demo residents whose point is an age; default today in China. */
  today?: string;
}

/** Same seed and reference date -> same world, byte for byte. */
export function generateWorld(opts: GenerateOptions = {}): World {
  const seed = opts.seed ?? DEFAULT_SEED;
  const target = opts.residents ?? DEFAULT_RESIDENTS;
  const b = new WorldBuilder(new Prng(seed), POPULATION_ANCHOR, seed, opts.today ?? todayInChina(), loadPlaces());
  addDemoResidents(b);
  const firstRandom = b.world.residents.length;
  while (b.world.residents.length < target) addRandomHousehold(b);
  // Pensions derive from age and ID number without a draw; the benefit demo residents use a stream of their own.
  addPensions(b.world, firstRandom, POPULATION_ANCHOR);
  const benefitDemo = addBenefitDemoResidents(b, seed);
  // Last, and from its own PRNG stream: everything above draws exactly what it drew before these existed.
  b.world.personal = addPersonalLicenses(b.world, seed, POPULATION_ANCHOR, firstRandom);
  benefitDemo.grantPersonal(b.world);
  // After everything, from its own stream: the means-test households hold no personal licenses.
  addMeansDemoHouseholds(b, seed);
  // Last of all, from its own stream: leases and social-insurance months change nothing above.
  b.world.school = addSchoolData(b.world, seed, POPULATION_ANCHOR, firstRandom);
  return b.world;
}
