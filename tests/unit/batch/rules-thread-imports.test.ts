import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');

/** The modules a file loads when it runs: value imports and re-exports, not `import type`. */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  const re = /^(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1]!);
  return out;
}

function resolveLocal(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  for (const f of [`${base}.ts`, join(base, 'index.ts'), base]) if (existsSync(f) && f.endsWith('.ts')) return f;
  return undefined;
}

/** Every package the file's runtime import graph reaches, with one path to it. */
function packagesReached(entry: string): Map<string, string[]> {
  const seen = new Set<string>();
  const packages = new Map<string, string[]>();
  const walk = (file: string, path: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of runtimeImports(file)) {
      if (spec.startsWith('.')) {
        const next = resolveLocal(file, spec);
        if (next) walk(next, [...path, next.slice(ROOT.length + 1)]);
      } else if (!spec.startsWith('node:') && !packages.has(spec)) packages.set(spec, path);
    }
  };
  walk(entry, [entry.slice(ROOT.length + 1)]);
  return packages;
}

/**
 * The rules thread starts with every batch run, while the first answers arrive and both cores are
 * busy: it loads the rules engine and CEL, and nothing it does not use. The catalog's schemas
 * (zod, with its locales) cost ~150 ms of CPU to load, for nothing: the item arrives checked.
 */
describe("the rules thread's imports", () => {
  it('reach the expression language but not zod', () => {
    const reached = packagesReached(join(ROOT, 'electron/services/batch/rules-worker.ts'));
    expect([...reached.keys()]).toContain('@bufbuild/cel');
    expect(reached.get('zod'), `zod is reached through ${reached.get('zod')?.join(' → ')}`).toBeUndefined();
  });
});
