import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { UsageContext } from './registry-types';

/**
 * App authentication of registry calls (spec: sandbox/README.md "Registry API").
 * String to sign, lines joined by "\n":
 *   METHOD, path+query as sent, X-Timestamp, X-Nonce, hex SHA-256 of the body (empty body too),
 *   then the six X-Usage-* header values as sent (empty when absent).
 * X-Signature = hex HMAC-SHA256(appSecret, stringToSign). Signing the usage headers stops a proxy
 * from rewriting who used the data and why. A call that carries X-Row-Key (a batch line's person)
 * signs it too, as one more line: the registry records one use per row key, so a key added or
 * changed on the way could hide a use.
 */
export const HEADER = {
  appKey: 'x-app-key',
  timestamp: 'x-timestamp',
  nonce: 'x-nonce',
  signature: 'x-signature',
} as const;

/** Usage headers in signing order; text values are percent-encoded UTF-8. */
export const USAGE_HEADERS: ReadonlyArray<readonly [keyof UsageContext, string]> = [
  ['organisation', 'x-usage-organisation'],
  ['clerk', 'x-usage-clerk'],
  ['itemName', 'x-usage-item-name'],
  ['itemCode', 'x-usage-item-code'],
  ['caseNumber', 'x-usage-case'],
  ['reason', 'x-usage-reason'],
];

/**
 * A batch line's person (the batch endpoint's `keys`, and this header on per-person calls): the
 * registry records one use per (app, case number, row key), whichever endpoint is asked.
 */
export const ROW_KEY_HEADER = 'x-row-key';
export const ROW_KEY_PATTERN = /^[\w.:-]{1,64}$/;

export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export function sha256Hex(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

export function stringToSign(p: {
  method: string;
  pathAndQuery: string;
  timestamp: string;
  nonce: string;
  bodySha256: string;
  usageValues: string[];
  /** X-Row-Key as sent; absent on calls without one (their text is unchanged). */
  rowKey?: string;
}): string {
  const lines = [p.method.toUpperCase(), p.pathAndQuery, p.timestamp, p.nonce, p.bodySha256, ...p.usageValues];
  if (p.rowKey !== undefined) lines.push(p.rowKey);
  return lines.join('\n');
}

export function hmacHex(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text, 'utf8').digest('hex');
}

export function safeEqualHex(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export function usageToHeaders(usage: UsageContext | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!usage) return out;
  for (const [field, header] of USAGE_HEADERS) out[header] = encodeURIComponent(usage[field]);
  return out;
}

/** Builds every auth and usage header for one call. */
export function signedHeaders(p: {
  appKey: string;
  appSecret: string;
  method: string;
  pathAndQuery: string;
  body?: string;
  usage?: UsageContext;
  now?: number;
  nonce?: string;
  /** Sent as X-Row-Key and signed. */
  rowKey?: string;
}): Record<string, string> {
  const timestamp = String(p.now ?? Date.now());
  const nonce = p.nonce ?? randomBytes(16).toString('hex');
  const usageHeaders = usageToHeaders(p.usage);
  const signature = hmacHex(
    p.appSecret,
    stringToSign({
      method: p.method,
      pathAndQuery: p.pathAndQuery,
      timestamp,
      nonce,
      bodySha256: sha256Hex(p.body ?? ''),
      usageValues: USAGE_HEADERS.map(([, h]) => usageHeaders[h] ?? ''),
      ...(p.rowKey !== undefined ? { rowKey: p.rowKey } : {}),
    }),
  );
  return {
    ...usageHeaders,
    ...(p.rowKey !== undefined ? { [ROW_KEY_HEADER]: p.rowKey } : {}),
    [HEADER.appKey]: p.appKey,
    [HEADER.timestamp]: timestamp,
    [HEADER.nonce]: nonce,
    [HEADER.signature]: signature,
  };
}
