import type { BenchGroup, BenchResult } from './types';
import { CupsBackend, PrintManager } from '../../native/printer';
import { makeTestPdf } from '../helpers/printer/pdf';
import { printerTestSkipReason, startVirtualPrinter } from '../helpers/printer/virtual-printer';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export const groups: BenchGroup[] = [
  {
    names: ['printer.cups.accept_ms', 'printer.cups.complete_ms'],
    async run(): Promise<BenchResult[]> {
      const skip = printerTestSkipReason();
      if (skip) {
        console.warn(`[printer bench] skipped: ${skip}`);
        return [];
      }
      const vp = await startVirtualPrinter();
      const backend = new CupsBackend({ server: vp.cupsServer });
      const m = new PrintManager(backend, { pollMs: 100 });
      try {
        const pdf = await makeTestPdf('bench');
        await backend.listPrinters(); // warm the connection and media cache, as the app's status bar does
        const accept: number[] = [];
        const complete: number[] = [];
        for (let i = 0; i < 10; i++) {
          const t0 = performance.now();
          const h = await m.print({ printer: vp.queue, title: `bench-${i}`, pdf, media: 'A4' });
          accept.push(h.acceptMs);
          const done = await m.waitFor(h.id, undefined, 20_000);
          if (done.status !== 'completed') throw new Error(`bench job ended ${done.status}`);
          complete.push(performance.now() - t0);
        }
        const note = `median of 10, ${pdf.length} B PDF, cupsd + ippeveprinter on loopback, poll 100 ms`;
        return [
          { name: 'printer.cups.accept_ms', value: +median(accept).toFixed(2), unit: 'ms', note },
          { name: 'printer.cups.complete_ms', value: +median(complete).toFixed(1), unit: 'ms', note },
        ];
      } finally {
        m.dispose();
        await backend.close();
        await vp.stop();
      }
    },
  },
];
