'use strict';
/**
 * electron-builder afterPack hook: flips Electron's fuses in the packed binary, before signing.
 * Wire it with `afterPack: scripts/after-pack.cjs` in electron-builder.yml.
 *
 * - RunAsNode off: ELECTRON_RUN_AS_NODE cannot turn the signed app into a general Node runtime.
 * - NODE_OPTIONS and --inspect off: no code injection or debugger attach through the environment
 *   or the command line of a shortcut.
 * - Embedded asar integrity on + only load from asar: the app code cannot be swapped on disk.
 * - Cookie encryption on: the session store is encrypted with the OS keychain.
 */
const { join } = require('node:path');

/** The fuse settings, as the options object @electron/fuses expects. */
function fuseConfig(fuses) {
  const { FuseV1Options: O, FuseVersion } = fuses;
  return {
    version: FuseVersion.V1,
    [O.RunAsNode]: false,
    [O.EnableNodeOptionsEnvironmentVariable]: false,
    [O.EnableNodeCliInspectArguments]: false,
    [O.EnableEmbeddedAsarIntegrityValidation]: true,
    [O.OnlyLoadAppFromAsar]: true,
    [O.EnableCookieEncryption]: true,
  };
}

/** Path of the Electron executable inside the packed output for the target platform. */
function electronBinary(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(context.appOutDir, `${name}.app`);
    case 'win32':
      return join(context.appOutDir, `${name}.exe`);
    default:
      return join(context.appOutDir, context.packager.executableName);
  }
}

async function applyFuses(context, fuses) {
  const config = fuseConfig(fuses);
  // Flipping fuses invalidates an ad-hoc macOS signature; reset it so arm64 builds still launch.
  if (context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas')
    config.resetAdHocDarwinSignature = true;
  await fuses.flipFuses(electronBinary(context), config);
}

module.exports = async function afterPack(context) {
  await applyFuses(context, require('@electron/fuses'));
};
module.exports.applyFuses = applyFuses;
module.exports.fuseConfig = fuseConfig;
module.exports.electronBinary = electronBinary;
module.exports.default = module.exports;
