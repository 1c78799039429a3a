import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Role } from '../../electron/api/types';
import { trainingConfig, type CounterConfig } from '../../electron/services/config/schema';
import { bootCore } from '../../electron/services/core/boot';
import { Core } from '../../electron/services/core/core';
import { nodeSandboxLauncher } from '../../electron/services/training/sandbox-child';
import { startAccounts, resetSignInLimits, type AccountsOptions } from '../../electron/services/accounts';
import { startAccountsAndAudit } from '../../electron/services/accounts/boot';
import { hashPassword } from '../../electron/services/accounts/password';
import { insertAccount } from '../../electron/services/accounts/store';
import { inProcess, unwrapping, type ApiCall, type RawCall } from './api';

/** scrypt at 2^10 so tests that sign in hundreds of times stay fast; the format and code path are the real ones. */
export const FAST_KDF = { logN: 10, r: 8, p: 1 };
export const PASSWORD = 'Correct-horse-9';

export interface Fixture {
  core: Core;
  dir: string;
  /** The core's data folder (a sub-folder of `dir` for a booted core). */
  dataDir: string;
  logs: string[];
  /** Typed from the contract. */
  call: ApiCall;
  /** The value of a call that must succeed; a failure throws with its code. */
  callOk: ReturnType<typeof unwrapping>;
  /** Any name, any input: for calls the contract forbids on purpose. */
  callAny: RawCall;
  /** Creates a real account (not needing a password change) directly in the db. */
  addAccount(id: string, roles: Role[], opts?: { mustChange?: boolean; password?: string }): Promise<void>;
  signInAs(id: string, password?: string): Promise<void>;
  close(): Promise<void>;
}

/** Boots every service (registry, reader, printer, desk) from a config file, as the hosts do. */
export interface BootOptions {
  registry: { url: string; appKey: string; appSecret: string };
  /** A CUPS queue to print to (with CUPS_SERVER set in the environment), else the virtual printer. */
  printerQueue?: string;
  /** A CUPS queue for CR80 cards (senior cards); without it cards go where the printer service picks. */
  cardQueue?: string;
  hallId?: string;
  /** The window (counter) number; B-01 by default. */
  counter?: string;
  /** Also send submissions to this registry's department back-office (/dept/v1), as training does with its own sandbox. */
  departments?: boolean;
  /** The station's area (config `station.area`), the default of a worklist's area. */
  stationArea?: string;
}

export interface CoreOptions {
  mode?: 'training' | 'production';
  config?: Partial<CounterConfig>;
  accounts?: AccountsOptions;
  /** Boot the whole terminal (training mode, the demo clerk signed in) instead of a bare core with accounts. */
  boot?: BootOptions;
}

/**
 * The one Core builder of the tests, over a fresh temp folder. Bare (the default): a Core with
 * accounts and audit, fast, for access and account tests. With `boot`: the whole terminal as
 * the hosts boot it, for flow tests and benchmarks.
 */
export async function makeCore(o: CoreOptions = {}): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), o.boot ? 'counter-flow-' : 'counter-auth-'));
  const logs: string[] = [];
  let core: Core;
  let dataDir = dir;
  if (o.boot) {
    dataDir = join(dir, 'data');
    core = await bootCore({
      host: 'web',
      version: '0.0.0-test',
      env: { ...process.env, COUNTER_CONFIG: writeBootConfig(dir, o.boot), COUNTER_DATA_DIR: dataDir },
      launchSandbox: nodeSandboxLauncher(__dirname, resolve(__dirname, '../..')),
      log: (l) => logs.push(l),
    });
  } else {
    const config: CounterConfig = { ...trainingConfig, mode: o.mode ?? 'production', ...o.config };
    core = new Core({ config, dataDir: dir, host: 'web', version: '0.0.0-test', log: (l) => logs.push(l) });
    startAccounts(core, { kdf: FAST_KDF, ...o.accounts });
    await startAccountsAndAudit(core);
  }
  const { call, raw: callAny } = inProcess(core);
  const f: Fixture = {
    core,
    dir,
    dataDir,
    logs,
    call,
    callOk: unwrapping(call),
    callAny,
    async addAccount(id, roles, a = {}) {
      insertAccount(core.db, {
        id,
        displayName: id,
        roles,
        password: await hashPassword(a.password ?? PASSWORD, FAST_KDF),
        mustChange: a.mustChange ?? false,
      });
    },
    async signInAs(id, password = PASSWORD) {
      if (core.session) await call('auth.signOut');
      resetSignInLimits(core);
      const r = await call('auth.signIn', { userId: id, password });
      if (!r.ok) throw new Error(`sign-in as ${id} failed: ${r.error.code} ${r.error.message}`);
    },
    async close() {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  if (o.boot) await f.signInAs('demo-clerk', 'training-123');
  return f;
}

function writeBootConfig(dir: string, b: BootOptions): string {
  const file = join(dir, 'config.json');
  writeFileSync(
    file,
    JSON.stringify({
      mode: 'training',
      hall: { id: b.hallId ?? 'BENCH01', name: '基准测试大厅' },
      counter: b.counter ?? 'B-01',
      registry: { url: b.registry.url, appKey: b.registry.appKey, appSecret: b.registry.appSecret, timeoutMs: 3000 },
      printer: b.printerQueue
        ? { backend: 'cups', a4: b.printerQueue, ...(b.cardQueue ? { card: b.cardQueue } : {}) }
        : { backend: 'virtual' },
      ...(b.stationArea ? { station: { area: b.stationArea } } : {}),
      ...(b.departments
        ? { departments: { url: b.registry.url, appKey: b.registry.appKey, appSecret: b.registry.appSecret } }
        : {}),
    }),
  );
  return file;
}
