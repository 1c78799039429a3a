import { readFileSync } from 'node:fs';
import { z } from 'zod';
import defaultRulesJson from '../../resources/sandbox/department-rules.json';

/**
 * How the sandbox department decides, as data (resources/sandbox/department-rules.json): the first
 * rule whose every condition holds gives the decision, the delay after receipt and the reason.
 */
const text = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();
export const decisionSchema = z
  .object({
    decision: z.enum(['approved', 'rejected', 'more-info']),
    afterMs: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600_000),
    reason: text,
  })
  .strict();
const ruleSchema = decisionSchema
  .extend({
    name: z.string().min(1),
    match: z
      .object({
        itemCode: z.string().min(1).optional(),
        itemNameIncludes: z.string().min(1).optional(),
        formFieldMissing: z.string().min(1).optional(),
        formFieldEquals: z
          .object({ field: z.string().min(1), value: z.union([z.string(), z.number(), z.boolean()]) })
          .strict()
          .optional(),
      })
      .strict(),
  })
  .strict();
export const departmentRulesSchema = z.object({ default: decisionSchema, rules: z.array(ruleSchema) }).strict();

export type Decision = z.infer<typeof decisionSchema>;
export type DepartmentRules = z.infer<typeof departmentRulesSchema>;

export interface DecisionInput {
  itemCode: string;
  itemName: string;
  form: Record<string, unknown>;
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

export function decide(rules: DepartmentRules, s: DecisionInput): Decision & { rule: string } {
  for (const r of rules.rules) {
    const m = r.match;
    if (m.itemCode !== undefined && m.itemCode !== s.itemCode) continue;
    if (m.itemNameIncludes !== undefined && !s.itemName.includes(m.itemNameIncludes)) continue;
    if (m.formFieldMissing !== undefined && !blank(s.form[m.formFieldMissing])) continue;
    if (m.formFieldEquals !== undefined && s.form[m.formFieldEquals.field] !== m.formFieldEquals.value) continue;
    return { rule: r.name, decision: r.decision, afterMs: r.afterMs, reason: r.reason };
  }
  return { rule: 'default', ...rules.default };
}

function parseRules(value: unknown, where: string): DepartmentRules {
  const parsed = departmentRulesSchema.safeParse(value);
  if (!parsed.success)
    throw new Error(`${where}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** The shipped rules (imported, so the bundled sandbox carries them), or a file given with --department-rules. */
export function loadDepartmentRules(file?: string): DepartmentRules {
  return file
    ? parseRules(JSON.parse(readFileSync(file, 'utf8')), file)
    : parseRules(defaultRulesJson, 'resources/sandbox/department-rules.json');
}

export { parseRules as parseDepartmentRules };
