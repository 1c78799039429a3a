import { IDEMPOTENCY_HEADER } from '../../../protocol/department-wire';
import { signedHeaders } from '../../../protocol/request-auth';
import { RATING_PATH, ratingAnswer } from '../../../protocol/rating-wire';
import { deliveryCall, malformed, type Receiver } from '../outbox';

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
      // The HTTP → DeliveryError sorting is the outbox's, shared with the department receiver.
      const { status, json } = await deliveryCall(
        f,
        { url, method: 'POST', headers, body: msg.body, timeoutMs: e.timeoutMs ?? 5000 },
        {
          system: 'The rating platform',
          conflict: 'The rating platform already holds a rating for this case.',
          refused: (st) => `The rating platform refused the rating (${st}).`,
        },
      );
      const a = ratingAnswer.safeParse(json);
      if (!a.success) throw malformed('The rating platform', status);
      return { remoteId: a.data.evaluationId, state: 'received', at: a.data.receivedAt, final: true };
    },
  };
}
