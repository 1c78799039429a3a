import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CupsBackend, PrintManager } from '../../../native/printer';
import { makeTestPdf } from '../../helpers/printer/pdf';
import { printerTestSkipReason, startVirtualPrinter, type VirtualPrinter } from '../../helpers/printer/virtual-printer';

const skip = printerTestSkipReason();
if (skip) console.warn(`[printer] skipping the Chinese-locale CUPS test: ${skip}`);

// A hall's print server may run in Chinese. The unreachable-device signal CUPS gives is only a
// message, so the terminal asks for English on every request; this proves it still reads it.
describe.skipIf(skip !== null)('CUPS whose cupsd runs in Chinese', () => {
  let vp: VirtualPrinter;
  let backend: CupsBackend;
  let manager: PrintManager;

  beforeAll(async () => {
    vp = await startVirtualPrinter({ locale: 'zh_CN.UTF-8' });
    backend = new CupsBackend({ server: vp.cupsServer });
    manager = new PrintManager(backend, { pollMs: 100, transientGraceMs: 1000 });
  });

  afterAll(async () => {
    manager?.dispose();
    await backend?.close();
    await vp?.stop();
  });

  it('reports a vanished device as PRINTER_OFFLINE', async () => {
    await vp.kill();
    try {
      const h = await manager.print({ printer: vp.queue, title: 'cert-offline-zh', pdf: await makeTestPdf('离线') });
      const blocked = await manager.waitFor(h.id, (e) => e.status === 'error', 15_000);
      console.info(`[printer] zh_CN cupsd, device gone: ${blocked.error?.code} (${blocked.error?.detail ?? ''})`);
      expect(blocked.error).toMatchObject({ code: 'PRINTER_OFFLINE', terminal: false });
    } finally {
      await vp.restart();
    }
  });

  it('behind a job another client sent in Chinese, a queued certificate still shows PRINTER_OFFLINE', async () => {
    const run = promisify(execFile);
    const file = join(tmpdir(), `counter-zh-${process.pid}.pdf`);
    await writeFile(file, await makeTestPdf('离线'));
    const zh = { ...process.env, LANG: 'zh_CN.UTF-8', LC_ALL: 'zh_CN.UTF-8', CUPS_SERVER: vp.cupsServer };
    await run('cancel', ['-a', vp.queue], { env: zh });
    await vp.kill();
    try {
      await run('lp', ['-d', vp.queue, '-t', 'control-zh', file], { env: zh });
      let message = '';
      for (let i = 0; i < 50 && !/[\u4e00-\u9fff]{4}/.test(message); i++) {
        await new Promise((r) => setTimeout(r, 200));
        message = (await backend.getPrinter(vp.queue)).message ?? '';
      }
      // The control: the device's message really is Chinese now, so English patterns cannot match.
      expect(message).toMatch(/[\u4e00-\u9fff]{4}/);
      const h = await manager.print({ printer: vp.queue, title: 'cert-behind-zh', pdf: await makeTestPdf('排队') });
      const blocked = await manager.waitFor(h.id, (e) => e.status === 'error', 15_000);
      console.info(`[printer] zh_CN job ahead, device gone: "${message}" -> ${blocked.error?.code}`);
      expect(blocked.error).toMatchObject({ code: 'PRINTER_OFFLINE', terminal: false });
      expect((await backend.getJob(vp.queue, h.spoolJobId)).state).toBe('pending');
    } finally {
      await run('cancel', ['-a', vp.queue], { env: zh }).catch(() => undefined);
      await vp.restart();
    }
  });
});
