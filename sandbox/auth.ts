import type { IncomingMessage } from 'node:http';
import {
  HEADER,
  MAX_CLOCK_SKEW_MS,
  ROW_KEY_HEADER,
  USAGE_HEADERS,
  hmacHex,
  safeEqualHex,
  sha256Hex,
  stringToSign,
} from '../protocol/request-auth';
import type { UsageContext } from '../protocol/registry-types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Nonces are remembered for twice the skew window: any older request fails the clock check anyway. */
export class NonceStore {
  private readonly seen = new Map<string, number>();

  constructor(private readonly max = 200_000) {}

  /** False when the nonce was used before. */
  use(nonce: string, now: number): boolean {
    if (this.seen.size > this.max / 2) {
      for (const [n, exp] of this.seen) if (exp < now) this.seen.delete(n);
      // Under a flood, refusing is safer than forgetting nonces that could be replayed.
      if (this.seen.size >= this.max)
        throw new ApiError(503, 'BUSY', 'Too many requests in the replay window; retry shortly.');
    }
    if (this.seen.has(nonce)) return false;
    this.seen.set(nonce, now + 2 * MAX_CLOCK_SKEW_MS);
    return true;
  }
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Checks the app signature (spec in sandbox/README.md); returns the app key on success. */
export function authenticate(
  req: IncomingMessage,
  body: Buffer,
  apps: ReadonlyMap<string, string>,
  nonces: NonceStore,
  now: number,
): string {
  const appKey = header(req, HEADER.appKey);
  const ts = header(req, HEADER.timestamp);
  const nonce = header(req, HEADER.nonce);
  const sig = header(req, HEADER.signature);
  if (!appKey || !ts || !nonce || !sig) {
    throw new ApiError(
      401,
      'UNSIGNED',
      'The request is not signed: X-App-Key, X-Timestamp, X-Nonce and X-Signature are required.',
    );
  }
  const secret = apps.get(appKey);
  if (secret === undefined)
    throw new ApiError(401, 'UNKNOWN_APP', `App key "${appKey}" is not registered with this registry.`);
  const t = Number(ts);
  if (!/^\d{10,16}$/.test(ts) || Math.abs(now - t) > MAX_CLOCK_SKEW_MS) {
    throw new ApiError(
      401,
      'CLOCK_SKEW',
      'X-Timestamp is more than 5 minutes from the registry clock; set the terminal clock correctly.',
    );
  }
  if (!/^[0-9A-Za-z_-]{16,64}$/.test(nonce))
    throw new ApiError(401, 'BAD_NONCE', 'X-Nonce must be 16-64 letters or digits.');
  const expected = hmacHex(
    secret,
    stringToSign({
      method: req.method ?? 'GET',
      pathAndQuery: req.url ?? '/',
      timestamp: ts,
      nonce,
      bodySha256: sha256Hex(body),
      usageValues: USAGE_HEADERS.map(([, h]) => header(req, h) ?? ''),
      rowKey: header(req, ROW_KEY_HEADER),
    }),
  );
  if (!safeEqualHex(expected, sig.toLowerCase()))
    throw new ApiError(
      401,
      'BAD_SIGNATURE',
      'X-Signature does not match the request (wrong app secret or altered request).',
    );
  if (!nonces.use(nonce, now))
    throw new ApiError(
      401,
      'REPLAYED',
      'This request was already received (X-Nonce reused); it is refused as a replay.',
    );
  return appKey;
}

/** Reads the usage elements; a missing one is named in the 400 answer. */
export function readUsage(req: IncomingMessage): UsageContext {
  const out: Partial<UsageContext> = {};
  const missing: string[] = [];
  for (const [field, h] of USAGE_HEADERS) {
    const raw = header(req, h);
    let v = '';
    try {
      v = raw === undefined ? '' : decodeURIComponent(raw).trim();
    } catch {
      throw new ApiError(400, 'BAD_USAGE', `${h} is not valid percent-encoded UTF-8.`);
    }
    if (!v) missing.push(`${h} (${field})`);
    out[field] = v;
  }
  if (missing.length) {
    throw new ApiError(
      400,
      'USAGE_MISSING',
      `Usage element missing: ${missing.join(', ')}. Every use of a license must name organisation, clerk, service item name and code, case number and reason.`,
    );
  }
  return out as UsageContext;
}
