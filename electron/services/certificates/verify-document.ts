import { sm3Hex } from '../../../protocol/sm3';
import { extractFactsJson, extractPayload } from './pdf-meta';
import type { TrustedHallKey } from './qr/keys';
import { verifyPayload, type VerifyResult } from './qr/sign';

export interface DocumentVerification extends VerifyResult {
  /** For PDFs: whether the embedded facts hash to the signed factsHash (undefined for raw payloads). */
  factsMatch?: boolean;
}

/**
 * Verifies a certificate PDF (via its embedded payload and facts) or a raw payload string.
 * A valid signature over facts that no longer match the document's facts counts as tampered.
 */
export function verifyDocument(input: Buffer | string, trusted: readonly TrustedHallKey[]): DocumentVerification {
  if (typeof input === 'string') return verifyPayload(input, trusted);
  const payload = extractPayload(input);
  if (!payload)
    return { status: 'malformed', reason: 'no certificate payload in this PDF; scan the QR and pass its text instead' };
  const result: DocumentVerification = verifyPayload(payload, trusted);
  const facts = extractFactsJson(input);
  if (facts !== undefined && result.fields) {
    result.factsMatch = sm3Hex(facts) === result.fields.factsHash;
    if (result.status === 'valid' && !result.factsMatch)
      return { ...result, status: 'tampered', reason: 'the facts in this PDF differ from the signed ones' };
  }
  return result;
}
