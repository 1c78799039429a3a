import { z } from 'zod';

const id = z.string().min(1).max(64);
const reason = z.string().trim().min(2, 'give a reason of at least 2 characters').max(200);

export const caseRef = z.object({ caseId: id }).strict();
export const openManualInput = z
  .object({
    idNumber: z.string().trim().regex(/^\d{17}[\dXx]$/, '18 characters: 17 digits and a check digit or X'),
    name: z.string().trim().min(1).max(60),
    /** As printed on the card: YYYY-MM-DD, or 长期 for a long-term card. */
    validTo: z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD or 长期'), z.literal('长期')]),
    reason,
  })
  .strict();
export const searchItemsInput = z.object({ query: z.string().max(40).default(''), caseId: id.optional() }).strict();
export const chooseItemInput = z.object({ caseId: id, itemCode: z.string().min(1).max(40) }).strict();
export const printInput = z.object({ caseId: id, printer: z.string().max(128).optional() }).strict();
export const reasonInput = z.object({ caseId: id, reason }).strict();
export const verifyInput = z.object({ payload: z.string().trim().min(1).max(4000) }).strict();
export const trainingCardInput = z.object({ id: z.string().min(1).max(64) }).strict();
export const trainingFaultInput = z.object({ kind: z.enum(['no_card', 'checksum', 'read_failed', 'unplug']) }).strict();
export const overrideInput = z
  .object({ caseId: id, supervisorId: z.string().trim().min(1).max(64), password: z.string().min(1).max(200), reason })
  .strict();
