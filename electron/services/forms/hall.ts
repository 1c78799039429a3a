import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The hall's default values for forms (resources/catalog/hall-defaults.json `keys`), as strings. */
export function readHallDefaults(catalogDir: string): Record<string, string> {
  try {
    const j = JSON.parse(readFileSync(join(catalogDir, 'hall-defaults.json'), 'utf8')) as {
      keys?: Record<string, unknown>;
    };
    return Object.fromEntries(
      Object.entries(j.keys ?? {}).flatMap(([k, v]) =>
        typeof v === 'string' || typeof v === 'number' ? [[k, String(v)]] : [],
      ),
    );
  } catch {
    // A catalog checked at load always has the file; without it a form just has no hall defaults.
    return {};
  }
}
