import {
  choosePrinter,
  PrinterMonitor,
  PrintError,
  PrintManager,
  readPrinters,
  type SelectionFailure,
  type PageSize,
  type PrinterBackend,
  type PrintersSnapshot,
} from '../../../native/printer';
import type { PrinterView, PrintJobEvent } from '../../api/types';
import type { EventBus } from '../core/bus';
import type { StatusStore } from '../core/status';

export interface PrintingOptions {
  /** Queue names from the configuration, per page size. */
  defaults: { A4?: string; CR80?: string };
  /** Training: a card-sized item may go on an A4 sheet when no card printer exists. */
  allowCardOnSheet: boolean;
  bus: EventBus;
  status: StatusStore;
}

/** Why no queue takes the page, as the printer code the renderer words. */
function noPrinter(why: SelectionFailure['why'], size: PageSize, configured?: string): PrintError {
  if (why === 'configured-missing')
    return new PrintError('PRINTER_NOT_FOUND', {
      params: { printer: configured ?? '' },
      detail: `configured ${size} printer`,
    });
  if (why === 'no-printer-for-size') return new PrintError('PRINTER_NO_MEDIA', { params: { size } });
  return new PrintError('PRINTER_NONE');
}

const STATE: Record<string, PrintJobEvent['state']> = {
  queued: 'queued',
  processing: 'processing',
  completed: 'completed',
  error: 'error',
  canceled: 'cancelled',
};

/**
 * The terminal's printers at run time: which queue takes a page size, the printer list for the
 * clerk, the status bar, and print-job events tied to their case. Built by wiring/printer.ts.
 */
export class PrintingService {
  readonly manager: PrintManager;
  readonly monitor: PrinterMonitor;
  /** Case id per print job, so job events reach the right case. */
  readonly jobCase = new Map<string, string>();

  constructor(
    readonly backend: PrinterBackend,
    private readonly o: PrintingOptions,
  ) {
    this.manager = new PrintManager(backend, { pollMs: 150 });
    this.monitor = new PrinterMonitor(backend, 3000);
    this.monitor.on('change', (snap) => this.publishStatus(snap));
    this.manager.on('job', (e) => {
      const caseId = this.jobCase.get(e.id);
      o.bus.emit('print.job', {
        jobId: e.id,
        ...(caseId ? { caseId } : {}),
        printer: e.printer,
        state: STATE[e.status] ?? 'error',
        ...(e.error ? { code: e.error.code, params: { printer: e.printer, ...e.error.params } } : {}),
        at: new Date(e.at).toISOString(),
      });
    });
  }

  async start(): Promise<void> {
    this.monitor.start();
    await this.monitor.refresh();
  }

  async close(): Promise<void> {
    this.monitor.stop();
    this.manager.dispose();
    await this.backend.close?.();
  }

  /** Which queue takes a page of this size now, or why none can. */
  printerFor(size: PageSize): { printer: string } | { error: PrintError } {
    const r = choosePrinter(this.monitor.last?.printers ?? [], size, {
      defaults: this.o.defaults,
      allowCardOnSheet: this.o.allowCardOnSheet,
    });
    if (r.printer) return { printer: r.printer.name };
    return { error: noPrinter(r.why, size, r.configured) };
  }

  async list(): Promise<PrinterView[]> {
    return (await readPrinters(this.backend)).printers.map((p) => ({
      name: p.name,
      ...(p.description ? { description: p.description } : {}),
      state: p.state,
      accepting: p.accepting,
      isDefault: p.isDefault,
      ...(p.problem
        ? { problem: { code: p.problem.code, ...(p.problem.params ? { params: p.problem.params } : {}) } }
        : {}),
    }));
  }

  private publishStatus(snap: PrintersSnapshot): void {
    const status = this.o.status;
    if (snap.error)
      return status.setPrinter({
        state: 'error',
        code: snap.error.code,
        ...(snap.error.params ? { params: snap.error.params } : {}),
      });
    const a4 = this.printerFor('A4');
    if ('error' in a4)
      return status.setPrinter({
        state: 'error',
        code: a4.error.code,
        ...(a4.error.params ? { params: a4.error.params } : {}),
      });
    const p = snap.printers.find((x) => x.name === a4.printer);
    if (p?.problem)
      return status.setPrinter({
        state: 'error',
        printer: p.name,
        code: p.problem.code,
        params: { printer: p.name, ...p.problem.params },
      });
    status.setPrinter({ state: p?.state === 'processing' ? 'busy' : 'ready', printer: a4.printer });
  }
}
