import type { CertificateData } from '../certificates';
import type { CatalogItem } from '../catalog';
import type { Core } from '../core/core';
import { certificateFacts, maskIdNumber, type RuleFacts } from '../rules';
import type { LiveCase } from './live';
import { dataAsOf } from './views';

/** The PNG from the verified resident-ID license; an unverified photo never goes on a card. */
export function photoOf(live: LiveCase, item?: CatalogItem): Buffer | undefined {
  const type = item?.photo?.type ?? '111001';
  const field = item?.photo?.field ?? 'photo';
  const lic = live.result?.licenses.find((l) => l.license.certificateType === type && l.verification.state === 'verified');
  const v = lic?.license.surface[field];
  return typeof v === 'string' && v.length > 0 ? Buffer.from(v, 'base64') : undefined;
}

/** What the certificate says, built from the case; stored with the serial so a reprint is identical. */
export function certificateData(core: Core, live: LiveCase, item: CatalogItem, facts: RuleFacts, serial: string, issuedAt: Date): CertificateData {
  const checks = live.evaluation?.checks ?? [];
  const asOf = dataAsOf(checks, live);
  const clerk = core.session;
  const card = live.card;
  return {
    serial,
    itemCode: item.code,
    holder: {
      name: card.name,
      idNumberMasked: maskIdNumber(card.number),
      sex: card.sex.label,
      birth: card.birth,
      ...(card.address ? { address: card.address } : {}),
    },
    facts: certificateFacts(item, facts, checks, { serial }),
    checks: checks.map((c) => ({
      id: c.id,
      label: c.label.zh,
      result: c.result,
      sentence: c.sentence.zh,
      ...(c.source ? { source: { typeName: c.source.typeName, number: c.source.number, issuer: c.source.issuer, ...(c.source.asOf ? { asOf: c.source.asOf } : {}) } } : {}),
    })),
    result: live.evaluation?.eligible ? item.result.eligible.zh : item.result.override.zh,
    hall: core.config.hall,
    counter: core.config.counter,
    clerk: { id: clerk?.userId ?? 'unknown', name: clerk?.displayName ?? 'unknown' },
    issuedAt: issuedAt.toISOString(),
    ...(asOf ? { dataAsOf: asOf } : {}),
    training: core.training,
  };
}
