import { z } from 'zod';

/** Inputs of the batch-check ops (contract block "batch checks"). */

export const jobRef = z.object({ jobId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) }).strict();

const col = z.number().int().min(0).max(200);
// The parents' ID-number columns are optional: a school-enrolment list names them (batch README).
const mapping = z
  .object({ idNumber: col, name: col, fatherIdNumber: col.optional(), motherIdNumber: col.optional() })
  .strict();

export const uploadInput = z
  .object({
    /** Absent on the first chunk: the answer names the upload for the rest. */
    uploadId: z.string().uuid().optional(),
    fileName: z.string().min(1).max(200),
    size: z.number().int().min(1),
    offset: z.number().int().min(0),
    /** The chunk, base64; at most 512 KiB decoded. */
    data: z
      .string()
      .max(700_000)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/),
  })
  .strict();

export const previewInput = z.object({ uploadId: z.string().uuid(), mapping }).strict();

export const startInput = z
  .object({
    uploadId: z.string().uuid(),
    itemCode: z.string().min(1).max(64),
    /** 事由: why these people's data are looked up; on every registry call and in the audit log. */
    reason: z.string().trim().min(2).max(200),
    mapping,
  })
  .strict();

export const rowsInput = z
  .object({
    jobId: jobRef.shape.jobId,
    outcome: z.enum(['passed', 'failed', 'unknown', 'bad-input']).optional(),
    problem: z.enum(['missing-column', 'id-malformed', 'duplicate']).optional(),
    rule: z.string().max(64).optional(),
    ruleResult: z.enum(['passed', 'failed', 'unknown']).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();

export const reportInput = z.object({ jobId: jobRef.shape.jobId, format: z.enum(['xlsx', 'pdf']) }).strict();
