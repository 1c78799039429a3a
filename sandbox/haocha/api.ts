import type { IncomingMessage, ServerResponse } from 'node:http';
import { IDEMPOTENCY_HEADER } from '../../protocol/department-wire';
import { RATING_PATH, ratingWire, type RatingAnswer } from '../../protocol/rating-wire';
import { ApiError, NonceStore, authenticate } from '../auth';

type Send = (res: ServerResponse, status: number, value: unknown) => void;

/**
 * The sandbox 好差评 platform: signed ratings, idempotent on the terminal's key (the same key and
 * body get the first answer again), one rating per case (projNo): a second one is refused 409.
 */
export class SandboxRatings {
  private readonly byKey = new Map<string, { body: string; answer: RatingAnswer }>();
  private readonly byProj = new Map<string, string>();
  private readonly nonces = new NonceStore();
  totals = { received: 0, duplicates: 0, refused: 0 };

  constructor(
    private readonly apps: ReadonlyMap<string, string>,
    private readonly now: () => number,
  ) {}

  received(): { key: string; rating: unknown; answer: RatingAnswer }[] {
    return [...this.byKey].map(([key, v]) => ({ key, rating: JSON.parse(v.body) as unknown, answer: v.answer }));
  }

  handle(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer, send: Send): void {
    try {
      authenticate(req, body, this.apps, this.nonces, this.now());
      if (url.pathname !== RATING_PATH || req.method !== 'POST')
        throw new ApiError(404, 'NO_ROUTE', `No rating API at ${req.method} ${url.pathname}.`);
      send(res, ...this.take(req, body));
    } catch (e) {
      this.totals.refused++;
      const err = e instanceof ApiError ? e : new ApiError(500, 'INTERNAL', 'Internal error in the sandbox platform.');
      send(res, err.status, { code: err.code, message: err.message });
    }
  }

  private take(req: IncomingMessage, body: Buffer): [number, unknown] {
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      throw new ApiError(400, 'BAD_JSON', 'Body must be JSON.');
    }
    const parsed = ratingWire.safeParse(json);
    if (!parsed.success)
      throw new ApiError(
        422,
        'BAD_RATING',
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    const key = req.headers[IDEMPOTENCY_HEADER];
    if (typeof key !== 'string' || !key) throw new ApiError(400, 'BAD_IDEMPOTENCY_KEY', 'Send an Idempotency-Key.');
    const text = body.toString('utf8');
    const seen = this.byKey.get(key);
    if (seen) {
      if (seen.body !== text) throw new ApiError(409, 'IDEMPOTENCY_CONFLICT', 'This key was used with another rating.');
      this.totals.duplicates++;
      return [200, seen.answer];
    }
    if (this.byProj.has(parsed.data.projNo))
      throw new ApiError(409, 'ALREADY_RATED', 'This case (projNo) has already been rated: one rating per service.');
    const answer: RatingAnswer = {
      evaluationId: `EV${String(this.byKey.size + 1).padStart(8, '0')}`,
      receivedAt: new Date(this.now()).toISOString(),
    };
    this.byKey.set(key, { body: text, answer });
    this.byProj.set(parsed.data.projNo, key);
    this.totals.received++;
    return [201, answer];
  }
}
