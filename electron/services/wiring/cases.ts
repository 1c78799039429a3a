import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { auditSubject, registerCaseLookup } from '../audit';
import { getCase } from '../cases';
import { loadCatalog } from '../catalog';
import { defaultTrustedKeysPath, loadOrCreateHallKey, readTrustedKeys, toTrustedKey } from '../certificates';
import { accountsOf } from '../accounts';
import type { Core } from '../core/core';
import { CaseFlow } from '../flow';
import { readHallDefaults } from '../forms';
import { purgeExpiredPool, sqlitePool } from '../pool';
import { hallAwarePool } from '../hall/pool';

/** The case flow: catalog, the hall's signing key for QR codes, and the card-read trigger. */
export async function wireCases(core: Core): Promise<void> {
  const cipher = core.services.cipher;
  if (!cipher) return;
  const catalog = loadCatalog(join(core.resourcesDir, 'catalog'));
  // The hall (when paired) extends the terminal's own pool; the flow sees one DataPool.
  const hallPool = hallAwarePool(core, cipher, sqlitePool(core, cipher), catalog);
  const pool = hallPool.pool;
  core.services.pool = pool;
  core.services.hallPool = hallPool;
  purgeExpiredPool(core);
  const hallKey = loadOrCreateHallKey(join(core.opts.dataDir, 'keys'), core.config.hall.id);
  const own = toTrustedKey(hallKey, core.config.hall.name);
  const trustedFile = process.env.COUNTER_TRUSTED_KEYS ?? defaultTrustedKeysPath();
  const trusted = () => [own, ...(existsSync(trustedFile) ? readTrustedKeys(trustedFile) : [])];
  const desk = new CaseFlow({
    core,
    catalog,
    cipher,
    hallKey,
    trusted,
    cardOnReader: () => core.services.reader?.card() ?? null,
    pool,
    hallDefaults: readHallDefaults(join(core.resourcesDir, 'catalog')),
  });
  core.services.desk = desk;
  registerCaseLookup(core, (caseId) => {
    try {
      const rec = getCase(core.db, cipher, caseId);
      // Open for purpose binding while the citizen is still at this counter (until F8 or the next card).
      const atCounter = desk.isCurrent(caseId) && rec.state !== 'voided';
      return {
        caseId,
        state: atCounter ? 'open' : rec.state,
        subject: auditSubject(cipher, rec.person.idNumber),
        itemCode: rec.itemCode ?? '',
        clerkId: rec.clerkId,
      };
    } catch {
      return null;
    }
  });
  const { completed, tracked } = await desk.reconcile();
  if (completed)
    core.log(`${completed} print(s) interrupted by a restart had completed at the spooler; recorded as completed`);
  if (tracked) core.log(`${tracked} print(s) interrupted by a restart are still at the spooler; tracking them again`);
  core.services.reader?.onPlaced((c) => desk.onCard(c));
  core.services.reader?.onRemoved(() => desk.onCardRemoved());
  accountsOf(core).sessions.onChange((s, serial) => desk.onSession(s, serial));
}
