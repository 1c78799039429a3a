import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CupsBackend, PrintManager, openPrinterBackend, readPrinters } from '../../../native/printer';
import { freePort } from '../../helpers/printer/procs';
import { makeTestPdf } from '../../helpers/printer/pdf';

// No cupsd needed: a free loopback port where nothing listens is exactly "spooler not running".
describe('spooler not running', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanup) await c();
  });

  it('every operation fails with SPOOLER_DOWN naming where it looked', async () => {
    const port = await freePort();
    const b = new CupsBackend({ server: `127.0.0.1:${port}` });
    cleanup.push(() => b.close());
    await expect(b.checkSpooler()).rejects.toMatchObject({
      code: 'SPOOLER_DOWN',
      detail: expect.stringContaining(`127.0.0.1:${port}`),
    });
    const snap = await readPrinters(b);
    // A code only: the page words SPOOLER_DOWN (errors.SPOOLER_DOWN) in the clerk's language.
    expect(snap.error).toMatchObject({ code: 'SPOOLER_DOWN', terminal: true });
    expect(snap.error).not.toHaveProperty('zh');
    const m = new PrintManager(b);
    cleanup.push(async () => m.dispose());
    await expect(m.print({ printer: 'Any', title: 't', pdf: await makeTestPdf() })).rejects.toMatchObject({
      code: 'SPOOLER_DOWN',
    });
  });

  it('a missing domain socket is SPOOLER_DOWN too', async () => {
    const b = new CupsBackend({ server: join(tmpdir(), `no-cups-${process.pid}.sock`) });
    await expect(b.listPrinters()).rejects.toMatchObject({ code: 'SPOOLER_DOWN' });
    await b.close();
  });

  it('something that is not cupsd answering is reported, not crashed on', async () => {
    const srv: Server = createServer((_q, r) => r.end('<html>not ipp</html>'));
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise((r) => srv.close(() => r())));
    const port = (srv.address() as { port: number }).port;
    const b = new CupsBackend({ server: `127.0.0.1:${port}` });
    await expect(b.checkSpooler()).rejects.toMatchObject({
      code: 'SPOOLER_DOWN',
      detail: expect.stringContaining('unreadable'),
    });
    await b.close();
  });

  it('auto mode in training falls back to the virtual printer and says why', async () => {
    const port = await freePort();
    const dataDir = await mkdtemp(join(tmpdir(), 'counter-fallback-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const { backend, fallbackReason } = await openPrinterBackend({
      platform: 'linux',
      cups: { server: `127.0.0.1:${port}` },
      dataDir,
      allowVirtualFallback: true,
    });
    expect(backend.kind).toBe('virtual');
    expect(fallbackReason?.code).toBe('SPOOLER_DOWN');
    await expect(
      openPrinterBackend({ platform: 'linux', cups: { server: `127.0.0.1:${port}` } }),
    ).rejects.toMatchObject({ code: 'SPOOLER_DOWN' });
  });
});
