/**
 * The info-dictionary keys written into every certificate. Readers use them to verify a PDF
 * without decoding the QR image; the facts are base64url canonical JSON for re-hashing.
 */
export const INFO_PAYLOAD_KEY = 'CounterPayload';
export const INFO_FACTS_KEY = 'CounterFacts';

const VALUE = '\\(([A-Za-z0-9._\\-]+)\\)';

function findLiteral(pdf: Buffer, key: string): string | undefined {
  // pdfkit writes each info value as its own uncompressed object: `/Key 18 0 R` … `18 0 obj (value)`.
  // Only base64url text is stored there, so no PDF string escapes need undoing.
  const text = pdf.toString('latin1');
  const direct = new RegExp(`/${key}\\s*${VALUE}`).exec(text);
  if (direct) return direct[1];
  const ref = new RegExp(`/${key}\\s+(\\d+)\\s+(\\d+)\\s+R`).exec(text);
  if (!ref) return undefined;
  const obj = new RegExp(`(?:^|[\\r\\n])${ref[1]}\\s+${ref[2]}\\s+obj\\s*${VALUE}`).exec(text);
  return obj?.[1];
}

/** The QR payload embedded in a certificate PDF, if the file is one of ours. */
export function extractPayload(pdf: Buffer): string | undefined {
  return findLiteral(pdf, INFO_PAYLOAD_KEY);
}

/** The canonical facts JSON embedded in a certificate PDF. */
export function extractFactsJson(pdf: Buffer): string | undefined {
  const b64 = findLiteral(pdf, INFO_FACTS_KEY);
  return b64 === undefined ? undefined : Buffer.from(b64, 'base64url').toString('utf8');
}
