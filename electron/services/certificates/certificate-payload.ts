import { factsHash } from './canonical';
import { CertificateError } from './errors';
import { decode, type QrFields } from './qr/codec';
import type { HallKey } from './qr/keys';
import { signPayload } from './qr/sign';
import type { ParsedCertificateData } from './types';

/** 张三 -> 张*, 欧阳娜娜 -> 欧***: enough for the holder to recognise, not enough to identify. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  return chars[0] + '*'.repeat(chars.length - 1);
}

export function qrFieldsFor(d: ParsedCertificateData): Omit<QrFields, 'keyId'> {
  return {
    serial: d.serial,
    itemCode: d.itemCode,
    holderName: maskName(d.holder.name),
    holderId: d.holder.idNumberMasked,
    issuedAt: d.issuedAt,
    factsHash: factsHash(d).toString('hex'),
    training: d.training,
  };
}

export function signParsed(d: ParsedCertificateData, hallKey: HallKey): string {
  return signPayload(qrFieldsFor(d), hallKey);
}

/** A stored payload (reprints) must belong to these facts; otherwise the QR would vouch for other data. */
export function assertPayloadMatches(payload: string, d: ParsedCertificateData): void {
  let fields: QrFields;
  try {
    fields = decode(payload).fields;
  } catch (cause) {
    throw new CertificateError(
      'CERT_PAYLOAD_MISMATCH',
      `The stored QR payload is unreadable (${(cause as Error).message}); re-sign the certificate.`,
      { cause },
    );
  }
  const expected = factsHash(d).toString('hex');
  if (fields.serial !== d.serial || fields.factsHash !== expected) {
    throw new CertificateError(
      'CERT_PAYLOAD_MISMATCH',
      `The QR payload was signed for ${fields.serial} with different facts than certificate ${d.serial} now has. Re-sign it instead of reusing the old payload.`,
    );
  }
}
