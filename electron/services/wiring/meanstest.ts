import { join } from 'node:path';
import { getCase } from '../cases';
import { AppError } from '../errors';
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
      let view: ReturnType<typeof desk.viewFor> | undefined;
      try {
        view = desk.viewFor(caseId);
      } catch (e) {
        // After a restart the flow no longer holds the case: its sealed record still says whose it
        // is (the same rule as the flow's: the clerk who opened it, or a supervisor).
        if (!(e instanceof AppError) || e.code !== 'CASE_NOT_FOUND') throw e;
      }
      const rec = getCase(core.db, cipher, caseId);
      if (!view) {
        const s = core.session;
        if (!s || (s.userId !== rec.clerkId && !s.roles.includes('supervisor')))
          throw new AppError(
            'CASE_NOT_YOURS',
            'This case was opened by another clerk; open your own case for this citizen, or ask a supervisor.',
          );
      }
      return {
        id: caseId,
        clerkId: rec.clerkId,
        ...(view?.item
          ? { itemCode: view.item.code, itemName: view.item.names.zh }
          : rec.itemCode
            ? { itemCode: rec.itemCode }
            : {}),
        applicant: { name: rec.person.name, idNumber: rec.person.idNumber },
        openedAt: view?.timings.cardReadAt ?? rec.times.cardReadAt,
        live: !!view,
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
    current: () => desk.current()?.caseId ?? null,
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
    // Wired with the citizen screen, after this service: looked up when a signature is asked.
    signing: () => core.services.signing,
  });
}
