import { submissionPayloadSchema } from '../../../protocol/department-wire';
import { OutboxError } from './errors';
import type { OutboxMessageInput } from './types';

export interface SubmissionInput {
  caseId: string;
  department: string;
  itemCode: string;
  itemName: string;
  hall: { id: string; name: string };
  counter: string;
  clerk: { id: string; name?: string };
  applicant: { idNumber: string; name: string };
  form?: Record<string, string | number | boolean | null>;
  exempted?: { name: string; licenseId?: string }[];
  submittedAt?: Date;
  /** Several submissions of one case to one department (a resubmission after 需补正) get 2, 3… */
  seq?: number;
}

/**
 * A department submission as an outbox message, checked against the wire schema now, inside the
 * caller's transaction, so a form the department would refuse fails at the counter, not hours later.
 * The key (= submission id) is derived from the case, so a retried case step cannot make a second one.
 *
 *   db.transaction(() => { …write the case…; outbox.enqueue(db, submission({...})) })()
 */
export function submission(i: SubmissionInput): OutboxMessageInput {
  const key = `${i.caseId}.${i.department}.${i.seq ?? 1}`;
  const parsed = submissionPayloadSchema.safeParse({
    submissionId: key,
    department: i.department,
    itemCode: i.itemCode,
    itemName: i.itemName,
    caseNumber: i.caseId,
    hall: i.hall,
    counter: i.counter,
    clerk: i.clerk,
    applicant: i.applicant,
    form: i.form ?? {},
    exempted: i.exempted ?? [],
    submittedAt: (i.submittedAt ?? new Date()).toISOString(),
  });
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new OutboxError(
      'OUTBOX_INPUT_INVALID',
      `submission: ${first.path.join('.')}: ${first.message}`,
      first.path.join('.'),
    );
  }
  return {
    kind: 'submission',
    receiver: `department:${i.department}`,
    key,
    caseId: i.caseId,
    clerkId: i.clerk.id,
    itemCode: i.itemCode,
    payload: parsed.data,
  };
}
