import type { CardView } from '../../api/types';
import type { Card } from '../../../native/id-reader';

/** Shows the first 6 and last 4 characters, as counters print on slips: 110903********1617. */
export function maskNumber(n: string): string {
  if (n.length <= 10) return n.slice(0, 2) + '*'.repeat(Math.max(0, n.length - 4)) + n.slice(-2);
  return n.slice(0, 6) + '*'.repeat(n.length - 10) + n.slice(-4);
}

export function toCardView(card: Card, readId: string, readAt: Date): CardView {
  return {
    readId,
    kind: card.kind,
    name: card.name,
    ...(card.nameEn ? { nameEn: card.nameEn } : {}),
    sex: card.sex,
    ...(card.nation ? { nation: card.nation } : {}),
    birth: card.birth,
    ...(card.address ? { address: card.address } : {}),
    numberMasked: maskNumber(card.number),
    ...(card.authority ? { authority: card.authority } : {}),
    validFrom: card.validFrom,
    validTo: card.validTo,
    extra: card.extra,
    warnings: card.warnings.map((w) => ({ code: w.code, message: w.message })),
    readAt: readAt.toISOString(),
  };
}
