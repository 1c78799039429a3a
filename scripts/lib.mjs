// Shared helpers for the npm scripts (plain Node so they run before anything is built).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('..', import.meta.url).pathname;

function newestMtime(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds main, preload and renderer with electron-vite when the sources are newer than out/. */
export function ensureBuilt({ force = false } = {}) {
  const marker = join(root, 'out/renderer/index.html');
  const built = existsSync(marker) ? statSync(marker).mtimeMs : 0;
  const src = Math.max(
    ...['electron', 'renderer', 'native', 'protocol', 'sandbox', 'resources'].map((d) => newestMtime(join(root, d))),
  );
  if (!force && built > src) return;
  const r = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) {
    console.error('Build failed: see the errors above (npx electron-vite build).');
    process.exit(r.status ?? 1);
  }
}

/** The Electron binary, if one is installed; never triggers a download by itself. */
export function electronBinary() {
  const dir = join(root, 'node_modules/electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const p = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(dir, 'dist'), readFileSync(pathFile, 'utf8').trim());
  return existsSync(p) ? p : null;
}

export function hasDisplay() {
  if (process.platform !== 'linux') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}
