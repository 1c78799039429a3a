import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Core } from '../../electron/services/core/core';
import { trainingConfig, type CounterConfig } from '../../electron/services/config/schema';
import { startWebHost, type WebHost } from '../../electron/web/server';

export interface TestHost extends WebHost {
  core: Core;
  dataDir: string;
  stop(): Promise<void>;
}

/** A real core over a temp data dir behind the real web host on a free loopback port. */
export async function startTestHost(config: CounterConfig = trainingConfig): Promise<TestHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'counter-host-'));
  let rendererDir = resolve(__dirname, '../../out/renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    rendererDir = join(dataDir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>test</title>');
  }
  const core = new Core({ config, dataDir, host: 'web', version: 'test', log: () => undefined });
  const host = await startWebHost({ core, rendererDir, port: 0 });
  return {
    ...host,
    core,
    dataDir,
    stop: async () => {
      await host.close();
      await core.close();
    },
  };
}
