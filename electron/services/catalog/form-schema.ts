import { z } from 'zod';
import { bilingualSchema, CARD_FIELDS } from '../rules';

const typeCode = z.string().regex(/^\d{6}$/, 'license type code: six digits');
const key = z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/, 'field key: letters and digits, starting with a letter');

/**
 * Where a form field's value comes from. The clerk types only what no source supplies; a field
 * without a source is refused by the catalog check, so nothing on a form is "from nowhere".
 */
export const fieldSourceSchema = z.discriminatedUnion('from', [
  z.object({ from: z.literal('card'), field: z.enum(CARD_FIELDS) }).strict(),
  z.object({ from: z.literal('license'), type: typeCode, field: z.string().min(1) }).strict(),
  /** The value this person confirmed in an earlier case (of `item`, or any item with the same key). */
  z.object({ from: z.literal('case'), key, item: z.string().min(1).optional() }).strict(),
  /** A hall-wide default, see resources/catalog/hall-defaults.json. */
  z.object({ from: z.literal('hall'), key }).strict(),
  z.object({ from: z.literal('clerk') }).strict(),
]);

const option = z.object({ value: z.string().min(1), label: bilingualSchema }).strict();

export const formFieldSchema = z
  .object({
    key,
    label: bilingualSchema,
    type: z.enum(['text', 'number', 'date', 'phone', 'idNumber', 'select', 'bankAccount', 'address']),
    required: z.boolean().default(true),
    /** A regular expression the whole value must match (checked to compile). */
    pattern: z.string().min(1).optional(),
    maxLength: z.number().int().positive().max(500).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    options: z.array(option).min(1).optional(),
    /** First source that has a value wins; the clerk is the last resort. */
    source: z.array(fieldSourceSchema).min(1),
  })
  .strict();

export const formSchema = z.object({ fields: z.array(formFieldSchema).min(1) }).strict();

export type FieldSource = z.output<typeof fieldSourceSchema>;
export type FormField = z.output<typeof formFieldSchema>;
export type Form = z.output<typeof formSchema>;
