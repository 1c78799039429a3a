import type { CertificateData } from '../certificates';
import { printedOf, type CatalogItem } from '../catalog';
import type { Core } from '../core/core';
import { certificateFacts, certificatePhoto, maskIdNumber, type RuleFacts } from '../rules';
import type { LiveCase } from './live';
import { dataAsOf } from './views';

/**
 * The applicant's own portrait from their verified resident-ID license (never a family member's,
 * never an unverified one); for the screen, and for items printed with a photo.
 */
export function photoOf(live: LiveCase, facts: RuleFacts, item?: CatalogItem): Buffer | undefined {
  const p = certificatePhoto({ photo: item?.photo ?? { type: '111001', field: 'photo' } }, facts);
  return p ? Buffer.from(p) : undefined;
}

/** What the certificate says, built from the case; stored with the serial so a reprint is identical. */
export function certificateData(
  core: Core,
  live: LiveCase,
  item: CatalogItem,
  facts: RuleFacts,
  serial: string,
  issuedAt: Date,
): CertificateData {
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
      ...(c.source
        ? {
            source: {
              typeName: c.source.typeName,
              number: c.source.number,
              issuer: c.source.issuer,
              ...(c.source.asOf ? { asOf: c.source.asOf } : {}),
            },
          }
        : {}),
    })),
    result: live.evaluation?.eligible ? printedOf(item).result.eligible.zh : printedOf(item).result.override.zh,
    hall: core.config.hall,
    counter: core.config.counter,
    clerk: { id: clerk?.userId ?? 'unknown', name: clerk?.displayName ?? 'unknown' },
    issuedAt: issuedAt.toISOString(),
    ...(asOf ? { dataAsOf: asOf } : {}),
    ...(live.override
      ? { override: { by: `${live.override.byName}（${live.override.by}）`, reason: live.override.reason } }
      : {}),
    training: core.training,
  };
}
