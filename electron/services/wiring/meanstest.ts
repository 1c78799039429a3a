import { join } from 'node:path';
import { getCase } from '../cases';
import { loadOrCreateHallKey } from '../certificates';
import type { Core } from '../core/core';
import { getApplication } from '../flow/application';
import { loadMeansConfig, MeansTestService, type MeansCaseSeam } from '../meanstest';

/**
 * The household economic check. Its seam into the flow is small and named: the case as the flow
 * shows it to the signed-in clerk (`desk.viewFor`, which refuses another clerk's case), the sealed
 * case record for the applicant's full ID number, and the application's values when one was stored.
 */
export function wireMeansTest(core: Core): void {
  const { cipher, desk, registry, licenses } = core.services;
  if (!cipher || !desk || !registry || !licenses) return;
  const seam: MeansCaseSeam = {
    caseOf(caseId) {
      const view = desk.viewFor(caseId);
      const rec = getCase(core.db, cipher, caseId);
      return {
        id: caseId,
        clerkId: rec.clerkId,
        ...(view.item ? { itemCode: view.item.code, itemName: view.item.names.zh } : {}),
        applicant: { name: rec.person.name, idNumber: rec.person.idNumber },
        openedAt: view.timings.cardReadAt,
      };
    },
    async householdRegister(_caseId, applicantId, usage) {
      const r = await licenses.fetchForHolder(applicantId, usage, ['111002']);
      return r.licenses.find((l) => l.license.certificateType === '111002');
    },
    applicationValues(caseId) {
      return getApplication(core, cipher, caseId)?.values;
    },
    isCurrent: (caseId) => desk.isCurrent(caseId),
  };
  core.services.meanstest = new MeansTestService({
    db: core.db,
    cipher,
    registry,
    cfg: loadMeansConfig(core.resourcesDir),
    seam,
    hallKey: loadOrCreateHallKey(join(core.opts.dataDir, 'keys'), core.config.hall.id),
    hall: core.config.hall,
    counter: core.config.counter,
    organisation: core.config.organisation ?? core.config.hall.name,
    training: core.training,
    clerk: () => (core.session ? { id: core.session.userId, name: core.session.displayName } : null),
    ...(core.services.outbox ? { outbox: core.services.outbox } : {}),
  });
}
