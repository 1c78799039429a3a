import { join } from 'node:path';
import { loadCatalog } from '../catalog';
import type { Core } from '../core/core';
import { WorklistService } from '../worklist/service';
import { HALL_WORKLIST } from '../worklist/hall-share';
import { worklistHallReceiver } from '../worklist/hall-receiver';

/** Station worklists: the programmes in resources/programmes, checked against the catalog at start. */
export function wireWorklists(core: Core): void {
  const cipher = core.services.cipher;
  if (!cipher) return;
  const catalog = loadCatalog(join(core.resourcesDir, 'catalog'));
  core.services.worklists = new WorklistService({
    core,
    cipher,
    catalog,
    programmesDir: join(core.resourcesDir, 'programmes'),
  });
  // Shared worklists: the build's put (and a late output step) to the hall, ordered, retried.
  core.services.outbox?.register(HALL_WORKLIST, worklistHallReceiver(core));
}
