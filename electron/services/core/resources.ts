import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The resources folder: next to the sources in development, beside the bundle in out/, or in the
 * packaged app's resources. COUNTER_RESOURCES_DIR overrides it.
 */
export function findResourcesDir(start = __dirname): string {
  const marker = join('registry', 'license-types.json');
  const candidates: string[] = [];
  if (process.env.COUNTER_RESOURCES_DIR) candidates.push(process.env.COUNTER_RESOURCES_DIR);
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged) candidates.push(join(packaged, 'resources'));
  for (let dir = start, i = 0; i < 6; i++, dir = dirname(dir)) candidates.push(join(dir, 'resources'));
  const found = candidates.find((d) => existsSync(join(d, marker)));
  if (!found) throw new Error(`resources folder not found (looked for ${marker} in: ${candidates.join(', ')})`);
  return found;
}
