import { factsHash } from './canonical';
import { maskName, signParsed } from './certificate-payload';
import { CertificateError, describeIssues } from './errors';
import type { HallKey } from './qr/keys';
import { certificateDataSchema, type CertificateData } from './types';

export { maskName };

function parse(data: CertificateData) {
  const parsed = certificateDataSchema.safeParse(data);
  if (!parsed.success)
    throw new CertificateError(
      'CERT_DATA_INVALID',
      `Certificate data is incomplete or wrong (${describeIssues(parsed.error.issues)}).`,
    );
  return parsed.data;
}

/**
 * Signs the QR payload for a certificate. Store the result with the case and pass it to
 * renderCertificate({ payload }) so reprints carry the very same QR (SM2 signatures are randomised).
 */
export function signCertificate(data: CertificateData, hallKey: HallKey): string {
  return signParsed(parse(data), hallKey);
}

/** SM3 of the canonical facts, hex: what the QR's factsHash must equal. */
export function certificateFactsHash(data: CertificateData): string {
  return factsHash(parse(data)).toString('hex');
}
