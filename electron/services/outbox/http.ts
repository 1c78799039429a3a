import { DeliveryError } from './errors';

const MAX_ANSWER = 256 * 1024;

export interface DeliveryHttpCall {
  url: URL;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

/** How one far end is named in the clerk's "needs action" texts, and its own exceptions. */
export interface DeliveryWording {
  /** "The department system", "The rating platform": the host is added where it helps. */
  system: string;
  /** 409: the far end holds this key with other content. */
  conflict: string;
  /** Any other refusal (4xx): what to do about it. */
  refused: (status: number, code: string) => string;
  /** A status this far end means otherwise (e.g. a clock-skew 401 that is worth retrying). */
  special?: (status: number, code: string) => DeliveryError | undefined;
}

/**
 * One HTTP call of a receiver, with every failure sorted as the outbox needs it: network errors,
 * timeouts, 408/425/429/5xx, an oversized answer: retried; 409: conflict, refused for good; other
 * non-2xx: refused for good (the same bytes cannot succeed). Returns the parsed JSON of a 2xx
 * answer (undefined when it is not JSON: the caller's schema check words that as malformed).
 */
export async function deliveryCall(
  f: typeof fetch,
  call: DeliveryHttpCall,
  w: DeliveryWording,
): Promise<{ status: number; json: unknown }> {
  let res: Response;
  let text: string;
  try {
    res = await f(call.url, {
      method: call.method,
      headers: call.headers,
      body: call.body,
      signal: AbortSignal.timeout(call.timeoutMs),
    });
    text = await res.text();
  } catch (err) {
    const timeout = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    throw timeout
      ? new DeliveryError(
          'OUTBOX_TIMEOUT',
          `${w.system} at ${call.url.host} did not answer within ${call.timeoutMs} ms; it is retried automatically.`,
          true,
        )
      : new DeliveryError(
          'OUTBOX_UNREACHABLE',
          `${w.system} at ${call.url.host} could not be reached; it is retried automatically.`,
          true,
        );
  }
  if (text.length > MAX_ANSWER)
    throw new DeliveryError(
      'OUTBOX_MALFORMED',
      `${w.system} sent an oversized answer; retried later.`,
      true,
      res.status,
    );
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const rawCode = (json as { code?: unknown } | undefined)?.code;
  const code = typeof rawCode === 'string' ? rawCode : '';
  if (res.status >= 500 || [408, 425, 429].includes(res.status))
    throw new DeliveryError(
      'OUTBOX_SERVER_ERROR',
      `${w.system} answered ${res.status}; it is retried automatically.`,
      true,
      res.status,
    );
  const special = w.special?.(res.status, code);
  if (special) throw special;
  if (res.status === 409) throw new DeliveryError('OUTBOX_CONFLICT', w.conflict, false, 409);
  if (res.status < 200 || res.status >= 300)
    throw new DeliveryError('OUTBOX_REFUSED', w.refused(res.status, code), false, res.status);
  return { status: res.status, json };
}

/** A 2xx answer whose body is not what the far end's wire says. */
export function malformed(system: string, status?: number): DeliveryError {
  return new DeliveryError(
    'OUTBOX_MALFORMED',
    `${system} answered in an unexpected form; retried later.`,
    true,
    status,
  );
}
