import type { HallWorklistStepBody } from '../../../protocol/hall-wire';
import type { Core } from '../core/core';
import { HallCallError } from '../hall/client';
import { DeliveryError } from '../outbox';
import type { Receiver } from '../outbox/types';
import { markPut, sharedLink, worklistReceiver, type PutBody } from './hall-share';

/** A step the terminal recorded (the card was printed) while the hall did not answer: sent later. */
export interface LateStepBody {
  type: 'step';
  step: HallWorklistStepBody;
}

/**
 * The `hall-worklist` family: ordered, so a worklist's put reaches the hall before any late step
 * of its tasks. A hall outage only delays it (retryable); the put is idempotent at the hall (only
 * missing tasks are added), so a resend after a lost answer adds nothing. Messages of an earlier
 * pairing are refused as final: the new hall never had the worklist.
 */
export function worklistHallReceiver(core: Core): Receiver {
  return {
    ordered: true,
    async deliver(msg) {
      const link = sharedLink(core);
      if (!link) throw new DeliveryError('OUTBOX_UNREACHABLE', 'terminal is not paired with a hall for its area', true);
      if (msg.receiver !== worklistReceiver(link.terminalId))
        throw new DeliveryError('OUTBOX_REFUSED', 'queued for an earlier pairing', false);
      const body = JSON.parse(msg.body) as PutBody | LateStepBody;
      try {
        if (body.type === 'put') {
          const { type: _type, ...put } = body;
          await link.client.worklistPut(put);
          markPut(
            core.db,
            put.id,
            put.tasks.map((t) => t.seq),
          );
        } else {
          const { task } = await link.client.worklistStep(body.step);
          core.db
            .prepare('UPDATE worklist_tasks SET hall_version = ? WHERE worklist_id = ? AND seq = ?')
            .run(task.version, task.worklistId, task.seq);
        }
        return { state: 'stored', final: true };
      } catch (e) {
        if (e instanceof HallCallError)
          throw new DeliveryError(
            e.status === 0 ? 'OUTBOX_UNREACHABLE' : e.status === 409 ? 'OUTBOX_CONFLICT' : 'OUTBOX_REFUSED',
            e.message,
            e.retryable,
            e.status || undefined,
          );
        throw e;
      }
    },
  };
}
