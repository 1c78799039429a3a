import type { Bilingual } from '../../api/types';
import type { Signature } from '../../../native/signature-pad/types';

/**
 * Who signs: `applicant`, `guardian`, `member:<k>` (household member k, 1-based), or another
 * short key a document needs; the label is what the citizen's screen and the PDF show.
 */
export const SIGNER_KEY = /^(applicant|guardian|agent|member:[1-9][0-9]?)$/;

export interface SignRequest {
  caseId: string;
  /** Which document of the case: `application`, `consent` … (the template id is a good choice). */
  document: string;
  signer: string;
  signerLabel: Bilingual;
  /** What the citizen's screen names the document by. */
  title: Bilingual;
  /** The document's data exactly as it is rendered; its canonical SM3 hash binds the signature. */
  data: unknown;
}

export interface SignRequestView {
  id: number;
  caseId: string;
  document: string;
  signer: string;
  signerLabel: Bilingual;
  title: Bilingual;
  documentHash: string;
  state: 'pending' | 'signed' | 'withdrawn';
  requestedAt: string;
  signedAt?: string;
}

export type { Signature };
