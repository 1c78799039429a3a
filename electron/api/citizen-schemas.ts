import { z } from 'zod';

const level = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);

/** The citizen's tap: no case id (the screen rates the case it was asked about, nothing else). */
export const rateInput = z
  .object({
    level,
    sub: z.object({ efficiency: level, competence: level, attitude: level }).strict(),
    reasons: z.array(z.string().min(1).max(64)).max(10).default([]),
    text: z.string().max(500).default(''),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.level >= 4 && (!r.reasons.length || !r.text.trim()))
      ctx.addIssue({
        code: 'custom',
        path: ['reasons'],
        message: 'reasons and text required',
        params: { code: 'RATING_REASON_REQUIRED' },
      });
  });

export const followUpInput = z
  .object({
    ratingId: z.number().int().positive(),
    kind: z.enum(['verify', 'rectify', 'callback', 'close']),
    note: z.string().trim().min(2).max(2000),
  })
  .strict();
