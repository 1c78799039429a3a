#!/usr/bin/env node
// `npm run bench [-- prefix]`: runs the TypeScript benchmarks through tsx.
import { spawnSync } from 'node:child_process';

const r = spawnSync(process.execPath, ['--import', 'tsx', 'tests/bench/run.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
