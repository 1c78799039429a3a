import { join } from 'node:path';
import { loadCatalog } from '../catalog';
import type { Core } from '../core/core';
import { WorklistService } from '../worklist/service';
import { HALL_WORKLIST } from '../worklist/hall-share';
import { worklistHallReceiver } from '../worklist/hall-receiver';
import { reasonOf } from '../worklist/build';
import { hallReceiversLike } from './hall';

/** Station worklists: the programmes in resources/programmes, checked against the catalog at start. */
export function wireWorklists(core: Core): void {
  const cipher = core.services.cipher;
  if (!cipher) return;
  const catalog = loadCatalog(join(core.resourcesDir, 'catalog'));
  const worklists = new WorklistService({
    core,
    cipher,
    catalog,
    programmesDir: join(core.resourcesDir, 'programmes'),
  });
  core.services.worklists = worklists;
  // Shared worklists: the build's put (and a step the hall did not answer) to the hall, ordered, retried.
  // The hall taking one of them means it is back for the window's events and pool entries too.
  core.services.outbox?.register(HALL_WORKLIST, {
    ...worklistHallReceiver(core, {
      cipher,
      purposeOf: (code) => {
        const p = worklists.programmes.find((x) => x.code === code);
        return p ? reasonOf(p) : code;
      },
    }),
    sameServer: hallReceiversLike,
  });
}
