import {
  choosePrinter,
  PrinterMonitor,
  PrintManager,
  readPrinters,
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

const WHY: Record<'no-printers' | 'configured-missing' | 'no-printer-for-size', (configured?: string) => string> = {
  'no-printers': () => '未找到打印机，请连接并开启打印机。',
  'configured-missing': (c) => `设置中的打印机“${c ?? ''}”不存在，请检查连接或在设置中另选打印机。`,
  'no-printer-for-size': () => '没有支持该纸张尺寸的打印机，请装纸或在设置中另选打印机。',
};

const STATE: Record<string, PrintJobEvent['state']> = { queued: 'queued', processing: 'processing', completed: 'completed', error: 'error', canceled: 'cancelled' };

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
        ...(e.error ? { code: e.error.code, message: e.error.zh } : {}),
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
  printerFor(size: PageSize): { printer: string } | { error: { code: string; message: string } } {
    const r = choosePrinter(this.monitor.last?.printers ?? [], size, { defaults: this.o.defaults, allowCardOnSheet: this.o.allowCardOnSheet });
    if (r.printer) return { printer: r.printer.name };
    return { error: { code: 'PRINTER_NOT_FOUND', message: WHY[r.why](r.configured) } };
  }

  async list(): Promise<PrinterView[]> {
    return (await readPrinters(this.backend)).printers.map((p) => ({
      name: p.name,
      ...(p.description ? { description: p.description } : {}),
      state: p.state,
      accepting: p.accepting,
      isDefault: p.isDefault,
      ...(p.problem ? { problem: p.problem.zh } : {}),
    }));
  }

  private publishStatus(snap: PrintersSnapshot): void {
    const status = this.o.status;
    if (snap.error) return status.setPrinter({ state: 'error', code: snap.error.code, message: snap.error.zh });
    const a4 = this.printerFor('A4');
    if ('error' in a4) return status.setPrinter({ state: 'error', code: a4.error.code, message: a4.error.message });
    const p = snap.printers.find((x) => x.name === a4.printer);
    if (p?.problem) return status.setPrinter({ state: 'error', printer: p.name, code: p.problem.code, message: p.problem.zh });
    status.setPrinter({ state: p?.state === 'processing' ? 'busy' : 'ready', printer: a4.printer });
  }
}
