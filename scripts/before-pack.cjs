// electron-builder beforePack: put the Electron-ABI better-sqlite3 for the target arch where
// extraResources picks it up (build/native/better_sqlite3.node), or stop with the command to run.
const { cpSync, existsSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');
const { Arch } = require('electron-builder');

exports.default = async function beforePack(context) {
  const arch = Arch[context.arch];
  const platform = context.electronPlatformName;
  const src = join(__dirname, '..', 'build/native', `${platform}-${arch}`, 'better_sqlite3.node');
  if (!existsSync(src)) {
    throw new Error(`Missing ${src}. Run on a ${platform} machine: node scripts/build-electron-sqlite.mjs ${arch}`);
  }
  mkdirSync(join(__dirname, '..', 'build/native'), { recursive: true });
  cpSync(src, join(__dirname, '..', 'build/native/better_sqlite3.node'));
};
