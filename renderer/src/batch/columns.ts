import type { OpInput, OpResult } from '../../../electron/api/contract';

/** The screen's side of the column mapping and of "whose condition is this" (pure, unit-tested). */

export type Mapping = OpInput<'batch.start'>['mapping'];
export type Field = keyof Mapping;
export type ListColumn = Extract<Field, 'fatherIdNumber' | 'motherIdNumber'>;
type Item = OpResult<'batch.items'>[number];
type Check = OpResult<'batch.rows'>['rows'][number]['checks'][number];
/** Whose a condition is: the applicant (the child, when the item reads parents) or a parent. */
export type Whose = 'applicant' | 'father' | 'mother';

export const PARENT_COLUMNS: readonly ListColumn[] = ['fatherIdNumber', 'motherIdNumber'];

/** What stands in the way of a start: required columns not chosen, and one column chosen for two fields. */
export interface MappingProblems {
  missing: Field[];
  twice: Field[][];
}

export function mappingProblems(m: Partial<Mapping>, needed: readonly ListColumn[]): MappingProblems {
  const fields: Field[] = ['idNumber', 'name', ...needed];
  const missing = fields.filter((f) => m[f] === undefined);
  const byCol = new Map<number, Field[]>();
  for (const f of ['idNumber', 'name', ...PARENT_COLUMNS] as Field[]) {
    const c = m[f];
    if (c !== undefined) byCol.set(c, [...(byCol.get(c) ?? []), f]);
  }
  return { missing, twice: [...byCol.values()].filter((fs) => fs.length > 1) };
}

/**
 * The mapping the run reads through: the parents' columns only when the item's rules read them,
 * so a list checked for another item never sends the parents' numbers to the registry.
 */
export function effectiveMapping(m: Partial<Mapping>, needed: readonly ListColumn[]): Mapping | undefined {
  if (m.idNumber === undefined || m.name === undefined) return undefined;
  const out: Mapping = { idNumber: m.idNumber, name: m.name };
  for (const c of needed) if (m[c] !== undefined) out[c] = m[c];
  return out;
}

/** The item to offer first: one that reads the parents when the list's header names them. */
export function firstItem(items: readonly Item[], guess: Partial<Mapping>): string | undefined {
  const parents = PARENT_COLUMNS.some((c) => guess[c] !== undefined);
  return (
    (parents ? items.find((i) => i.columns.length > 0) : items.find((i) => i.columns.length === 0))?.code ??
    items[0]?.code
  );
}

export const whoseOf = (c: { subject?: 'father' | 'mother' }): Whose => c.subject ?? 'applicant';

/** The item's conditions grouped by whose they are, the applicant's first, in the item's order. */
export function bySubject<C extends { subject?: 'father' | 'mother' }>(conds: readonly C[]): Array<[Whose, C[]]> {
  const out: Array<[Whose, C[]]> = [];
  for (const w of ['applicant', 'father', 'mother'] as const) {
    const cs = conds.filter((c) => whoseOf(c) === w);
    if (cs.length) out.push([w, cs]);
  }
  return out;
}

/** One person's verdict on a row: failed if any of their conditions failed, then unknown, then passed. */
export interface PersonVerdict {
  result: 'passed' | 'failed' | 'unknown';
  failed: number;
  unknown: number;
}

export function personVerdicts(
  checks: readonly Check[],
  conds: readonly { id: string; subject?: 'father' | 'mother' }[],
): Partial<Record<Whose, PersonVerdict>> {
  const whose = new Map(conds.map((c) => [c.id, whoseOf(c)]));
  const out: Partial<Record<Whose, PersonVerdict>> = {};
  for (const k of checks) {
    const w = whose.get(k.id) ?? 'applicant';
    const v = (out[w] ??= { result: 'passed', failed: 0, unknown: 0 });
    if (k.result === 'failed') v.failed++;
    if (k.result === 'unknown') v.unknown++;
    v.result = v.failed ? 'failed' : v.unknown ? 'unknown' : 'passed';
  }
  return out;
}
