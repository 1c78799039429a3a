import { signedHeaders } from '../../../protocol/request-auth';
import {
  DEPT_PATH,
  FINAL_STATES,
  IDEMPOTENCY_HEADER,
  submissionAnswerSchema,
  type SubmissionAnswer,
} from '../../../protocol/department-wire';
import { DeliveryError } from './errors';
import type { Receiver, RemoteStatus } from './types';

export interface DepartmentEndpoint {
  url: string;
  appKey: string;
  appSecret: string;
  timeoutMs?: number;
}

export interface DepartmentReceiverOptions {
  /** Where every department is reached (a provincial exchange routes on), unless `byCode` names one. */
  default: DepartmentEndpoint;
  byCode?: Record<string, DepartmentEndpoint>;
  fetchImpl?: typeof fetch;
}

const MAX_ANSWER = 256 * 1024;
const codeOf = (receiver: string) => receiver.slice(receiver.indexOf(':') + 1);

function toStatus(a: SubmissionAnswer): RemoteStatus {
  return {
    remoteId: a.receiptId,
    state: a.status,
    ...(a.reason ? { reason: a.reason } : {}),
    at: a.decidedAt ?? a.receivedAt,
    final: FINAL_STATES.includes(a.status),
  };
}

/**
 * The department back-office client: signed calls (as the registry's), idempotent by submission id.
 * Sorts every failure into retryable (network, timeout, 408/425/429/5xx, clock skew) or refused.
 */
export function departmentReceiver(o: DepartmentReceiverOptions): Receiver {
  const f = o.fetchImpl ?? fetch;
  const endpoint = (receiver: string) => o.byCode?.[codeOf(receiver)] ?? o.default;

  async function call(
    e: DepartmentEndpoint,
    method: 'GET' | 'POST',
    path: string,
    body: string | undefined,
    extra: Record<string, string>,
  ): Promise<SubmissionAnswer> {
    const url = new URL(path, e.url);
    const headers = {
      ...signedHeaders({
        appKey: e.appKey,
        appSecret: e.appSecret,
        method,
        pathAndQuery: url.pathname + url.search,
        ...(body !== undefined ? { body } : {}),
      }),
      ...extra,
      ...(body !== undefined ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    };
    const timeoutMs = e.timeoutMs ?? 5000;
    let res: Response;
    let text: string;
    try {
      res = await f(url, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
      text = await res.text();
    } catch (err) {
      const timeout = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      throw timeout
        ? new DeliveryError(
            'OUTBOX_TIMEOUT',
            `The department system at ${url.host} did not answer within ${timeoutMs} ms; it is retried automatically.`,
            true,
          )
        : new DeliveryError(
            'OUTBOX_UNREACHABLE',
            `The department system at ${url.host} could not be reached; it is retried automatically.`,
            true,
          );
    }
    if (text.length > MAX_ANSWER)
      throw new DeliveryError(
        'OUTBOX_MALFORMED',
        'The department system sent an oversized answer; retried later.',
        true,
        res.status,
      );
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const code = (json as { code?: unknown } | undefined)?.code;
    if (res.status >= 500 || [408, 425, 429].includes(res.status)) {
      throw new DeliveryError(
        'OUTBOX_SERVER_ERROR',
        `The department system answered ${res.status}; it is retried automatically.`,
        true,
        res.status,
      );
    }
    // A clock out of step is fixed by fixing the clock, not by changing the message: keep trying.
    if (res.status === 401 && code === 'CLOCK_SKEW')
      throw new DeliveryError(
        'OUTBOX_REFUSED',
        'The department refused the terminal clock (more than 5 minutes off); set the clock, delivery resumes by itself.',
        true,
        401,
      );
    if (res.status === 409)
      throw new DeliveryError(
        'OUTBOX_CONFLICT',
        'The department already holds this submission id with other content; it was not sent again. Tell the administrator.',
        false,
        409,
      );
    if (res.status === 404 && method === 'GET')
      throw new DeliveryError('OUTBOX_REFUSED', 'The department does not know this submission.', true, 404);
    if (res.status < 200 || res.status >= 300) {
      throw new DeliveryError(
        'OUTBOX_REFUSED',
        `The department refused the submission (${res.status} ${typeof code === 'string' ? code : ''}); check the credentials and the item's form, then send it again.`,
        false,
        res.status,
      );
    }
    const parsed = submissionAnswerSchema.safeParse(json);
    if (!parsed.success)
      throw new DeliveryError(
        'OUTBOX_MALFORMED',
        'The department system answered in an unexpected form; retried later.',
        true,
        res.status,
      );
    return parsed.data;
  }

  return {
    async deliver(m) {
      const a = await call(endpoint(m.receiver), 'POST', DEPT_PATH.slice(1), m.body, { [IDEMPOTENCY_HEADER]: m.key });
      if (a.submissionId !== m.key)
        throw new DeliveryError(
          'OUTBOX_MALFORMED',
          'The department answered for another submission id; retried later.',
          true,
        );
      return toStatus(a);
    },
    async poll(m) {
      return toStatus(
        await call(endpoint(m.receiver), 'GET', `${DEPT_PATH.slice(1)}/${encodeURIComponent(m.key)}`, undefined, {}),
      );
    },
  };
}
