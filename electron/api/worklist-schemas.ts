import { z } from 'zod';

/** Inputs of the station's worklist operations (services/worklist). */
export const worklistRef = z.object({ id: z.string().min(1).max(64) }).strict();
export const startInput = z
  .object({
    programme: z.string().regex(/^[a-z0-9-]{1,40}$/),
    /** Without it, the station's area from the config (`station.area`). */
    area: z
      .string()
      .regex(/^\d{6}(\d{3}){0,2}$/)
      .optional(),
    withinDays: z.number().int().min(1).max(366).optional(),
  })
  .strict();
export const viewInput = z
  .object({
    id: z.string().min(1).max(64),
    state: z
      .enum(['to-contact', 'reached', 'not-reached', 'declined', 'confirmed', 'output-made', 'delivered'])
      .optional(),
    assignedTo: z.string().min(1).max(64).optional(),
    offset: z.number().int().min(0).max(1_000_000).default(0),
    limit: z.number().int().min(1).max(500).default(200),
  })
  .strict();
export const stepInput = z
  .object({
    taskId: z.number().int().min(1),
    step: z.enum(['reached', 'not-reached', 'declined', 'confirm']),
    note: z.string().max(500).optional(),
  })
  .strict();
export const assignInput = z
  .object({ taskIds: z.array(z.number().int().min(1)).min(1).max(500), userId: z.string().min(1).max(64) })
  .strict();
export const taskRef = z.object({ taskId: z.number().int().min(1) }).strict();
export const outputInput = z
  .object({
    taskId: z.number().int().min(1),
    /** Form values the person gave when confirming (phone, bank account), for an application. */
    values: z.record(z.string().max(64), z.string().max(500)).optional(),
  })
  .strict();
export const deliverInput = z
  .object({
    taskId: z.number().int().min(1),
    note: z.string().max(500).optional(),
    /** The citizen's signature on delivery (services/signature), a PNG, base64, at most 256 KiB. */
    signature: z
      .object({ pngBase64: z.string().min(1).max(350_000) })
      .strict()
      .optional(),
  })
  .strict();
