import type { VerifyView } from '../../api/types';
import { verifyPayload, type TrustedHallKey } from '../certificates';

/** F7: a certificate's QR payload checked against the trusted hall keys. */
export function verifyQr(payload: string, trusted: TrustedHallKey[]): VerifyView {
  const r = verifyPayload(payload, trusted);
  const f = r.fields;
  const fields = f
    ? {
        serial: f.serial,
        itemCode: f.itemCode,
        holderName: f.holderName,
        holderId: f.holderId,
        issuedAt: f.issuedAt,
        training: f.training ? 'yes' : 'no',
        keyId: f.keyId,
      }
    : undefined;
  return { status: r.status, ...(fields ? { fields } : {}), ...(r.reason ? { reason: r.reason } : {}) };
}
