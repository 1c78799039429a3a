#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into build/native/<platform>-<arch>/ without touching
// node_modules (which keeps the Node build the tests use). Needs Electron's headers, so run it on a
// machine with access to them: `node scripts/build-electron-sqlite.mjs [arch]`.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './lib.mjs';

const arch = process.argv[2] ?? process.arch;
const electron = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const work = mkdtempSync(join(tmpdir(), 'sqlite-electron-'));
cpSync(join(root, 'node_modules/better-sqlite3'), work, { recursive: true });
execFileSync(
  process.execPath,
  [
    join(root, 'node_modules/node-gyp/bin/node-gyp.js'),
    'rebuild',
    '--release',
    `--target=${electron}`,
    `--arch=${arch}`,
    '--runtime=electron',
    '--dist-url=https://electronjs.org/headers',
  ],
  { cwd: work, stdio: 'inherit' },
);
const out = join(root, 'build/native', `${process.platform}-${arch}`);
mkdirSync(out, { recursive: true });
cpSync(join(work, 'build/Release/better_sqlite3.node'), join(out, 'better_sqlite3.node'));
console.log(`better-sqlite3 for Electron ${electron} (${arch}): ${out}/better_sqlite3.node`);
