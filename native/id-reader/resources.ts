import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { z } from 'zod';
import { ReaderError } from './errors';

let configured: string | undefined;

/**
 * The packaged app keeps resources/ next to app.asar; the main process passes that directory in
 * once at startup (drivers never import electron). Tests and tsx runs find it from cwd.
 */
export function setIdReaderResourcesDir(resourcesDir: string): void {
  configured = resolve(resourcesDir, 'id-reader');
  cache.clear();
}

function dir(): string {
  if (configured) return configured;
  const env = process.env.COUNTER_RESOURCES_DIR;
  if (env) return resolve(env, 'id-reader');
  const starts = [process.cwd(), ...(typeof __dirname === 'string' ? [__dirname] : [])];
  for (const start of starts) {
    for (let d = resolve(start); ; d = dirname(d)) {
      const candidate = join(d, 'resources', 'id-reader');
      if (existsSync(join(candidate, 'nations.json'))) return candidate;
      if (dirname(d) === d) break;
    }
  }
  return resolve('resources', 'id-reader');
}

const cache = new Map<string, unknown>();

/** Reads and validates one JSON file of resources/id-reader once per process. */
export function loadResource<T>(file: string, schema: z.ZodType<T>): T {
  const hit = cache.get(file);
  if (hit !== undefined) return hit as T;
  const path = join(dir(), file);
  let parsed: T;
  try {
    parsed = schema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (e) {
    throw new ReaderError(
      'RESOURCE_INVALID',
      `Reader data file ${path} is missing or invalid (${e instanceof Error ? e.message : String(e)}); reinstall the app or fix the file.`,
      { cause: e },
    );
  }
  cache.set(file, parsed);
  return parsed;
}
