import { spawn, type ChildProcess } from 'node:child_process';
import { awaitReadyLine } from './ready-line';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const WEB_HOST = resolve(__dirname, '../../out/main/web-host.js');

export interface HostProcess {
  url: string;
  origin: string;
  dataDir: string;
  proc: ChildProcess;
  output: () => string;
}

/** Starts the built web host as its own process, as `npm run web` does, and waits for its ready line. */
export async function startHostProcess(env: Record<string, string> = {}): Promise<HostProcess> {
  const dataDir = env.COUNTER_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'counter-e2e-'));
  if (!existsSync(WEB_HOST)) throw new Error(`${WEB_HOST} is missing: run "npm run build" first`);
  const proc = spawn(process.execPath, [WEB_HOST, '--port', '0'], {
    env: { ...process.env, COUNTER_CONFIG: '', ...env, COUNTER_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ready = awaitReadyLine(proc, 30_000);
  const url = await ready.url;
  return { url, origin: new URL(url).origin, dataDir, proc, output: ready.output };
}
