import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDemoCards } from '../../../native/id-reader';
import type { Core } from '../core/core';
import { ReaderService } from '../reader/service';
import { demoResidentsToCards } from '../training/demo-cards';

/** Training against an external sandbox (tests, a shared training server): its published demo people. */
function staticDemoResidents(core: Core): unknown[] {
  try {
    return JSON.parse(readFileSync(join(core.resourcesDir, 'sandbox', 'demo-residents.json'), 'utf8')) as unknown[];
  } catch {
    return [];
  }
}

/** The ID reader: the simulator with the sandbox's own demo residents in training, else real hardware. */
export function wireReader(core: Core): void {
  let training: ConstructorParameters<typeof ReaderService>[2] = null;
  if (core.training) {
    let cards = demoResidentsToCards(core.services.sandbox?.demoResidents ?? staticDemoResidents(core));
    try {
      parseDemoCards(cards);
    } catch (err) {
      core.log(
        `training cards rejected, using the reader's built-in samples: ${err instanceof Error ? err.message : String(err)}`,
      );
      cards = [];
    }
    training = { cards, latency: { find: 5, select: 5, read: 40 } };
  }
  const reader = new ReaderService(
    { bus: core.bus, status: core.status, log: (l) => core.log(l) },
    core.config.reader,
    training,
  );
  core.services.reader = reader;
  core.onClose(() => reader.stop());
  reader.start();
}
