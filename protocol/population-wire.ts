import { z } from 'zod';
import { isValidIdNumber } from './id-number';

/**
 * The registry's population query for proactive programmes (主动服务), shared by the terminal's
 * client and the sandbox. Signed like every /v1 call and carrying the usage elements (the
 * worklist number as the case number, a reason starting with 主动服务).
 *
 *   GET /v1/population?area=110901001&birthFrom=1961-01-01&birthTo=1961-03-01
 *                     &held=114001&notHeld=115002&fields=name,birth,lic.114001.grade&size=500[&cursor=C]
 *
 * - `area`: an area-code prefix (6, 9 or 12 digits: district, street, community).
 * - `birthFrom` / `birthTo`: inclusive YYYY-MM-DD, either may be left out.
 * - `held`: license type codes a person must hold (all of them); `notHeld`: types they must hold none of.
 * - `fields`: what to return besides the ID number, only from POPULATION_FIELDS or
 *   `lic.<code>.<field>` of a type in `held`; nothing else ever comes back.
 * - Paged: at most `size` (1..PAGE_MAX) people per answer; `next` is the cursor of the next page,
 *   absent on the last one.
 */
export const POPULATION_PATH = 'population';
export const PAGE_MAX = 1000;
export const POPULATION_FIELDS = ['name', 'sex', 'birth', 'areaCode', 'address'] as const;
export type PopulationField = (typeof POPULATION_FIELDS)[number];
export const LIC_FIELD = /^lic\.(\d{6})\.([A-Za-z][A-Za-z0-9]{0,31})$/;

export interface PopulationQuery {
  area: string;
  birthFrom?: string;
  birthTo?: string;
  held: string[];
  notHeld: string[];
  /** Base fields and lic.<code>.<field> entries. */
  fields: string[];
  size: number;
  cursor?: string;
}

const day = /^\d{4}-\d{2}-\d{2}$/;
const code = /^\d{6}$/;

/** The query as URL parameters, in one fixed order (the signature covers the query text as sent). */
export function populationParams(q: PopulationQuery): Record<string, string | undefined> {
  return {
    area: q.area,
    birthFrom: q.birthFrom,
    birthTo: q.birthTo,
    held: q.held.length ? q.held.join(',') : undefined,
    notHeld: q.notHeld.length ? q.notHeld.join(',') : undefined,
    fields: q.fields.length ? q.fields.join(',') : undefined,
    size: String(q.size),
    cursor: q.cursor,
  };
}

/** Why a query is refused (the sandbox answers 400 PARAM_INVALID with it); undefined when it is fine. */
export function populationQueryProblem(q: PopulationQuery): string | undefined {
  if (!/^\d{6}(\d{3}){0,2}$/.test(q.area)) return 'area must be an area code of 6, 9 or 12 digits';
  if (q.birthFrom !== undefined && !day.test(q.birthFrom)) return 'birthFrom must be YYYY-MM-DD';
  if (q.birthTo !== undefined && !day.test(q.birthTo)) return 'birthTo must be YYYY-MM-DD';
  if ([...q.held, ...q.notHeld].some((c) => !code.test(c))) return 'held and notHeld are 6-digit license type codes';
  if (!Number.isInteger(q.size) || q.size < 1 || q.size > PAGE_MAX) return `size must be 1..${PAGE_MAX}`;
  if (q.cursor !== undefined && !/^[0-9]{1,10}$/.test(q.cursor)) return 'cursor is not one this registry gave';
  for (const f of q.fields) {
    const m = LIC_FIELD.exec(f);
    if (m) {
      if (!q.held.includes(m[1]!)) return `field ${f} reads a license type that is not in held`;
    } else if (!(POPULATION_FIELDS as readonly string[]).includes(f)) return `unknown field ${f}`;
  }
  return undefined;
}

/** Parses the URL parameters back into a query (the sandbox's side). */
export function readPopulationQuery(p: URLSearchParams): PopulationQuery {
  const list = (k: string) => (p.get(k) ?? '').split(',').filter(Boolean);
  const opt = (k: string) => p.get(k) ?? undefined;
  return {
    area: p.get('area') ?? '',
    ...(opt('birthFrom') ? { birthFrom: opt('birthFrom')! } : {}),
    ...(opt('birthTo') ? { birthTo: opt('birthTo')! } : {}),
    held: list('held'),
    notHeld: list('notHeld'),
    fields: list('fields'),
    size: Number(p.get('size') ?? '100'),
    ...(opt('cursor') ? { cursor: opt('cursor')! } : {}),
  };
}

/** One person as answered; everything but the ID number is there only when asked for. */
export const populationPersonSchema = z
  .object({
    idNumber: z.string().refine(isValidIdNumber, 'not a valid ID number'),
    name: z.string().min(1).max(60).optional(),
    sex: z.enum(['男', '女']).optional(),
    birth: z.string().regex(day).optional(),
    areaCode: z
      .string()
      .regex(/^\d{6,12}$/)
      .optional(),
    address: z.string().max(200).optional(),
    licenses: z.record(z.string().regex(code), z.record(z.string().max(32), z.string().max(200))).optional(),
  })
  .strict();

export const populationAnswerSchema = z
  .object({
    people: z.array(populationPersonSchema).max(PAGE_MAX),
    next: z
      .string()
      .regex(/^[0-9]{1,10}$/)
      .optional(),
  })
  .strict();

export type PopulationPerson = z.infer<typeof populationPersonSchema>;
export type PopulationAnswer = z.infer<typeof populationAnswerSchema>;
