import { join } from 'node:path';
import { openPrinterBackend } from '../../../native/printer';
import type { Core } from '../core/core';
import { PrintingService } from '../printing/service';

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
  const printing = new PrintingService(backend, {
    defaults: { A4: cfg.a4, CR80: cfg.card },
    allowCardOnSheet: core.training,
    bus: core.bus,
    status: core.status,
  });
  core.onClose(() => printing.close());
  await printing.start();
  core.services.printing = printing;
}
