import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/**
 * Issue 10 §3 held by rule: services live on core.services, typed. A per-core side registry or a
 * cast of a service would bring back what the typed composition root removed.
 */
describe('the composition root stays the only registry of services', () => {
  const files = [...sources(join(ROOT, 'electron', 'services')), ...sources(join(ROOT, 'electron', 'api'))];

  it('no module keeps state keyed by the core (WeakMap<Core, …>)', () => {
    const found = files.filter((f) => /WeakMap<\s*Core\b/.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f));
    expect(found).toEqual([]);
  });

  it('no service is reached through a cast', () => {
    const found = files
      .filter((f) => /services\.\w+\s+as\s/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f));
    expect(found).toEqual([]);
  });

  it('the services object has no index signature', () => {
    const text = readFileSync(join(ROOT, 'electron', 'services', 'wiring', 'services.ts'), 'utf8');
    expect(text).not.toMatch(/\[key: string\]/);
  });
});
