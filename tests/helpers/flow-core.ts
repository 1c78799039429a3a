import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dispatch } from '../../electron/api/dispatch';
import { bootCore } from '../../electron/services/core/boot';
import type { Core } from '../../electron/services/core/core';
import { nodeSandboxLauncher } from '../../electron/services/training/sandbox-child';

export interface FlowCoreOptions {
  registry: { url: string; appKey: string; appSecret: string };
  /** A CUPS queue to print to (with CUPS_SERVER set in the environment), else the virtual printer. */
  printerQueue?: string;
  hallId?: string;
}

/** A whole terminal core, booted as the hosts boot it, with the training clerk signed in. */
export async function startFlowCore(o: FlowCoreOptions): Promise<{ core: Core; call: (op: string, args?: unknown) => Promise<unknown>; dataDir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'counter-flow-'));
  const config = join(dir, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      mode: 'training',
      hall: { id: o.hallId ?? 'BENCH01', name: '基准测试大厅' },
      counter: 'B-01',
      registry: { url: o.registry.url, appKey: o.registry.appKey, appSecret: o.registry.appSecret, timeoutMs: 3000 },
      printer: o.printerQueue ? { backend: 'cups', a4: o.printerQueue } : { backend: 'virtual' },
    }),
  );
  const dataDir = join(dir, 'data');
  const core = await bootCore({
    host: 'web',
    version: 'test',
    env: { ...process.env, COUNTER_CONFIG: config, COUNTER_DATA_DIR: dataDir },
    launchSandbox: nodeSandboxLauncher(__dirname, resolve(__dirname, '../..')),
    log: () => undefined,
  });
  const call = async (op: string, args: unknown = {}) => {
    const r = await dispatch({ core, host: 'web' }, op, args);
    if (!r.ok) throw Object.assign(new Error(`${op}: ${r.error.code} ${r.error.message}`), { code: r.error.code });
    return r.value;
  };
  await call('auth.signIn', { userId: 'demo-clerk', password: 'training-123' });
  return { core, call, dataDir };
}
