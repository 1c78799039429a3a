import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppInfo, Language, SessionInfo } from '../../api/types';
import type { CounterConfig } from '../config/schema';
import { openDatabase, type Db } from '../db/open';
import { EventBus } from './bus';
import { StatusStore } from './status';
import { getSetting, setSetting } from './settings';
import type { Services } from '../wiring/services';

export interface CoreOptions {
  config: CounterConfig;
  dataDir: string;
  host: AppInfo['host'];
  version: string;
  /** better_sqlite3.node built for Electron; the web host and tests use the Node build. */
  nativeBinding?: string;
  log?: (line: string) => void;
}

/**
 * Everything the API handlers reach: config, the database, the event bus and device status.
 * Plain Node only, so both hosts and the tests build the same core.
 */
export class Core {
  readonly bus = new EventBus();
  readonly status = new StatusStore(this.bus);
  readonly db: Db;
  session: SessionInfo | null = null;
  /** Started by boot; handlers reach them through need(). */
  readonly services: Services = {};
  resourcesDir = '';
  private readonly closers: Array<() => Promise<void> | void> = [];

  constructor(readonly opts: CoreOptions) {
    mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
    this.db = openDatabase(join(opts.dataDir, 'counter.db'), { nativeBinding: opts.nativeBinding });
    this.closers.push(() => {
      this.db.close();
    });
  }

  get config(): CounterConfig {
    return this.opts.config;
  }

  get training(): boolean {
    return this.opts.config.mode === 'training';
  }

  log(line: string): void {
    (this.opts.log ?? ((l: string) => console.log(l)))(line);
  }

  info(): AppInfo {
    const c = this.opts.config;
    const language = (getSetting(this.db, 'language') as Language | undefined) ?? c.language;
    return {
      version: this.opts.version,
      mode: c.mode,
      host: this.opts.host,
      hall: c.hall,
      counter: c.counter,
      language,
    };
  }

  setLanguage(language: Language): void {
    setSetting(this.db, 'language', language);
  }

  /** Registers a shutdown step; run in reverse order so later services close before the db. */
  onClose(fn: () => Promise<void> | void): void {
    this.closers.push(fn);
  }

  async close(): Promise<void> {
    for (const fn of this.closers.splice(0).reverse()) {
      try {
        await fn();
      } catch (err) {
        this.log(`shutdown step failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
}
