import type { AppInfo } from '../../api/types';
import { loadConfig } from '../config/load';
import { Core } from './core';

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
  log?: (line: string) => void;
}

/**
 * Builds the core from the environment and starts the services the configuration asks for.
 * Each service that lands adds its start-up here, so both hosts get it at once.
 */
export async function bootCore(o: BootOptions): Promise<Core> {
  const { config, dataDir, source } = loadConfig(o.env ?? process.env);
  const core = new Core({ config, dataDir, host: o.host, version: o.version, nativeBinding: o.nativeBinding, log: o.log });
  core.log(`config: ${source}; data: ${dataDir}; mode: ${config.mode}`);
  return core;
}
