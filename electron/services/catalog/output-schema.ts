import { z } from 'zod';
import { bilingualSchema, factSpecSchema } from '../rules';

const typeCode = z.string().regex(/^\d{6}$/, 'license type code: six digits');
const templateId = z.string().regex(/^[a-z0-9-]{1,40}$/, 'template id: lower-case letters, digits and dashes');
const deptId = z.string().regex(/^[A-Z][A-Z0-9]{1,9}$/, 'department id: see resources/catalog/departments.json');

/** A printed document issued at the counter: today's certificate (A4) or card (CR80). */
const printed = {
  template: templateId,
  facts: z.array(factSpecSchema).default([]),
  result: z.object({ eligible: bilingualSchema, override: bilingualSchema }).strict(),
  /** Which license field carries the holder's photo, for documents printed with one (senior card). */
  photo: z
    .object({ type: typeCode, field: z.string().min(1) })
    .strict()
    .optional(),
};

export const outputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('certificate'), page: z.literal('A4').default('A4'), ...printed }).strict(),
  z.object({ kind: z.literal('card'), page: z.literal('card').default('card'), ...printed }).strict(),
  /** The form as a signed PDF for the citizen, and a submission to each department (built in a later step). */
  z
    .object({ kind: z.literal('application'), departments: z.array(deptId).min(1), template: templateId.optional() })
    .strict(),
  /** 受理回执: the case number and how to follow the application up. */
  z
    .object({
      kind: z.literal('receipt'),
      followUp: bilingualSchema,
      decisionDays: z.number().int().min(1).max(365).optional(),
      template: templateId.optional(),
    })
    .strict(),
]);

export type Output = z.output<typeof outputSchema>;
export type PrintedOutput = Extract<Output, { kind: 'certificate' | 'card' }>;
