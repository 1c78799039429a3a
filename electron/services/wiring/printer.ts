import { join } from 'node:path';
import {
  choosePrinter,
  openPrinterBackend,
  PrinterMonitor,
  PrintManager,
  readPrinters,
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
  printerFor(size: PageSize): { printer: string } | { error: { code: string; message: string } };
  /** Case id per print job, so job events reach the right case. */
  jobCase: Map<string, string>;
  list(): Promise<PrinterView[]>;
}

const WHY: Record<'no-printers' | 'configured-missing' | 'no-printer-for-size', (configured?: string) => string> = {
  'no-printers': () => '未找到打印机，请连接并开启打印机。',
  'configured-missing': (c) => `设置中的打印机“${c ?? ''}”不存在，请检查连接或在设置中另选打印机。`,
  'no-printer-for-size': () => '没有支持该纸张尺寸的打印机，请装纸或在设置中另选打印机。',
};

const STATE: Record<string, PrintJobEvent['state']> = { queued: 'queued', processing: 'processing', completed: 'completed', error: 'error', canceled: 'cancelled' };

function publishStatus(core: Core, snap: PrintersSnapshot, pick: PrintingService['printerFor']): void {
  if (snap.error) return core.status.setPrinter({ state: 'error', code: snap.error.code, message: snap.error.zh });
  const a4 = pick('A4');
  if ('error' in a4) return core.status.setPrinter({ state: 'error', code: a4.error.code, message: a4.error.message });
  const p = snap.printers.find((x) => x.name === a4.printer);
  if (p?.problem) return core.status.setPrinter({ state: 'error', printer: p.name, code: p.problem.code, message: p.problem.zh });
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
  if (fallbackReason) core.log(`printer: using the virtual training printer (${fallbackReason.en})`);
  const manager = new PrintManager(backend, { pollMs: 150 });
  const monitor = new PrinterMonitor(backend, 3000);
  const jobCase = new Map<string, string>();
  const printerFor: PrintingService['printerFor'] = (size) => {
    const r = choosePrinter(monitor.last?.printers ?? [], size, { defaults: { A4: cfg.a4, CR80: cfg.card }, allowCardOnSheet: core.training });
    if (r.printer) return { printer: r.printer.name };
    return { error: { code: 'PRINTER_NOT_FOUND', message: WHY[r.why](r.configured) } };
  };
  const list = async (): Promise<PrinterView[]> =>
    (await readPrinters(backend)).printers.map((p) => ({
      name: p.name,
      ...(p.description ? { description: p.description } : {}),
      state: p.state,
      accepting: p.accepting,
      isDefault: p.isDefault,
      ...(p.problem ? { problem: p.problem.zh } : {}),
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
      ...(e.error ? { code: e.error.code, message: e.error.zh } : {}),
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
