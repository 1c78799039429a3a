#!/usr/bin/env node
// `npm start`: the desktop app where an Electron binary and a display exist, else the web host.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { electronBinary, ensureBuilt, hasDisplay, root } from './lib.mjs';

ensureBuilt();
let bin = electronBinary();
if (!bin && !process.env.CI) {
  // Electron downloads its binary lazily; one quiet try, which fails at once on a machine without access.
  spawnSync(process.execPath, [join(root, 'node_modules/electron/install.js')], { stdio: 'ignore', timeout: 180_000 });
  bin = electronBinary();
}
const why = !bin
  ? 'no Electron binary is installed (it could not be downloaded)'
  : !hasDisplay()
    ? 'there is no display'
    : null;
const args = why ? [join(root, 'out/main/web-host.js'), ...process.argv.slice(2)] : [root, ...process.argv.slice(2)];
if (why)
  console.log(
    `Desktop app not started: ${why}; starting the web host instead — open the address below in a browser on this PC.`,
  );
const child = spawn(why ? process.execPath : bin, args, { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 1));
