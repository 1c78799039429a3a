import { z } from 'zod';
import { SOURCE_KEYS, type SourceKey } from '../services/meanstest/keys';

/** Inputs of the means-test operations (electron/services/meanstest). Members are referred to by index. */
const caseId = z.string().min(1).max(64);
const member = z.number().int().min(0).max(40);

export const meansRef = z.object({ caseId }).strict();
/** A document op; `print` also sends it to the A4 printer (the authorisation is printed and kept). */
export const meansDoc = z.object({ caseId, print: z.boolean().optional() }).strict();
export const meansMember = z.object({ caseId, member }).strict();
/** Training: one economic source of the sandbox switched down or back up. */
export const meansTrainingSource = z
  .object({ source: z.enum(SOURCE_KEYS as unknown as [SourceKey, ...SourceKey[]]), down: z.boolean() })
  .strict();
export const meansRequestSignature = z.object({ caseId, member, guardian: member.optional() }).strict();
export const meansPaper = z
  .object({
    caseId,
    member,
    guardian: member.optional(),
    /** Why the member did not sign on screen (not at the counter, cannot use the screen…). */
    reason: z.string().trim().min(2).max(200),
    /** SM3/SHA-256 hex of the scanned form, when the scan is attached. */
    scanHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
  })
  .strict();
