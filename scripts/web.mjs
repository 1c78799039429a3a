#!/usr/bin/env node
// `npm run web -- --port N`: the loopback web host (same API as the desktop) serving the built UI.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuilt, root } from './lib.mjs';

ensureBuilt();
const child = spawn(process.execPath, [join(root, 'out/main/web-host.js'), ...process.argv.slice(2)], {
  stdio: 'inherit',
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 1));
