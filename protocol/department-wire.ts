import { z } from 'zod';

/**
 * The department back-office protocol (部门业务系统), shared by the terminal's client and the
 * sandbox department so both read one definition. Calls are signed like the registry's
 * (request-auth.ts beside this file, no usage headers); the submission id is the idempotency key.
 *
 *   POST /dept/v1/submissions          body: SubmissionPayload  -> 201 first time, 200 again, 409 if the id was used with another body
 *   GET  /dept/v1/submissions/{id}     -> SubmissionAnswer, 404 NOT_FOUND
 */
export const DEPT_PATH = '/dept/v1/submissions';
export const IDEMPOTENCY_HEADER = 'idempotency-key';

const scalar = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);

export const submissionPayloadSchema = z
  .object({
    submissionId: z.string().regex(/^[0-9A-Za-z_.:-]{8,128}$/),
    department: z.string().regex(/^[0-9A-Za-z_.-]{1,31}$/),
    itemCode: z.string().min(1).max(64),
    itemName: z.string().min(1).max(200),
    caseNumber: z.string().min(1).max(64),
    hall: z.object({ id: z.string().min(1).max(32), name: z.string().min(1).max(100) }).strict(),
    counter: z.string().min(1).max(32),
    clerk: z.object({ id: z.string().min(1).max(64), name: z.string().max(64).optional() }).strict(),
    applicant: z.object({ idNumber: z.string().min(1).max(32), name: z.string().min(1).max(60) }).strict(),
    form: z.record(z.string().max(64), scalar).default({}),
    /** Materials the citizen did not have to bring, with the license identifiers that stand in for them. */
    exempted: z
      .array(z.object({ name: z.string().max(100), licenseId: z.string().max(128).optional() }).strict())
      .max(50)
      .default([]),
    submittedAt: z.string().datetime(),
  })
  .strict();

export type SubmissionPayload = z.input<typeof submissionPayloadSchema>;

export const REMOTE_STATES = ['accepted', 'approved', 'rejected', 'more-info'] as const;
export type RemoteState = (typeof REMOTE_STATES)[number];
export const FINAL_STATES: readonly RemoteState[] = ['approved', 'rejected'];

export const submissionAnswerSchema = z.object({
  submissionId: z.string(),
  receiptId: z.string().min(1).max(128),
  status: z.enum(REMOTE_STATES),
  reason: z.object({ zh: z.string().max(2000), en: z.string().max(2000) }).optional(),
  receivedAt: z.string(),
  decidedAt: z.string().optional(),
});

export type SubmissionAnswer = z.infer<typeof submissionAnswerSchema>;
