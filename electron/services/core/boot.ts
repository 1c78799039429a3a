import type { AppInfo } from '../../api/types';
import { loadConfig } from '../config/load';
import { Core } from './core';
import type { SandboxLauncher } from '../training/sandbox-child';
import type { HallLauncher } from '../training/hall-child';
import { wireAccountsAndAudit } from '../wiring/accounts';
import { wireDataKey } from '../wiring/data-key';
import { wireResources } from '../wiring/resources';
import { wireBatch } from '../wiring/batch';
import { wireCases } from '../wiring/cases';
import { wireOutbox } from '../wiring/outbox';
import { wireHall } from '../wiring/hall';
import { wireMeansTest } from '../wiring/meanstest';
import { wireCitizen } from '../wiring/citizen';
import { wirePrinter } from '../wiring/printer';
import { wireReader } from '../wiring/reader';
import { wireSignaturePad } from '../wiring/signature-pad';
import { wireRegistry } from '../wiring/registry';
import { wireWorklists } from '../wiring/worklists';

/** Wraps the data key with an OS facility (Electron safeStorage on the desktop). */
export interface KeyWrap {
  wrap(key: Buffer): Buffer;
  unwrap(blob: Buffer): Buffer;
}

export interface BootOptions {
  host: AppInfo['host'];
  version: string;
  env?: NodeJS.ProcessEnv;
  nativeBinding?: string;
  keyWrap?: KeyWrap;
  /** How to start the training sandbox registry as a child (node fork, or Electron utilityProcess). */
  launchSandbox: SandboxLauncher;
  /** Training: how to start a hall server as a child (paired by itself); none, no training hall. */
  launchHall?: HallLauncher;
  log?: (line: string) => void;
}

/**
 * Builds the core from the environment and starts the services the configuration asks for.
 * Each service that lands adds its start-up here, so both hosts get it at once.
 */
export async function bootCore(o: BootOptions): Promise<Core> {
  const { config, dataDir, source } = loadConfig(o.env ?? process.env);
  const core = new Core({
    config,
    dataDir,
    host: o.host,
    version: o.version,
    nativeBinding: o.nativeBinding,
    log: o.log,
  });
  core.log(`config: ${source}; data: ${dataDir}; mode: ${config.mode}`);
  wireResources(core);
  wireDataKey(core, o.keyWrap);
  // Audit first: every later service records its accesses from its first action on.
  await wireAccountsAndAudit(core, { keyWrap: o.keyWrap });
  await step(core, 'registry', () => wireRegistry(core, o.launchSandbox));
  await step(core, 'reader', () => wireReader(core));
  await step(core, 'printer', () => wirePrinter(core));
  await step(core, 'cases', () => wireCases(core));
  await step(core, 'outbox', () => wireOutbox(core));
  await step(core, 'hall', () => wireHall(core, o.launchHall));
  await step(core, 'worklists', () => wireWorklists(core));
  await step(core, 'batch checks', () => wireBatch(core));
  await step(core, 'means test', () => wireMeansTest(core));
  await step(core, 'signature pad', () => wireSignaturePad(core));
  await step(core, 'citizen screen', () =>
    wireCitizen(core, Number(o.env?.COUNTER_RATING_TIMEOUT_MS ?? process.env.COUNTER_RATING_TIMEOUT_MS) || undefined),
  );
  return core;
}

/** A service that fails to start is logged and left unavailable; the terminal still starts. */
async function step(core: Core, name: string, fn: () => Promise<void> | void): Promise<void> {
  try {
    await fn();
  } catch (err) {
    core.log(`${name} did not start: ${err instanceof Error ? err.message : String(err)}`);
  }
}
