import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BatchService } from '../batch/service';
import { UploadStore } from '../batch/uploads';
import { loadCatalog } from '../catalog';
import { loadOrCreateHallKey } from '../certificates';
import type { Core } from '../core/core';

/** Batch checks: the jobs, their runners over the registry client, and the imported lists' folder. */
export function wireBatch(core: Core): void {
  const { cipher, licenses, registry } = core.services;
  if (!cipher || !licenses) return;
  const catalogDir = join(core.resourcesDir, 'catalog');
  const { items } = JSON.parse(readFileSync(join(catalogDir, 'batch.json'), 'utf8')) as { items: string[] };
  const batch = new BatchService({
    db: core.db,
    cipher,
    catalog: loadCatalog(catalogDir),
    itemCodes: items,
    licenses,
    ...(registry ? { registry } : {}),
    uploads: new UploadStore(join(core.opts.dataDir, 'batch-lists')),
    hallKey: loadOrCreateHallKey(join(core.opts.dataDir, 'keys'), core.config.hall.id),
    issuer: { hall: core.config.hall, counter: core.config.counter, training: core.training },
    organisation: core.config.organisation ?? core.config.hall.name,
    onProgress: (p) => core.bus.emit('batch.progress', p),
    log: (l) => core.log(l),
    ...(process.env.COUNTER_BATCH_PROBE_MS ? { probeMs: Number(process.env.COUNTER_BATCH_PROBE_MS) } : {}),
    ...(process.env.COUNTER_BATCH_RESUME_MS ? { autoResumeMs: Number(process.env.COUNTER_BATCH_RESUME_MS) } : {}),
  });
  core.services.batch = batch;
  core.onClose(() => batch.close());
}
