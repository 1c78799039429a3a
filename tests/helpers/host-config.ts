import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestSandbox } from './sandbox';

/**
 * A training-mode config file against the test sandbox, in a fresh directory with a data folder
 * beside it that outlives the host (for kill-and-restart tests): the environment a web host is
 * started with. `printer` defaults to the virtual printer.
 */
export function trainingHostEnv(o: {
  sandbox: Pick<TestSandbox, 'url' | 'appKey' | 'appSecret'>;
  hall: { id: string; name: string };
  counter: string;
  printer?: Record<string, unknown>;
}): { COUNTER_CONFIG: string; COUNTER_DATA_DIR: string } {
  const dir = mkdtempSync(join(tmpdir(), `counter-${o.hall.id.toLowerCase()}-`));
  const config = join(dir, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      mode: 'training',
      hall: o.hall,
      counter: o.counter,
      registry: { url: o.sandbox.url, appKey: o.sandbox.appKey, appSecret: o.sandbox.appSecret },
      printer: o.printer ?? { backend: 'virtual' },
    }),
  );
  return { COUNTER_CONFIG: config, COUNTER_DATA_DIR: join(dir, 'data') };
}
