import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

let configured: string | undefined;

/**
 * The packaged app keeps resources/ next to app.asar (process.resourcesPath); services never
 * import electron, so the main process passes that directory in here once at startup.
 */
export function setResourcesDir(dir: string): void {
  configured = resolve(dir);
}

/** Explicit setting, then COUNTER_RESOURCES_DIR, then the nearest resources/ above cwd or this file. */
export function resourcesDir(): string {
  if (configured) return configured;
  const env = process.env.COUNTER_RESOURCES_DIR;
  if (env) return resolve(env);
  const starts = [process.cwd()];
  if (typeof __dirname === 'string') starts.push(__dirname);
  for (const start of starts) {
    let dir = resolve(start);
    for (;;) {
      const candidate = join(dir, 'resources');
      if (existsSync(join(candidate, 'templates'))) return candidate;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return resolve('resources');
}
