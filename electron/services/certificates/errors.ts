/** Stable codes so the UI can map each failure to a translated, actionable message. */
export type CertificateErrorCode =
  | 'CERT_TEMPLATE_NOT_FOUND'
  | 'CERT_TEMPLATE_INVALID'
  | 'CERT_DATA_INVALID'
  | 'CERT_FONT_MISSING'
  | 'CERT_PHOTO_INVALID'
  | 'CERT_NO_SIGNER'
  | 'CERT_PAYLOAD_MISMATCH'
  | 'CERT_PAYLOAD_TOO_LARGE'
  | 'CERT_KEY_FILE_INVALID'
  | 'CERT_TRUSTED_KEYS_INVALID';

/** Every code of this domain with the parameters its text uses; the renderer words each (errors.<CODE>). */
export const CERT_ERRORS = {
  CERT_TEMPLATE_NOT_FOUND: [],
  CERT_TEMPLATE_INVALID: [],
  CERT_DATA_INVALID: [],
  CERT_FONT_MISSING: [],
  CERT_PHOTO_INVALID: [],
  CERT_NO_SIGNER: [],
  CERT_PAYLOAD_MISMATCH: [],
  CERT_PAYLOAD_TOO_LARGE: [],
  CERT_KEY_FILE_INVALID: [],
  CERT_TRUSTED_KEYS_INVALID: [],
} as const satisfies Record<CertificateErrorCode, readonly string[]>;

export class CertificateError extends Error {
  override readonly name = 'CertificateError';
  constructor(
    readonly code: CertificateErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Flattens a zod issue list into one line a maintainer can act on. */
export function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}
