import type { HallAuditHead, HallCaseEvent } from '../../../protocol/hall-wire';
import type { OutboxMessageInput } from '../outbox/types';

/**
 * The default hall receiver; a paired terminal uses `hall:<terminalId>` (hallReceiverName) so a new
 * pairing starts at seq 1 at its new hall. The outbox numbers each receiver's messages 1, 2, 3…
 */
export const HALL_RECEIVER = 'hall:main';

/**
 * A case event for the hall, to enqueue in the same transaction as the case step it reports (the
 * flow owns that call). Ids and codes only: the hall's statistics need no personal data.
 */
export function hallCaseEvent(ev: HallCaseEvent, receiver = HALL_RECEIVER): OutboxMessageInput {
  return {
    kind: 'hall-event',
    receiver,
    // A case has each step once, except ratings and decisions that may repeat: `at` keeps them apart.
    // A follow-up names its step too: verify and callback recorded in one millisecond stay two events.
    key: `hall.${ev.caseId}.${ev.type}${ev.followUp ? `.${ev.followUp}` : ''}.${ev.at}`,
    caseId: ev.caseId,
    clerkId: ev.clerkId,
    itemCode: ev.itemCode,
    payload: ev,
  };
}

export function hallAuditHead(h: Omit<HallAuditHead, 'type'>, receiver = HALL_RECEIVER): OutboxMessageInput {
  return {
    kind: 'hall-event',
    receiver,
    key: `hall.audit.${h.count}`,
    payload: { type: 'audit-head', ...h },
  };
}

export const hallReceiverName = (terminalId: string) => `hall:${terminalId}`;
export const hallPoolReceiverName = (terminalId: string) => `hallpool:${terminalId}`;
