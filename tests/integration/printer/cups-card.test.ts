import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CupsBackend, PrintManager, readPrinters } from '../../../native/printer';
import { choosePrinter } from '../../../native/printer/select';
import { mediaKeywordFor } from '../../../native/printer/media';
import { makeTestPdf } from '../../helpers/printer/pdf';
import { until } from '../../helpers/until';
import { printerTestSkipReason, startVirtualPrinter, type VirtualPrinter } from '../../helpers/printer/virtual-printer';

const skip = printerTestSkipReason();
if (skip) console.warn(`[printer] skipping the CUPS card printer test: ${skip}`);

/**
 * A card printer for the tests: ippeveprinter with an attributes file listing CR80 next to A4.
 * CUPS's driverless queue shows the card size, the app picks the queue for cards by its media and
 * sends the queue's own keyword, and a CR80 job is printed to completion (without the file the
 * device refuses the size and CUPS holds the job: "cannot print with supplied options").
 */
describe.skipIf(skip !== null)('a virtual card printer behind CUPS', () => {
  let vp: VirtualPrinter;
  let backend: CupsBackend;
  let manager: PrintManager;

  beforeAll(async () => {
    vp = await startVirtualPrinter({ card: true });
    backend = new CupsBackend({ server: vp.cupsServer });
    manager = new PrintManager(backend, { pollMs: 100, transientGraceMs: 1000 });
  }, 60_000);
  afterAll(async () => {
    manager?.dispose();
    await backend?.close();
    await vp?.stop();
  });

  it('lists CR80, is chosen for cards by its media, and prints a card to completion', async () => {
    // cupsd fills a new driverless queue's media from the device a moment after the queue exists;
    // on a loaded machine the first look can find the queue with no media yet.
    const p = await until(
      'the card queue lists its media',
      async () =>
        (await readPrinters(backend)).printers.find((x) => x.name === vp.queue && x.mediaSupported.length > 0),
      { timeoutMs: 20_000, stepMs: 250 },
    );
    expect(p.mediaSupported).toContain('iso_a4_210x297mm');
    // CUPS renames the size after its driverless PPD ("custom_53.98x85.6mm_53.98x85.6mm"); the app
    // matches it by dimensions and sends that name, which CUPS maps back to the device's size.
    expect(mediaKeywordFor('CR80', p.mediaSupported)).toMatch(/^custom_.*_53\.98x85\.6mm$/);
    expect(choosePrinter([p], 'CR80')).toMatchObject({ printer: { name: vp.queue } });

    const before = await vp.documents();
    const card = await makeTestPdf('老年人优待证 card', [153.07, 242.65]);
    const h = await manager.print({ printer: vp.queue, title: 'card-ok', pdf: card, media: 'CR80' });
    const done = await manager.waitFor(h.id, undefined, 20_000);
    expect(done.status, vp.logs().slice(-1500)).toBe('completed');
    const after = await vp.documents();
    expect(after.length).toBe(before.length + 1);
    expect(after.some((f) => f.includes('card-ok'))).toBe(true);
  }, 60_000);
});
