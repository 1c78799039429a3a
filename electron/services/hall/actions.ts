import { FOLLOW_UP_KINDS, type CaseEventType, type FollowUpKind } from '../../../protocol/hall-wire';

/**
 * Audit actions (written by services/flow, citizen, …) → the hall's case event. The flow is not
 * touched: the hall's events are derived from the audit log, so these names must stay as they are
 * (BRIEF: audit action names are fixed). An action not listed sends nothing.
 *
 * `opened` and `checked` are not here: a case reaches the hall at its first step that names an
 * item (the hall counts per item); the tailer then sends `opened` at the card-read time and
 * `checked` at the item's choice, before that step's own event.
 */
export const ACTION_EVENTS: Readonly<Record<string, CaseEventType>> = {
  'certificate-issue': 'issued',
  print: 'printed',
  'print-completed-while-offline': 'printed',
  'print-found-at-spooler': 'printed',
  'application-submit': 'submitted',
  void: 'voided',
  rating: 'rated',
  'rating-followup': 'followed-up',
};

/** A `print` of a receipt or application form (detail.document) is not the certificate. */
export function eventFor(action: string, detail: string | null): CaseEventType | null {
  const type = ACTION_EVENTS[action];
  if (!type) return null;
  if (action === 'print' && detail && (JSON.parse(detail) as { document?: string }).document) return null;
  return type;
}

/** The step of a `rating-followup` entry (detail.kind), if it is one the hall knows. */
export function followUpOf(detail: string | null): FollowUpKind | null {
  const kind = detail ? (JSON.parse(detail) as { kind?: string }).kind : undefined;
  return (FOLLOW_UP_KINDS as readonly string[]).includes(kind ?? '') ? (kind as FollowUpKind) : null;
}

/** 好差评 levels are 1 (very satisfied) … 5 (very dissatisfied); the hall's are 1 (very bad) … 5 (very good). */
export const hallRating = (level: number) => 6 - level;
