import { join } from 'node:path';
import { CupsBackend, type CupsBackendOptions } from './cups/backend';
import { PrintError } from './errors';
import type { BackendKind, PrinterBackend } from './types';
import { VirtualBackend, type VirtualBackendOptions } from './virtual/backend';
import { WindowsBackend, type WindowsBackendOptions } from './windows/backend';

export interface PrinterConfig {
  /** 'auto' (default): the platform spooler if it has printers, else the virtual printer when allowed. */
  backend?: BackendKind | 'auto';
  platform?: NodeJS.Platform;
  cups?: CupsBackendOptions;
  windows?: WindowsBackendOptions;
  /** Virtual printer; `dir` defaults to <dataDir>/prints. */
  virtual?: Partial<VirtualBackendOptions>;
  dataDir?: string;
  /** Training mode: fall back to the virtual printer when there is no usable system printer. */
  allowVirtualFallback?: boolean;
}

export interface CreatedBackend {
  backend: PrinterBackend;
  /** Set when 'auto' fell back to the virtual printer, saying why (for the status bar and logs). */
  fallbackReason?: PrintError;
}

export function createBackend(kind: BackendKind, cfg: PrinterConfig = {}): PrinterBackend {
  switch (kind) {
    case 'cups':
      return new CupsBackend(cfg.cups);
    case 'windows':
      return new WindowsBackend(cfg.windows);
    case 'virtual': {
      const dir = cfg.virtual?.dir ?? (cfg.dataDir ? join(cfg.dataDir, 'prints') : undefined);
      if (!dir) throw new RangeError('The virtual printer needs virtual.dir or dataDir (e.g. COUNTER_DATA_DIR)');
      return new VirtualBackend({ ...cfg.virtual, dir });
    }
  }
}

export function platformBackendKind(platform: NodeJS.Platform = process.platform): 'cups' | 'windows' {
  return platform === 'win32' ? 'windows' : 'cups';
}

/**
 * Picks and probes the backend. A configured system backend whose spooler is down fails with
 * SPOOLER_DOWN; in 'auto' with allowVirtualFallback the virtual printer is used instead and the
 * reason is returned so the UI can say "no printer service, storing PDFs".
 */
export async function openPrinterBackend(cfg: PrinterConfig = {}): Promise<CreatedBackend> {
  const choice = cfg.backend ?? 'auto';
  if (choice !== 'auto') {
    const backend = createBackend(choice, cfg);
    await backend.checkSpooler();
    return { backend };
  }
  const system = createBackend(platformBackendKind(cfg.platform), cfg);
  try {
    await system.checkSpooler();
    if (!cfg.allowVirtualFallback || (await system.listPrinters()).length > 0) return { backend: system };
    await system.close?.();
    return {
      backend: createBackend('virtual', cfg),
      fallbackReason: new PrintError('PRINTER_NONE', { detail: 'the system has no printers' }),
    };
  } catch (e) {
    if (!cfg.allowVirtualFallback || !(e instanceof PrintError)) throw e;
    await system.close?.();
    return { backend: createBackend('virtual', cfg), fallbackReason: e };
  }
}
