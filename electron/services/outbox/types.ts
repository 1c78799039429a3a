import type { RecordCipher } from '../crypto';

export type OutboxCipher = Pick<RecordCipher, 'seal' | 'open' | 'keyedHash'>;

/** What a caller puts in the outbox. `kind` names the payload's shape, `receiver` who takes it. */
export interface OutboxMessageInput {
  /** submission | rating | hall-event | …: each kind has its receiver(s) and payload schema. */
  kind: string;
  /** Routing name, `<family>:<name>` (department:DMCAB01, rating:haocha, hall:main); the family picks the receiver. */
  receiver: string;
  /** Idempotency key, unique per receiver: the receiver sees every redelivery of it as the same message. */
  key: string;
  caseId?: string;
  clerkId?: string;
  itemCode?: string;
  /** JSON; sealed at rest. */
  payload: unknown;
}

export type DeliveryState = 'pending' | 'delivered' | 'dead';

/** A stored message as delivery and the views read it (payload opened only when sending). */
export interface OutboxRow {
  id: number;
  kind: string;
  receiver: string;
  key: string;
  /** 1, 2, 3… per receiver, never reused. */
  seq: number;
  caseId: string | null;
  clerkId: string | null;
  itemCode: string | null;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  remoteId: string | null;
  remoteState: string | null;
  remoteAt: string | null;
  final: boolean;
  nextPollAt: number | null;
  pollFailures: number;
  handledAt: string | null;
}

/** The receiver's word on a message, from the delivery answer or a later poll. */
export interface RemoteStatus {
  remoteId?: string;
  state: string;
  /** Free text from the receiver (may name the person): sealed at rest. */
  reason?: { zh: string; en: string };
  at?: string;
  /** No further change expected: stop polling. */
  final: boolean;
}

/**
 * One receiver family. deliver() must be idempotent on (receiver, key) at the far end: it is
 * called again after any crash or lost answer. poll() exists for kinds with a later decision.
 */
export interface OutboxDelivery {
  receiver: string;
  key: string;
  seq: number;
  kind: string;
  body: string;
}

export interface Receiver {
  /**
   * One message at a time per receiver, in seq order; a message being retried holds back the later
   * ones (the hall's event log needs order). Unordered receivers get up to `concurrency` at once.
   */
  ordered?: boolean;
  deliver(msg: OutboxDelivery): Promise<RemoteStatus>;
  /**
   * Ordered receivers only: takes the head and up to `batch − 1` messages queued right behind it
   * (consecutive seq, all pending) in one call, and answers one status per message, in order. The
   * outbox marks them delivered together in one transaction; a failure retries the whole run from
   * its head (so the far end must be idempotent by seq, as it is for single messages); a refusal
   * (not retryable) sends that run one by one, so one bad message is found and refused by itself.
   */
  batch?: number;
  deliverBatch?(msgs: OutboxDelivery[]): Promise<RemoteStatus[]>;
  /**
   * The longest a failed message of this receiver waits for its next try (default: the outbox's
   * backoff cap, 5 min). For a receiver people wait on: the worklist steps staff recorded while the
   * hall was down should reach it within this of its return, not after the 5-minute step.
   */
  maxRetryMs?: number;
  /**
   * The other receivers reached at the same server as this one (the hall's events, pool and
   * worklists). When this receiver takes a message, the server is back: their put-off messages go
   * now, not at their next try (a worklist step queued at a resident's door follows the first case
   * event the window sends after the hall's return).
   */
  sameServer?(receiver: string): readonly string[];
  poll?(msg: { receiver: string; key: string; kind: string; remoteId: string | null }): Promise<RemoteStatus>;
}
