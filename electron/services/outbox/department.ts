import { signedHeaders } from '../../../protocol/request-auth';
import {
  DEPT_PATH,
  FINAL_STATES,
  IDEMPOTENCY_HEADER,
  submissionAnswerSchema,
  type SubmissionAnswer,
} from '../../../protocol/department-wire';
import { DeliveryError } from './errors';
import { deliveryCall, malformed } from './http';
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
    const { status, json } = await deliveryCall(
      f,
      { url, method, headers, body, timeoutMs: e.timeoutMs ?? 5000 },
      {
        system: 'The department system',
        conflict:
          'The department already holds this submission id with other content; it was not sent again. Tell the administrator.',
        refused: (st, code) =>
          `The department refused the submission (${st} ${code}); check the credentials and the item's form, then send it again.`,
        special: (st, code) => {
          // A clock out of step is fixed by fixing the clock, not by changing the message: keep trying.
          if (st === 401 && code === 'CLOCK_SKEW')
            return new DeliveryError(
              'OUTBOX_REFUSED',
              'The department refused the terminal clock (more than 5 minutes off); set the clock, delivery resumes by itself.',
              true,
              401,
            );
          if (st === 404 && method === 'GET')
            return new DeliveryError('OUTBOX_REFUSED', 'The department does not know this submission.', true, 404);
          return undefined;
        },
      },
    );
    const parsed = submissionAnswerSchema.safeParse(json);
    if (!parsed.success) throw malformed('The department system', status);
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
