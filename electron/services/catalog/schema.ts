import { z } from 'zod';
import { factSpecSchema } from '../rules/facts-schema';
import { bilingualSchema, ruleSchema, type Rule } from '../rules/schema';
import { knownLicenseType } from '../rules/type-names';

const typeCode = z.string().regex(/^\d{6}$/, 'license type code: six digits');

/** The license types a rule reads; each must be listed in the item's licenses so the case fetches it. */
function typesRead(rule: Rule): string[] {
  switch (rule.kind) {
    case 'household-member':
      return [rule.type];
    case 'property-at-address':
      return ['111002', ...rule.types];
    case 'address-in-program':
    case 'not-issued-this-season':
      return ['111002'];
    case 'license-present':
      return [rule.type];
    default:
      return [];
  }
}

export const itemSchema = z
  .object({
    $comment: z.string().optional(),
    /** The service item code sent to the registry as one of the five usage elements. */
    code: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, 'code: 1-40 letters, digits, dot, dash or underscore'),
    names: bilingualSchema,
    shortNames: bilingualSchema.optional(),
    /** Pinyin initials, lower case: the full name's first (qjnymgdzhhyzm), then common short forms (qjny, mgd). */
    initials: z.array(z.string().regex(/^[a-z]{2,30}$/, 'initials: 2-30 lower-case letters a-z')).min(1),
    keywords: z.array(z.string().trim().min(1)).default([]),
    licenses: z.array(z.object({ type: typeCode, required: z.boolean() }).strict()).min(1),
    rules: z.array(ruleSchema).min(1),
    facts: z.array(factSpecSchema).default([]),
    /** Which license field carries the holder's photo, for items printed with one (senior card). */
    photo: z.object({ type: typeCode, field: z.string().min(1) }).strict().optional(),
    result: z.object({ eligible: bilingualSchema, override: bilingualSchema }).strict(),
    /** Certificate template id under resources/templates. */
    template: z.string().regex(/^[a-z0-9-]{1,40}$/),
    page: z.enum(['A4', 'card']),
    /** How long the case record and its personal data are kept. */
    retentionDays: z.number().int().min(1).max(36_500),
    params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).default({}),
  })
  .strict()
  .superRefine((item, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const listed = new Set(item.licenses.map((l) => l.type));
    item.licenses.forEach((l, i) => {
      if (!knownLicenseType(l.type)) issue(['licenses', i, 'type'], `unknown license type ${l.type}; see resources/registry/license-types.json`);
    });
    if (listed.size !== item.licenses.length) issue(['licenses'], 'a license type is listed twice');
    const ids = new Set<string>();
    item.rules.forEach((r, i) => {
      if (ids.has(r.id)) issue(['rules', i, 'id'], `rule id "${r.id}" is used twice`);
      ids.add(r.id);
      for (const t of typesRead(r)) if (!listed.has(t)) issue(['rules', i], `rule "${r.id}" reads license type ${t}, which is not in licenses`);
      if (r.kind === 'age-at-least') {
        const v = item.params[r.param];
        if (typeof v !== 'number' || !Number.isInteger(v)) issue(['params', r.param], `rule "${r.id}" needs a whole-number param "${r.param}"`);
      }
    });
    const keys = new Set<string>();
    item.facts.forEach((f, i) => {
      if (keys.has(f.key)) issue(['facts', i, 'key'], `fact key "${f.key}" is used twice`);
      keys.add(f.key);
      if ((f.from === 'check-source' || f.from === 'check-detail') && !ids.has(f.check)) issue(['facts', i, 'check'], `fact "${f.key}" refers to rule "${f.check}", which the item does not have`);
      if (f.from === 'license' && !listed.has(f.type)) issue(['facts', i, 'type'], `fact "${f.key}" reads license type ${f.type}, which is not in licenses`);
    });
    if (item.photo && !listed.has(item.photo.type)) issue(['photo', 'type'], `photo comes from license type ${item.photo.type}, which is not in licenses`);
  });

export type CatalogItem = z.output<typeof itemSchema>;
