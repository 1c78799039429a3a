import { z } from 'zod';
import { bilingualSchema } from './schema';

const key = z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/, 'fact key: letters and digits, starting with a letter');
const base = { key, label: bilingualSchema, optional: z.boolean().default(false) };

/** One line of the certificate's facts, and where its value comes from. */
export const factSpecSchema = z.discriminatedUnion('from', [
  z
    .object({
      ...base,
      from: z.literal('license'),
      type: z.string().regex(/^\d{6}$/),
      field: z.string().min(1),
      /** For list fields (members, owners): the table's columns. */
      columns: z
        .array(
          z
            .object({
              key: z.string().min(1),
              label: bilingualSchema,
              /** ID numbers of people other than the holder appear masked. */
              mask: z.boolean().default(false),
              width: z.number().positive().optional(),
            })
            .strict(),
        )
        .min(1)
        .optional(),
    })
    .strict(),
  z.object({ ...base, from: z.literal('check-source'), check: z.string().min(1) }).strict(),
  z.object({ ...base, from: z.literal('check-detail'), check: z.string().min(1) }).strict(),
  z.object({ ...base, from: z.literal('serial') }).strict(),
  z.object({ ...base, from: z.literal('card'), field: z.enum(['name', 'birth', 'validTo']) }).strict(),
]);

export type FactSpec = z.output<typeof factSpecSchema>;
