import type { Core } from '../core/core';
import { getSetting, setSetting } from '../core/settings';
import type { ProgramArea, Registry, UsageContext } from '../registry/types';

type Areas = { areas: ProgramArea[]; asOf: string; cached: boolean };

const keyOf = (program: string) => `program.${program}.areas`;

async function one(
  core: Core,
  registry: Registry | undefined,
  usage: UsageContext,
  program: string,
): Promise<Areas | undefined> {
  if (registry) {
    try {
      const areas = registry.programAreas
        ? await registry.programAreas(program, usage)
        : program === 'clean-energy'
          ? await registry.cleanEnergyAreas(usage)
          : undefined;
      if (areas) {
        const asOf = new Date().toISOString();
        setSetting(core.db, keyOf(program), JSON.stringify({ areas, asOf }));
        return { areas, asOf, cached: false };
      }
    } catch {
      // fall through to the last good copy
    }
  }
  const saved = getSetting(core.db, keyOf(program));
  if (!saved) return undefined;
  const { areas, asOf } = JSON.parse(saved) as { areas: ProgramArea[]; asOf: string };
  return { areas, asOf, cached: true };
}

/**
 * The area lists of the programs the catalog declares as evidence sources. They are public data,
 * so the last good copy of each is kept in settings: the address check still works offline, and
 * the certificate states how old the list is. A program with neither is left out (its check is unknown).
 */
export async function programAreas(
  core: Core,
  registry: Registry | undefined,
  usage: UsageContext,
  programs: readonly string[],
): Promise<Record<string, Areas>> {
  const got = await Promise.all(programs.map(async (p) => [p, await one(core, registry, usage, p)] as const));
  return Object.fromEntries(got.filter((g): g is readonly [string, Areas] => g[1] !== undefined));
}
