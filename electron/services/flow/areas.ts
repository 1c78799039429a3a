import type { Core } from '../core/core';
import { getSetting, setSetting } from '../core/settings';
import type { ProgramArea, Registry, UsageContext } from '../registry/types';

const KEY = 'program.clean-energy.areas';

/**
 * The program's area list is public data, so the last good copy is kept in settings: the
 * address check still works offline, and the certificate states how old the list is.
 */
export async function programAreas(core: Core, registry: Registry | undefined, usage: UsageContext): Promise<{ areas: ProgramArea[]; asOf: string; cached: boolean } | undefined> {
  if (registry) {
    try {
      const areas = await registry.cleanEnergyAreas(usage);
      const asOf = new Date().toISOString();
      setSetting(core.db, KEY, JSON.stringify({ areas, asOf }));
      return { areas, asOf, cached: false };
    } catch {
      // fall through to the last good copy
    }
  }
  const saved = getSetting(core.db, KEY);
  if (!saved) return undefined;
  const { areas, asOf } = JSON.parse(saved) as { areas: ProgramArea[]; asOf: string };
  return { areas, asOf, cached: true };
}
