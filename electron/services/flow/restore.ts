import type { Card } from '../../../native/id-reader';
import type { CaseRecord } from '../cases';
import type { LiveCase } from './live';

/**
 * A live case rebuilt from its record: enough to show, print from its stored document, or void.
 * The checks' verdict and a supervisor's approval come back with it, so a restart neither unblocks
 * a blocked case nor forgets that it was approved. `nameOf` gives an account's display name.
 */
export function restoredLive(rec: CaseRecord, nameOf: (userId: string) => string = (id) => id): LiveCase {
  const p = rec.person;
  const card: Card = {
    kind: p.cardKind ?? 'resident',
    name: p.name,
    sex: { code: p.sex === '女' ? '2' : p.sex === '男' ? '1' : '0', label: p.sex ?? '', labelEn: '' },
    birth: p.birth ?? '',
    ...(p.address ? { address: p.address } : {}),
    number: p.idNumber,
    validFrom: '',
    validTo: '',
    extra: {},
    warnings: [],
  };
  const at = new Date(rec.times.cardReadAt);
  return {
    id: rec.id,
    source: rec.source,
    clerkId: rec.clerkId,
    holder: rec.clerkId,
    card,
    openedAt: at,
    fetch: Promise.resolve(),
    result: { licenses: [], missing: [], online: true, errors: [] },
    eligible: new Set(),
    ...(rec.itemCode ? { itemCode: rec.itemCode } : {}),
    ...(rec.itemCode
      ? {
          evaluation: {
            checks: rec.checks,
            eligible: rec.eligible ?? false,
            blocking: rec.checks.filter((c) => c.result !== 'passed'),
          },
        }
      : {}),
    ...(rec.override
      ? { override: { by: rec.override.by, byName: nameOf(rec.override.by), reason: rec.override.reason } }
      : {}),
  };
}
