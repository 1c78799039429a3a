import { z } from 'zod';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const pairInput = z
  .object({
    url: z
      .string()
      .trim()
      .max(300)
      .regex(/^https?:\/\/[^\s]+$/),
    code: z
      .string()
      .trim()
      .regex(/^\d{6,12}$/),
  })
  .strict();

export const statsInput = z
  .object({
    from: day,
    to: day,
    by: z.enum(['total', 'hour', 'day', 'window', 'clerk', 'item', 'handling']),
  })
  .strict();

export const exportInput = statsInput.extend({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') }).strict();

export const poolReadsInput = z.object({ days: z.number().int().min(1).max(366).default(30) }).strict();
