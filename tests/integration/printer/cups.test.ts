import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CupsBackend, PrintError, PrintManager, readPrinters, type PrintJobEvent } from '../../../native/printer';
import { makeTestPdf } from '../../helpers/printer/pdf';
import { printerTestSkipReason, startVirtualPrinter, type VirtualPrinter } from '../../helpers/printer/virtual-printer';

const skip = printerTestSkipReason();
if (skip) console.warn(`[printer] skipping CUPS integration tests: ${skip}`);

describe.skipIf(skip !== null)('CUPS backend against cupsd + ippeveprinter', () => {
  let vp: VirtualPrinter;
  let backend: CupsBackend;
  let manager: PrintManager;
  let pdf: Buffer;
  const events: PrintJobEvent[] = [];

  beforeAll(async () => {
    const t0 = Date.now();
    vp = await startVirtualPrinter();
    console.info(`[printer] cupsd + ippeveprinter ready in ${Date.now() - t0} ms`);
    backend = new CupsBackend({ server: vp.cupsServer });
    manager = new PrintManager(backend, { pollMs: 100, transientGraceMs: 1000 });
    manager.on('job', (e) => events.push(e));
    pdf = await makeTestPdf('培训 TRAINING test page');
  });

  afterAll(async () => {
    manager?.dispose();
    await backend?.close();
    await vp?.stop();
  });

  const statuses = (id: string) =>
    events.filter((e) => e.id === id).map((e) => (e.error ? `${e.status}:${e.error.code}` : e.status));

  it('lists the queue with its IPP state', async () => {
    const snap = await readPrinters(backend);
    expect(snap.error).toBeNull();
    const p = snap.printers.find((x) => x.name === vp.queue);
    expect(p).toMatchObject({ state: 'idle', accepting: true, problem: null });
    expect(p!.mediaSupported).toContain('iso_a4_210x297mm');
  });

  it('finds jobs by title with Get-Jobs which-jobs=all: held ones and finished ones, exact titles only', async () => {
    await vp.pause();
    try {
      const held = await backend.submit({ printer: vp.queue, title: 'FIND-2026-000001', pdf });
      await backend.submit({ printer: vp.queue, title: 'FIND-2026-000001 补打', pdf });
      const found = await backend.findJobs('FIND-2026-000001');
      expect(found).toEqual([{ jobId: held.jobId, printer: vp.queue, name: 'FIND-2026-000001', state: 'pending' }]);
      await backend.cancel(vp.queue, held.jobId);
      expect((await backend.findJobs('FIND-2026-000001'))[0]?.state).toBe('canceled');
      expect(await backend.findJobs('FIND-2026-000002')).toEqual([]);
    } finally {
      for (const j of await backend.findJobs('FIND-2026-000001 补打')) await backend.cancel(vp.queue, j.jobId);
      await vp.resume();
    }
  });

  it('prints a PDF: accepted fast, tracked to completed, received by the device', async () => {
    const before = await vp.documents();
    const h = await manager.print({ printer: vp.queue, title: 'cert-ok', pdf, media: 'A4' });
    expect(Number(h.spoolJobId)).toBeGreaterThan(0);
    console.info(`[printer] job accepted in ${h.acceptMs.toFixed(1)} ms`);
    expect(h.acceptMs).toBeLessThan(1000);
    const done = await manager.waitFor(h.id, undefined, 20_000);
    expect(done.status).toBe('completed');
    expect(statuses(h.id)[0]).toBe('queued');
    const after = await vp.documents();
    expect(after.length).toBe(before.length + 1);
    expect(after.some((f) => f.includes('cert-ok'))).toBe(true);
  });

  it('reports a paused queue as PRINTER_STOPPED and completes once resumed', async () => {
    await vp.pause();
    try {
      const listed = (await readPrinters(backend)).printers.find((p) => p.name === vp.queue);
      expect(listed?.problem?.code).toBe('PRINTER_STOPPED');
      expect(listed?.reasons).toContain('paused');
      const h = await manager.print({ printer: vp.queue, title: 'cert-paused', pdf });
      const blocked = await manager.waitFor(h.id, (e) => e.status === 'error', 10_000);
      expect(blocked.error).toMatchObject({ code: 'PRINTER_STOPPED', terminal: false });
      expect(blocked.error!.reasons).toContain('paused');
      await vp.resume();
      expect((await manager.waitFor(h.id, undefined, 20_000)).status).toBe('completed');
    } finally {
      await vp.resume();
    }
  });

  it('refuses a job on a rejecting queue with PRINTER_NOT_ACCEPTING', async () => {
    await vp.reject();
    try {
      const err = await manager.print({ printer: vp.queue, title: 'cert-rejected', pdf }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PrintError);
      expect((err as PrintError).code).toBe('PRINTER_NOT_ACCEPTING');
      expect((err as PrintError).jobId).toBeTruthy();
      const listed = (await readPrinters(backend)).printers.find((p) => p.name === vp.queue);
      expect(listed).toMatchObject({ accepting: false });
    } finally {
      await vp.accept();
    }
  });

  it('reports an unknown queue as PRINTER_NOT_FOUND', async () => {
    await expect(manager.print({ printer: 'No_Such_Queue', title: 'x', pdf })).rejects.toMatchObject({
      code: 'PRINTER_NOT_FOUND',
    });
  });

  it('reports a vanished device as PRINTER_OFFLINE with the job pending, and a retry prints', async () => {
    await vp.kill();
    let h;
    try {
      h = await manager.print({ printer: vp.queue, title: 'cert-offline', pdf });
      const blocked = await manager.waitFor(h.id, (e) => e.status === 'error', 15_000);
      expect(blocked.error).toMatchObject({ code: 'PRINTER_OFFLINE', terminal: false });
      const snap = await backend.getJob(vp.queue, h.spoolJobId);
      expect(['pending', 'processing']).toContain(snap.state);
    } finally {
      await vp.restart();
    }
    const again = await manager.retry(h.id);
    expect(again.attempt).toBe(2);
    expect(again.spoolJobId).not.toBe(h.spoolJobId);
    const done = await manager.waitFor(
      h.id,
      (e) => e.attempt === 2 && (e.status === 'completed' || e.error?.terminal === true),
      20_000,
    );
    expect(done.status).toBe('completed');
    // The first attempt was cancelled, so the document must not print twice.
    expect((await backend.getJob(vp.queue, h.spoolJobId)).state).toBe('canceled');
    expect((await vp.documents()).some((f) => f.includes('cert-offline'))).toBe(true);
  });
});
