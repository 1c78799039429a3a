import type { CardView } from '../../api/types';
import type { Card } from '../../../native/id-reader';
import { maskIdNumber } from '../../../protocol/id-mask';

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
    numberMasked: maskIdNumber(card.number),
    ...(card.authority ? { authority: card.authority } : {}),
    validFrom: card.validFrom,
    validTo: card.validTo,
    extra: card.extra,
    warnings: card.warnings.map((w) => ({ code: w.code, message: w.message })),
    readAt: readAt.toISOString(),
  };
}
