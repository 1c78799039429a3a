import { DeliveryError } from '../outbox';
import type { Receiver } from '../outbox/types';
import { HallCallError, type HallClient } from './client';

/**
 * The `hallpool` family: confirmed values to the hall's pool. The hall's put is "latest wins" per
 * (person, field), so a resend after a lost answer changes nothing; order does not matter.
 */
export function hallPoolReceiver(client: (receiver: string) => HallClient | null): Receiver {
  return {
    async deliver(msg) {
      const c = client(msg.receiver);
      if (!c) throw new DeliveryError('OUTBOX_UNREACHABLE', 'terminal is not paired with this hall', true);
      try {
        await c.poolPut(JSON.parse(msg.body) as Parameters<HallClient['poolPut']>[0]);
        return { state: 'stored', final: true };
      } catch (e) {
        if (e instanceof HallCallError)
          throw new DeliveryError(e.status === 0 ? 'OUTBOX_UNREACHABLE' : 'OUTBOX_REFUSED', e.message, e.retryable);
        throw e;
      }
    },
  };
}
