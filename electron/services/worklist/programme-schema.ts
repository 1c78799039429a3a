import { z } from 'zod';
import { bilingualSchema } from '../rules';

const typeCode = z.string().regex(/^\d{6}$/, 'a 6-digit license type code');

/** A programme's own condition on a person the registry answered: CEL, over the same roots as an item's rules. */
export const programmeRuleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/),
    label: bilingualSchema,
    when: z.string().min(1).max(2000),
  })
  .strict();

/**
 * One programme file in resources/programmes (README there): the item whose output is made,
 * the population query sent to the registry, the rules over its answer, and what a task shows.
 */
export const programmeSchema = z
  .object({
    $comment: z.string().optional(),
    code: z.string().regex(/^[a-z0-9-]{1,40}$/),
    names: bilingualSchema,
    /** The catalog item (resources/catalog/items) whose output a confirmed task gets. */
    item: z.string().min(1),
    /** Which of the item's outputs is made without the citizen at the counter. */
    output: z.enum(['card', 'application']),
    /** Over the item's params (a region that issues senior cards from 65 sets seniorAge here). */
    params: z.record(z.string(), z.union([z.number(), z.string()])).default({}),
    population: z
      .object({
        /** The param holding the age people turn; with `withinDays`, gives the birth-date range. */
        turningAge: z.string().optional(),
        /** How far ahead a worklist looks, in days (the station may ask for fewer). */
        withinDays: z.number().int().min(1).max(366).optional(),
        held: z.array(typeCode).max(10).default([]),
        notHeld: z.array(typeCode).max(10).default([]),
        /** What the registry returns besides the ID number: name, sex, birth, areaCode, address, lic.<code>.<field>. */
        fields: z.array(z.string()).min(1).max(20),
      })
      .strict(),
    rules: z.array(programmeRuleSchema).max(20).default([]),
    /** The address is shown on a task only when staff visit (the card is delivered at home). */
    visit: z.boolean().default(false),
  })
  .strict();

export type ProgrammeData = z.infer<typeof programmeSchema>;
