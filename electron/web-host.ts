import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from './api/errors';
import { bootCore } from './services/core/boot';
import { findResourcesDir } from './services/core/resources';
import { nodeSandboxLauncher } from './services/training/sandbox-child';
import { nodeHallLauncher } from './services/training/hall-child';
import { startWebHost } from './web/server';

/** The renderer build sits in out/renderer whether we run from source (tsx) or from the bundle. */
function rendererDir(): string {
  const candidates = [
    process.env.COUNTER_RENDERER_DIR,
    resolve(__dirname, '../renderer'),
    resolve(__dirname, '../out/renderer'),
  ];
  const found = candidates.find((d): d is string => !!d && existsSync(join(d, 'index.html')));
  if (!found)
    throw new AppError(
      'APP_NO_RENDERER',
      'The user interface is not built; run `npx electron-vite build` (npm start does this for you).',
    );
  return found;
}

function version(): string {
  for (const p of [resolve(__dirname, '../package.json'), resolve(__dirname, '../../package.json')]) {
    if (existsSync(p)) return (JSON.parse(readFileSync(p, 'utf8')) as { version: string }).version;
  }
  return '0.0.0';
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '5780' } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new AppError('CONFIG_PORT', `--port must be 0-65535, got "${values.port}".`);
  const dir = rendererDir();
  const core = await bootCore({
    host: 'web',
    version: version(),
    launchSandbox: nodeSandboxLauncher(__dirname, resolve(findResourcesDir(), '..')),
    launchHall: nodeHallLauncher(__dirname, resolve(findResourcesDir(), '..')),
  });
  const host = await startWebHost({ core, rendererDir: dir, port });
  // Printed before the ready line, so whoever waits for that line already has this one.
  console.log(`Citizen screen: ${host.citizenUrl}`);
  console.log(`Counter terminal ready: ${host.url}`);
  const stop = () => {
    void host
      .close()
      .then(() => core.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  const code = err && typeof err === 'object' && 'code' in err ? ` [${String((err as { code: unknown }).code)}]` : '';
  console.error(`Counter terminal could not start${code}: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
