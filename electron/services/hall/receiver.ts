import type { HallEventBody, HallEventEnvelope } from '../../../protocol/hall-wire';
import { DeliveryError, type OutboxErrorCode } from '../outbox';
import type { Receiver } from '../outbox/types';
import { HallCallError, type HallClient } from './client';

/** Up to `limit` queued hall messages after `seq` for one receiver, opened (a catch-up batch). */
export type PeekAfter = (receiver: string, seq: number, limit: number) => HallEventEnvelope[];

const BATCH = 250;

/**
 * The outbox's `hall` receiver family: ordered, so the hall gets each terminal's events in seq
 * order and can store them exactly once and see a gap. To catch up after a day offline, a
 * delivery also carries the messages queued behind it (`peek`); the hall's answer says up to which
 * seq it holds them, and those later deliveries are answered here without a call. That is safe:
 * the hall confirmed them, and a restart forgets the mark, which costs only duplicates it ignores.
 */
export function hallReceiver(client: () => HallClient | null, peek?: PeekAfter): Receiver {
  const held = new Map<string, number>();
  return {
    ordered: true,
    async deliver(msg) {
      if (msg.seq <= (held.get(msg.receiver) ?? 0)) return { state: 'stored', remoteId: String(msg.seq), final: true };
      const c = client();
      // Not paired yet: wait (retryable); messages go once an admin pairs the terminal.
      if (!c) throw new DeliveryError('OUTBOX_UNREACHABLE', 'terminal is not paired with a hall', true);
      const first: HallEventEnvelope = { seq: msg.seq, key: msg.key, body: JSON.parse(msg.body) as HallEventBody };
      const rest = peek ? peek(msg.receiver, msg.seq, BATCH - 1) : [];
      // Only a contiguous run: the hall refuses a batch with a hole as a gap.
      const run = [first];
      for (const e of rest)
        if (e.seq === run[run.length - 1]!.seq + 1) run.push(e);
        else break;
      try {
        const r = await c.sendEvents(run);
        held.set(msg.receiver, Math.max(held.get(msg.receiver) ?? 0, Math.min(r.lastSeq, run[run.length - 1]!.seq)));
        return { state: 'stored', remoteId: String(msg.seq), final: true };
      } catch (e) {
        if (e instanceof HallCallError)
          throw new DeliveryError(outboxCode(e), e.message, e.retryable || e.code === 'HALL_SEQ_GAP');
        throw e;
      }
    },
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
