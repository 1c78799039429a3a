import { AppError } from '../errors';
import { canonicalJson } from '../../../protocol/canonical';
import { sm3Hex } from '../../../protocol/sm3';
import type { Signature } from '../../../native/signature-pad/types';

/** A signature together with the document it was given for; stored sealed with the case. */
export interface BoundSignature {
  signature: Signature;
  /** SM3 of the canonical JSON of the signed document's data. */
  documentHash: string;
  signedAt: string;
}

export const documentHash = (data: unknown): string => sm3Hex(canonicalJson(data));

export function bindSignature(signature: Signature, documentData: unknown, at: Date): BoundSignature {
  return { signature, documentHash: documentHash(documentData), signedAt: at.toISOString() };
}

/** A signature is drawn only onto the document it was given for; anything else is refused. */
export function signatureFor(bound: BoundSignature, documentData: unknown): Signature {
  if (bound.documentHash !== documentHash(documentData))
    throw new AppError('SIGNATURE_OTHER_DOCUMENT', 'This signature was given for another document.');
  return bound.signature;
}
