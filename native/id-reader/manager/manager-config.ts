import type { CardRead } from '../card';
import type { ReaderError } from '../errors';
import type { Simulator } from '../sim/simulator';
import type { HidBinding } from '../transport/hid-binding';
import type { UsbLike } from '../transport/usb-binding';
import type { SerialOptions } from '../transport/serial';
import { realTimers, type Timers } from './client';
import type { DiscoveryResult, SerialPortInfo } from './discovery';
import type { Hotplug } from './hotplug';
import type { ReaderStatus } from './status';

// The reader manager's configuration, its events and its defaults (split out of manager.ts).

export interface ReaderLogger {
  info(msg: string): void;
  warn(msg: string): void;
}

export interface ReaderManagerConfig {
  source?: 'auto' | 'hid' | 'usb' | 'serial' | 'simulator';
  /** 'VID:PID', a serial path, or part of the reader's name; unset = first reader answering SAM status. */
  device?: string;
  serial?: Omit<SerialOptions, 'path'>;
  simulator?: Simulator;
  pollIntervalMs?: number;
  commandTimeoutMs?: number;
  readTimeoutMs?: number;
  /** Extra attempts of the whole find/select/read sequence for one placed card. */
  retries?: number;
  /** Consecutive failed commands before a SAM reset (10 FF). */
  resetAfterFailures?: number;
  /** Consecutive failed commands before the connection is dropped and reopened. */
  reopenAfterFailures?: number;
  /** Consecutive find+select misses before card-removed. */
  removeAfterMisses?: number;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  readFingerprint?: boolean;
  readAddedAddress?: boolean;
  now?: () => Date;
  timers?: Timers;
  logger?: ReaderLogger;
  /** Test seam: replaces OS device discovery. */
  discover?: () => Promise<DiscoveryResult>;
  hidBinding?: HidBinding;
  /** The `usb` package's WebUSB object (tests pass simulated devices); null = do not use it. */
  usb?: UsbLike | null;
  serialList?: () => Promise<SerialPortInfo[]>;
  /** Attach/detach events; default: the `usb` package's, when it can list devices; false = none. */
  hotplug?: Hotplug | false;
  /** Test seam for the 4-endpoint settle wait. */
  sleep?: (ms: number) => Promise<void>;
}

export interface ReaderManagerEvents {
  status: [status: ReaderStatus];
  'card-placed': [read: CardRead];
  'card-removed': [info: { reason: 'removed' | 'disconnected' }];
  'card-error': [error: ReaderError];
}

const consoleLogger: ReaderLogger = {
  info: (m) => console.info(`[id-reader] ${m}`),
  warn: (m) => console.warn(`[id-reader] ${m}`),
};

/** The config with every default filled in; the test seams and device choice stay optional. */
export type ResolvedReaderConfig = Required<
  Omit<
    ReaderManagerConfig,
    'device' | 'serial' | 'simulator' | 'discover' | 'hidBinding' | 'usb' | 'serialList' | 'hotplug' | 'sleep'
  >
> &
  ReaderManagerConfig;

export function resolveReaderConfig(config: ReaderManagerConfig): ResolvedReaderConfig {
  return {
    source: config.simulator ? 'simulator' : 'auto',
    pollIntervalMs: 300,
    commandTimeoutMs: 1000,
    readTimeoutMs: 3000,
    retries: 2,
    resetAfterFailures: 3,
    reopenAfterFailures: 5,
    removeAfterMisses: 2,
    backoffInitialMs: 500,
    backoffMaxMs: 10_000,
    readFingerprint: false,
    readAddedAddress: true,
    now: () => new Date(),
    timers: realTimers,
    logger: consoleLogger,
    // Explicit `undefined` in the config means "use the default", not "unset".
    ...(Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined)) as ReaderManagerConfig),
  };
}
