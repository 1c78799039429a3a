import type { HallEventBody } from '../../../protocol/hall-wire';
import { DeliveryError, type OutboxErrorCode } from '../outbox';
import type { Receiver } from '../outbox/types';
import { HallCallError, type HallClient } from './client';

/**
 * The outbox's `hall` receiver family: ordered, so the hall gets each terminal's events one at a
 * time in seq order and can store them exactly once and see a gap. A duplicate (after a kill
 * between send and markDelivered) is answered like the first delivery.
 */
export function hallReceiver(client: () => HallClient | null): Receiver {
  return {
    ordered: true,
    async deliver(msg) {
      const c = client();
      // Not paired yet: wait (retryable); messages go once an admin pairs the terminal.
      if (!c) throw new DeliveryError('OUTBOX_UNREACHABLE', 'terminal is not paired with a hall', true);
      try {
        const r = await c.sendEvents([{ seq: msg.seq, key: msg.key, body: JSON.parse(msg.body) as HallEventBody }]);
        return { state: 'stored', remoteId: `${r.lastSeq}`, final: true };
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
