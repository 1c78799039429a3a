import { EventEmitter } from 'node:events';
import { PrintError, errorToInfo } from './errors-info';
import { classifyPrinter } from './reasons';
import type { PrinterBackend, PrinterInfo } from './types';
import type { PrintJobErrorInfo } from './job-events';

export interface PrinterStatus extends PrinterInfo {
  /** null when the printer can print. */
  problem: PrintJobErrorInfo | null;
}

export interface PrintersSnapshot {
  printers: PrinterStatus[];
  /** Set when the spooler itself cannot be reached (SPOOLER_DOWN) or listing failed. */
  error: PrintJobErrorInfo | null;
  at: number;
}

/** Lists printers with their problems; for the status bar. */
export async function readPrinters(backend: PrinterBackend): Promise<PrintersSnapshot> {
  try {
    const list = await backend.listPrinters();
    return {
      printers: list.map((p) => {
        const pr = classifyPrinter(p);
        return {
          ...p,
          problem: pr
            ? errorToInfo(
                new PrintError(pr.code, { reasons: pr.reasons, ...(pr.detail ? { detail: pr.detail } : {}) }),
                false,
              )
            : null,
        };
      }),
      error: null,
      at: Date.now(),
    };
  } catch (e) {
    const err = e instanceof PrintError ? e : new PrintError('UNKNOWN', { detail: String((e as Error)?.message ?? e) });
    return { printers: [], error: errorToInfo(err, true), at: Date.now() };
  }
}

/** Polls the printer list and emits `change` when anything the status bar shows changed. */
export class PrinterMonitor extends EventEmitter<{ change: [PrintersSnapshot] }> {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private lastKey = '';
  last: PrintersSnapshot | null = null;

  constructor(
    private readonly backend: PrinterBackend,
    private readonly intervalMs = 3000,
  ) {
    super();
  }

  start(): this {
    if (!this.running) {
      this.running = true;
      void this.tick();
    }
    return this;
  }

  async refresh(): Promise<PrintersSnapshot> {
    const snap = await readPrinters(this.backend);
    const key = JSON.stringify([
      snap.error?.code,
      snap.printers.map((p) => [p.name, p.state, p.accepting, p.isDefault, p.problem?.code, p.reasons]),
    ]);
    this.last = snap;
    if (key !== this.lastKey) {
      this.lastKey = key;
      this.emit('change', snap);
    }
    return snap;
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async tick(): Promise<void> {
    await this.refresh();
    if (!this.running) return;
    this.timer = setTimeout(() => void this.tick(), this.intervalMs);
    this.timer.unref?.();
  }
}
