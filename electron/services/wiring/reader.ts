import { parseDemoCards } from '../../../native/id-reader';
import type { Core } from '../core/core';
import { ReaderService } from '../reader/service';
import { demoResidentsToCards } from '../training/demo-cards';

/** The ID reader: the simulator with the sandbox's own demo residents in training, else real hardware. */
export function wireReader(core: Core): void {
  let training: ConstructorParameters<typeof ReaderService>[2] = null;
  if (core.training) {
    let cards = demoResidentsToCards(core.services.sandbox?.demoResidents ?? []);
    try {
      parseDemoCards(cards);
    } catch (err) {
      core.log(`training cards rejected, using the reader's built-in samples: ${err instanceof Error ? err.message : String(err)}`);
      cards = [];
    }
    training = { cards, latency: { find: 5, select: 5, read: 40 } };
  }
  const reader = new ReaderService({ bus: core.bus, status: core.status, log: (l) => core.log(l) }, core.config.reader, training);
  core.services.reader = reader;
  core.onClose(() => reader.stop());
  reader.start();
}
