import type { HallAuditHead, HallCaseEvent } from '../../../protocol/hall-wire';
import type { OutboxMessageInput } from '../outbox/types';

/** The one hall receiver of a terminal; the outbox numbers its messages 1, 2, 3… */
export const HALL_RECEIVER = 'hall:main';

/**
 * A case event for the hall, to enqueue in the same transaction as the case step it reports (the
 * flow owns that call). Ids and codes only: the hall's statistics need no personal data.
 */
export function hallCaseEvent(ev: HallCaseEvent): OutboxMessageInput {
  return {
    kind: 'hall-event',
    receiver: HALL_RECEIVER,
    // A case has each step once, except ratings and decisions that may repeat: `at` keeps them apart.
    key: `hall.${ev.caseId}.${ev.type}.${ev.at}`,
    caseId: ev.caseId,
    clerkId: ev.clerkId,
    itemCode: ev.itemCode,
    payload: ev,
  };
}

export function hallAuditHead(h: Omit<HallAuditHead, 'type'>): OutboxMessageInput {
  return {
    kind: 'hall-event',
    receiver: HALL_RECEIVER,
    key: `hall.audit.${h.count}`,
    payload: { type: 'audit-head', ...h },
  };
}
