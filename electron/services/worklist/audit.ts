import { appendAudit, auditSubject } from '../audit';
import type { Core } from '../core/core';
import type { RecordCipher } from '../crypto';

/**
 * The worklist's own audit actions (new in this area; the hall sync's case events are untouched):
 * worklist-start, worklist-person-found (the population answer's use of one person),
 * worklist-contact, worklist-confirm, worklist-assign, worklist-output, worklist-deliver,
 * worklist-export; worklist-received (a person of a worklist built at another terminal of the
 * station, come from the hall: this terminal now holds them); worklist-step-not-applied (a step
 * recorded here while the hall was down that the hall did not take: another terminal had moved the
 * task; the step stays in the log, the task takes the hall's state).
 */
export type WorklistAuditAction =
  | 'worklist-start'
  | 'worklist-person-found'
  | 'worklist-contact'
  | 'worklist-confirm'
  | 'worklist-assign'
  | 'worklist-output'
  | 'worklist-deliver'
  | 'worklist-export'
  | 'worklist-received'
  | 'worklist-step-not-applied';

export function auditWorklist(
  core: Core,
  cipher: RecordCipher,
  action: WorklistAuditAction,
  e: {
    worklist: string;
    itemCode: string;
    purpose: string;
    idNumber?: string;
    caseId?: string;
    detail?: Record<string, unknown>;
    actor?: string;
  },
): void {
  appendAudit(core.db, {
    action,
    actor: e.actor ?? core.session?.userId ?? null,
    subject: e.idNumber ? auditSubject(cipher, e.idNumber) : null,
    itemCode: e.itemCode,
    // The worklist number is the case number the registry saw; a task's own case (a printed card) goes in detail.
    caseId: e.worklist,
    purpose: e.purpose,
    detail: { ...e.detail, ...(e.caseId ? { case: e.caseId } : {}) },
  });
}
