import { join } from 'node:path';
import {
  choosePrinter,
  openPrinterBackend,
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
import type { Core } from '../core/core';

export interface PrintingService {
  backend: PrinterBackend;
  manager: PrintManager;
  monitor: PrinterMonitor;
  /** Which queue takes a page of this size now, or why none can. */
  printerFor(size: PageSize): { printer: string } | { error: PrintError };
  /** Case id per print job, so job events reach the right case. */
  jobCase: Map<string, string>;
  list(): Promise<PrinterView[]>;
}

/** Why no queue takes the page, as the printer code the renderer words. */
function noPrinter(why: SelectionFailure['why'], size: PageSize, configured?: string): PrintError {
  if (why === 'configured-missing') return new PrintError('PRINTER_NOT_FOUND', { params: { printer: configured ?? '' }, detail: `configured ${size} printer` });
  if (why === 'no-printer-for-size') return new PrintError('PRINTER_NO_MEDIA', { params: { size } });
  return new PrintError('PRINTER_NONE');
}

const STATE: Record<string, PrintJobEvent['state']> = { queued: 'queued', processing: 'processing', completed: 'completed', error: 'error', canceled: 'cancelled' };

function publishStatus(core: Core, snap: PrintersSnapshot, pick: PrintingService['printerFor']): void {
  if (snap.error) return core.status.setPrinter({ state: 'error', code: snap.error.code, ...(snap.error.params ? { params: snap.error.params } : {}) });
  const a4 = pick('A4');
  if ('error' in a4) return core.status.setPrinter({ state: 'error', code: a4.error.code, ...(a4.error.params ? { params: a4.error.params } : {}) });
  const p = snap.printers.find((x) => x.name === a4.printer);
  if (p?.problem) return core.status.setPrinter({ state: 'error', printer: p.name, code: p.problem.code, params: { printer: p.name, ...p.problem.params } });
  core.status.setPrinter({ state: p?.state === 'processing' ? 'busy' : 'ready', printer: a4.printer });
}

/** The OS spooler (CUPS/IPP or Windows), or in training with no printer, the virtual PDF printer. */
export async function wirePrinter(core: Core): Promise<void> {
  const cfg = core.config.printer;
  const { backend, fallbackReason } = await openPrinterBackend({
    backend: cfg.backend,
    dataDir: core.opts.dataDir,
    allowVirtualFallback: core.training,
    virtual: { dir: join(core.opts.dataDir, 'prints') },
  });
  if (fallbackReason) core.log(`printer: using the virtual training printer (${fallbackReason.message})`);
  const manager = new PrintManager(backend, { pollMs: 150 });
  const monitor = new PrinterMonitor(backend, 3000);
  const jobCase = new Map<string, string>();
  const printerFor: PrintingService['printerFor'] = (size) => {
    const r = choosePrinter(monitor.last?.printers ?? [], size, { defaults: { A4: cfg.a4, CR80: cfg.card }, allowCardOnSheet: core.training });
    if (r.printer) return { printer: r.printer.name };
    return { error: noPrinter(r.why, size, r.configured) };
  };
  const list = async (): Promise<PrinterView[]> =>
    (await readPrinters(backend)).printers.map((p) => ({
      name: p.name,
      ...(p.description ? { description: p.description } : {}),
      state: p.state,
      accepting: p.accepting,
      isDefault: p.isDefault,
      ...(p.problem ? { problem: { code: p.problem.code, ...(p.problem.params ? { params: p.problem.params } : {}) } } : {}),
    }));
  const service: PrintingService = { backend, manager, monitor, printerFor, jobCase, list };
  monitor.on('change', (snap) => publishStatus(core, snap, printerFor));
  manager.on('job', (e) => {
    const caseId = jobCase.get(e.id);
    core.bus.emit('print.job', {
      jobId: e.id,
      ...(caseId ? { caseId } : {}),
      printer: e.printer,
      state: STATE[e.status] ?? 'error',
      ...(e.error ? { code: e.error.code, params: { printer: e.printer, ...e.error.params } } : {}),
      at: new Date(e.at).toISOString(),
    });
  });
  monitor.start();
  await monitor.refresh();
  core.services.printing = service;
  core.onClose(() => {
    monitor.stop();
    manager.dispose();
    return backend.close?.();
  });
}
