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

/**
 * The strokes drawn on the citizen screen's pad, in its canvas pixels, and the hash of the document
 * the screen showed (from citizen.view); limits as services/signature/check.ts.
 */
const point = z
  .object({
    x: z.number().finite(),
    y: z.number().finite(),
    pressure: z.number().min(0).max(1).default(0.5),
    t: z.number().finite().optional(),
  })
  .strict();
export const signInput = z
  .object({
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    width: z.number().positive().max(10_000).optional(),
    height: z.number().positive().max(10_000).optional(),
    /** Absent with a HID pad: the strokes are the pad's, taken when the citizen confirms. */
    strokes: z.array(z.array(point).min(1).max(5000)).min(1).max(200).optional(),
  })
  .strict()
  .refine((s) => (s.strokes === undefined) === (s.width === undefined && s.height === undefined), {
    path: ['strokes'],
    message: 'strokes come with their width and height',
  })
  .refine((s) => s.width === undefined || s.height !== undefined, { path: ['height'], message: 'height missing' });
