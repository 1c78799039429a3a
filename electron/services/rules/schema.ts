import { z } from 'zod';

export const bilingualSchema = z.object({ zh: z.string().trim().min(1), en: z.string().trim().min(1) }).strict();
export type Bilingual = z.infer<typeof bilingualSchema>;

const typeCode = z
  .string()
  .regex(/^\d{6}$/, 'license type code: six digits, see resources/registry/license-types.json');
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'month-day: MM-DD, e.g. 11-01');

// Every rule may carry its own label; the evaluator's default label is used otherwise.
const base = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'rule id: lower-case letters, digits and dashes'),
  label: bilingualSchema.optional(),
};

export const ruleSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('card-valid') }).strict(),
  z.object({ ...base, kind: z.literal('household-member'), type: typeCode.default('111002') }).strict(),
  z
    .object({
      ...base,
      kind: z.literal('property-at-address'),
      ownerScope: z.enum(['applicant', 'household']),
      types: z.array(typeCode).min(1).default(['113001', '113002']),
    })
    .strict(),
  z.object({ ...base, kind: z.literal('address-in-program'), program: z.string().min(1) }).strict(),
  z
    .object({
      ...base,
      kind: z.literal('not-issued-this-season'),
      season: z.object({ fromMonthDay: monthDay, toMonthDay: monthDay }).strict(),
    })
    .strict(),
  /**
   * Everything without domain logic of its own: a CEL expression over the evidence (lic.<key>.<field>,
   * card.<field>, today, params.<name>, cases), with sentence templates ("现年 {{card.age}} 周岁").
   */
  z
    .object({
      ...base,
      kind: z.literal('expr'),
      label: bilingualSchema,
      when: z.string().trim().min(1),
      /** 'fail' (default): a license the registry answered without fails the check; 'evaluate': the expression decides (has(lic.x)). */
      absent: z.enum(['fail', 'evaluate']).default('fail'),
      /** Which license the sentence names as the source; default the first one the expression reads. */
      source: z.string().min(1).optional(),
      /**
       * Whose evidence the rule reads: the applicant (default) or a parent (RuleFacts.subjects;
       * batch lists name the parents of a child). `card` is then that parent.
       */
      subject: z.enum(['father', 'mother']).optional(),
      passed: bilingualSchema,
      failed: bilingualSchema,
      /** When the expression cannot be evaluated on the data (e.g. an unreadable date). */
      unknown: bilingualSchema.optional(),
      detail: bilingualSchema.optional(),
    })
    .strict(),
]);

export type Rule = z.output<typeof ruleSchema>;
export type RuleKind = Rule['kind'];
export type RuleOf<K extends RuleKind> = Extract<Rule, { kind: K }>;
