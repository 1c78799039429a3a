import { z } from 'zod';

/**
 * The 好差评 platform's wire, shared by the terminal and the sandbox platform. Field names follow a
 * provincial integration (projNo = 办件编号, serviceCode = 事项编码, evaluateChannel PJQ = the
 * window's rating device). Levels: 1 非常满意 … 5 非常不满意; 4 and 5 carry reasons.
 */
const level = z.number().int().min(1).max(5);
export const ratingWire = z
  .object({
    projNo: z.string().min(1).max(64),
    serviceCode: z.string().min(1).max(64),
    serviceName: z.string().min(1).max(200),
    serviceDepartmentCode: z.string().min(1).max(64),
    hallCode: z.string().min(1).max(32),
    windowNo: z.string().min(1).max(32),
    evaluatedPersonInfo: z.object({ loginName: z.string().min(1).max(32), name: z.string().min(1).max(64) }).strict(),
    evaluateChannel: z.literal('PJQ'),
    evaluateTime: z.string().datetime(),
    /** null: the citizen did not rate before the prompt ran out (never a default score). */
    evaluateLevel: level.nullable(),
    subEvaluations: z.object({ efficiency: level, competence: level, attitude: level }).strict().nullable(),
    badReasons: z.array(z.string().min(1).max(64)).max(10),
    badText: z.string().max(500),
  })
  .strict()
  .superRefine((r, ctx) => {
    const bad = r.evaluateLevel !== null && r.evaluateLevel >= 4;
    if (bad && (!r.badReasons.length || !r.badText.trim()))
      ctx.addIssue({ code: 'custom', path: ['badReasons'], message: 'a bad rating needs reasons and text' });
    if ((r.evaluateLevel === null) !== (r.subEvaluations === null))
      ctx.addIssue({ code: 'custom', path: ['subEvaluations'], message: 'sub-ratings go with a level' });
  });
export type RatingWire = z.infer<typeof ratingWire>;

/** Where the platform takes ratings, and the header that carries the terminal's idempotency key. */
export const RATING_PATH = '/haocha/v1/evaluations';
/** The platform's answer: its own id for the rating, and whether this call created it. */
export const ratingAnswer = z.object({ evaluationId: z.string().min(1).max(64), receivedAt: z.string() }).strict();
export type RatingAnswer = z.infer<typeof ratingAnswer>;
