import { IDEMPOTENCY_HEADER } from '../../../protocol/department-wire';
import { signedHeaders } from '../../../protocol/request-auth';
import { RATING_PATH, ratingAnswer } from '../../../protocol/rating-wire';
import { DeliveryError, type Receiver } from '../outbox';

export interface RatingEndpoint {
  url: string;
  appKey: string;
  appSecret: string;
  timeoutMs?: number;
}

/**
 * The outbox receiver family `rating`: posts the sealed rating, as queued, to the 好差评 platform,
 * signed like the registry's calls, idempotent on the outbox key. The platform's 409 for a case
 * already rated is final: the same case is never rated twice.
 */
export function ratingReceiver(e: RatingEndpoint, f: typeof fetch = fetch): Receiver {
  return {
    async deliver(msg) {
      const url = new URL(RATING_PATH, e.url);
      const headers = {
        ...signedHeaders({
          appKey: e.appKey,
          appSecret: e.appSecret,
          method: 'POST',
          pathAndQuery: url.pathname,
          body: msg.body,
        }),
        [IDEMPOTENCY_HEADER]: msg.key,
        'content-type': 'application/json; charset=utf-8',
      };
      let res: Response;
      let text: string;
      try {
        res = await f(url, {
          method: 'POST',
          headers,
          body: msg.body,
          signal: AbortSignal.timeout(e.timeoutMs ?? 5000),
        });
        text = await res.text();
      } catch {
        throw new DeliveryError(
          'OUTBOX_UNREACHABLE',
          `The rating platform at ${url.host} could not be reached; retried.`,
          true,
        );
      }
      if (res.status >= 500 || [408, 425, 429].includes(res.status))
        throw new DeliveryError(
          'OUTBOX_SERVER_ERROR',
          `The rating platform answered ${res.status}; retried.`,
          true,
          res.status,
        );
      if (res.status === 409)
        throw new DeliveryError(
          'OUTBOX_CONFLICT',
          'The rating platform already holds a rating for this case.',
          false,
          409,
        );
      if (res.status < 200 || res.status >= 300)
        throw new DeliveryError(
          'OUTBOX_REFUSED',
          `The rating platform refused the rating (${res.status}).`,
          false,
          res.status,
        );
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      const a = ratingAnswer.safeParse(json);
      if (!a.success)
        throw new DeliveryError(
          'OUTBOX_MALFORMED',
          'The rating platform answered in an unexpected form; retried.',
          true,
          res.status,
        );
      return { remoteId: a.data.evaluationId, state: 'received', at: a.data.receivedAt, final: true };
    },
  };
}
