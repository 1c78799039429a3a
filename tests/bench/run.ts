import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchGroup } from './types';

// Every tests/bench/*.bench.ts exports `groups: BenchGroup[]`; discovering them keeps areas from editing a shared index.
async function loadGroups(): Promise<BenchGroup[]> {
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort();
  const out: BenchGroup[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(__dirname, f)).href)) as { groups?: BenchGroup[] };
    out.push(...(mod.groups ?? []));
  }
  return out;
}

// Prints one JSON object per line; the prefix filter selects figures by name.
async function main(): Promise<void> {
  const prefix = process.argv[2] ?? '';
  const groups = await loadGroups();
  const selected = groups.filter((g) => g.names.some((n) => n.startsWith(prefix)));
  if (selected.length === 0) {
    console.error(
      `no benchmark name starts with "${prefix}"; known: ${groups.flatMap((g) => g.names).join(', ') || 'none yet'}`,
    );
    process.exit(2);
  }
  for (const g of selected) {
    for (const r of await g.run()) {
      if (r.name.startsWith(prefix)) console.log(JSON.stringify(r));
    }
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
