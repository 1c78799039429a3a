import { signedHeaders } from '../../../protocol/request-auth';
import {
  HALL_PATH,
  type BadRatingCounts,
  type EventsResponse,
  type HallEventEnvelope,
  type HallWorklistSummary,
  type HallWorklistStepBody,
  type HallWorklistStepAnswer,
  type HallWorklistTask,
  type PairResponse,
} from '../../../protocol/hall-wire';

export interface HallCredentials {
  url: string;
  terminalId: string;
  secret: string;
  /** Hall-wide key for the person hash of the shared pool (the same at every terminal of the hall). */
  personKey?: string;
  /** The station area the hall paired this terminal for (worklists are shared within it). */
  area?: string | null;
}

/** A refusal or failure from the hall; `retryable` tells the outbox whether the same bytes may succeed later. */
export class HallCallError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly retryable: boolean,
    readonly params: Record<string, unknown> = {},
  ) {
    super(`${code} (${status})`);
  }
}

/** One-time pairing: the admin types the code the hall server shows; `area` is the config's station.area. */
export async function pairWithHall(url: string, code: string, name: string, area?: string): Promise<HallCredentials> {
  const res = await fetch(url + HALL_PATH.pair, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, name, ...(area ? { area } : {}) }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.json()) as PairResponse & { code?: string };
  if (!res.ok) throw new HallCallError(body.code ?? 'HALL_PAIRING_REFUSED', res.status, false);
  return {
    url,
    terminalId: body.terminalId,
    secret: body.secret,
    ...(body.personKey ? { personKey: body.personKey } : {}),
    area: body.area ?? null,
  };
}

/** Signed calls to the hall (HMAC, the registry's scheme); the terminal's secret never leaves the header signature. */
export function hallClient(creds: HallCredentials, timeoutMs = 10_000) {
  async function call<T>(
    method: 'GET' | 'POST',
    pathAndQuery: string,
    payload?: unknown,
    waitMs = timeoutMs,
  ): Promise<T> {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    let res: Response;
    try {
      res = await fetch(creds.url + pathAndQuery, {
        method,
        headers: {
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...signedHeaders({ appKey: creds.terminalId, appSecret: creds.secret, method, pathAndQuery, body }),
        },
        body: body || undefined,
        signal: AbortSignal.timeout(waitMs),
      });
    } catch (e) {
      throw new HallCallError('HALL_UNREACHABLE', 0, true, { message: (e as Error).message });
    }
    const json = (await res.json().catch(() => ({}))) as T & { code?: string; params?: Record<string, unknown> };
    if (!res.ok) {
      const skew = res.status === 401 && json.params?.reason === 'clock-skew';
      throw new HallCallError(
        json.code ?? 'HALL_UNAVAILABLE',
        res.status,
        res.status >= 500 || res.status === 429 || skew,
        json.params ?? {},
      );
    }
    return json;
  }
  return {
    sendEvents: (events: HallEventEnvelope[]) => call<EventsResponse>('POST', HALL_PATH.events, { events }),
    stats: (q: { from: string; to: string; by: string; clerk?: string }) =>
      call<{ rows: unknown[] }>(
        'GET',
        `${HALL_PATH.stats}?${new URLSearchParams(q as Record<string, string>).toString()}`,
      ),
    badRatings: (q: { clerk?: string }) =>
      call<BadRatingCounts>(
        'GET',
        `${HALL_PATH.badRatings}${q.clerk ? `?${new URLSearchParams({ clerk: q.clerk }).toString()}` : ''}`,
      ),
    poolPut: (p: { personHash: string; caseId: string; itemCode: string; values: Record<string, string> }) =>
      call<{ ok: true }>('POST', HALL_PATH.poolPut, p),
    poolRead: (r: { personHash: string; caseId: string; clerkId: string; itemCode: string; fields: string[] }) =>
      call<{ values: Record<string, { value: string; confirmedAt: number; itemCode?: string }> }>(
        'POST',
        HALL_PATH.poolRead,
        r,
      ),
    poolReads: (sinceMs: number) => call<{ rows: unknown[] }>('GET', `${HALL_PATH.poolReads}?since=${sinceMs}`),
    // Shared worklists (docs/worklists.md); a lost claim or step is HallCallError HALL_TASK_CONFLICT (409)
    // with the task as the hall has it in params.task.
    worklistPut: (w: unknown) => call<{ added: number }>('POST', HALL_PATH.worklistPut, w),
    worklistList: (area: string) =>
      call<{ worklists: HallWorklistSummary[] }>(
        'GET',
        `${HALL_PATH.worklistList}?${new URLSearchParams({ area }).toString()}`,
      ),
    worklistTasks: (q: { id: string; area: string; since?: number }) =>
      call<{ tasks: HallWorklistTask[] }>(
        'GET',
        `${HALL_PATH.worklistTasks}?${new URLSearchParams({ id: q.id, area: q.area, since: String(q.since ?? -1) }).toString()}`,
      ),
    // `waitMs`: a step that can be queued when the hall does not answer need not wait the full timeout.
    worklistClaim: (k: { id: string; seq: number; version: number; byUser?: string }, waitMs?: number) =>
      call<{ task: HallWorklistTask }>('POST', HALL_PATH.worklistClaim, k, waitMs),
    worklistStep: (k: HallWorklistStepBody, waitMs?: number) =>
      call<HallWorklistStepAnswer>('POST', HALL_PATH.worklistStep, k, waitMs),
  };
}
export type HallClient = ReturnType<typeof hallClient>;
