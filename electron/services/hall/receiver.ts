import type { HallEventBody, HallEventEnvelope } from '../../../protocol/hall-wire';
import { DeliveryError, type OutboxErrorCode } from '../outbox';
import type { OutboxDelivery, Receiver, RemoteStatus } from '../outbox/types';
import { HallCallError, type HallClient } from './client';

/** Events per call when catching up: ~250 KB bodies, one hall transaction, one outbox commit. */
export const HALL_BATCH = 1000;

/**
 * The outbox's `hall` receiver family: ordered, so the hall gets each terminal's events in seq
 * order and can store them exactly once and see a gap; batched, so the outbox hands it the run of
 * messages queued behind the head (a day offline catches up in a few hundred calls). The hall
 * answers with the highest seq it holds; a run it took is confirmed message by message. A lost
 * answer resends the run, which the hall counts as duplicates by seq.
 */
export function hallReceiver(client: () => HallClient | null): Receiver {
  async function send(msgs: OutboxDelivery[]): Promise<RemoteStatus[]> {
    const c = client();
    // Not paired yet: wait (retryable); messages go once an admin pairs the terminal.
    if (!c) throw new DeliveryError('OUTBOX_UNREACHABLE', 'terminal is not paired with a hall', true);
    const run: HallEventEnvelope[] = msgs.map((m) => ({
      seq: m.seq,
      key: m.key,
      body: JSON.parse(m.body) as HallEventBody,
    }));
    let lastSeq: number;
    try {
      lastSeq = (await c.sendEvents(run)).lastSeq;
    } catch (e) {
      if (e instanceof HallCallError)
        throw new DeliveryError(outboxCode(e), e.message, e.retryable || e.code === 'HALL_SEQ_GAP', e.status);
      throw e;
    }
    if (!(lastSeq >= run[run.length - 1]!.seq))
      throw new DeliveryError('OUTBOX_MALFORMED', `the hall holds up to seq ${lastSeq} only`, true);
    return run.map((e) => ({ state: 'stored', remoteId: String(e.seq), final: true }));
  }
  return {
    ordered: true,
    batch: HALL_BATCH,
    deliver: async (msg) => (await send([msg]))[0]!,
    deliverBatch: send,
  };
}

/** The hall's codes in the outbox's words (the clerk's list already words these). */
function outboxCode(e: HallCallError): OutboxErrorCode {
  if (e.status === 0) return 'OUTBOX_UNREACHABLE';
  if (e.status >= 500) return 'OUTBOX_SERVER_ERROR';
  if (e.status === 409) return 'OUTBOX_CONFLICT';
  if (e.status === 400) return 'OUTBOX_MALFORMED';
  return 'OUTBOX_REFUSED';
}
