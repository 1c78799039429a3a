import type { Card } from '../../../native/id-reader';
import type { CaseRecord } from '../cases';
import { toCardView } from '../reader/card-view';
import type { LiveCase } from './live';

/** A live case rebuilt from its record: enough to show, print from its stored document, or void. */
export function restoredLive(rec: CaseRecord): LiveCase {
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
    view: toCardView(card, rec.id, at),
    openedAt: at,
    fetch: Promise.resolve(),
    result: { licenses: [], missing: [], online: true, errors: [] },
    eligible: new Set(),
    ...(rec.itemCode ? { itemCode: rec.itemCode } : {}),
    ...(rec.itemCode ? { evaluation: { checks: rec.checks, eligible: rec.eligible ?? false, blocking: [] } } : {}),
  };
}
