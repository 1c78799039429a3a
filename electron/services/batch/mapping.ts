import { idNumberProblem } from '../../../protocol/id-number';

/**
 * Which column (0-based) holds each field; idNumber and name are required. A school-enrolment
 * list names the child and the parents' ID numbers: the parents are fetched in the same registry
 * call as the child, and the child's verified register then has to list them (a rule), rather
 * than first fetching the child's register to find them (a second round trip per chunk).
 */
export interface ColumnMapping {
  idNumber: number;
  name: number;
  fatherIdNumber?: number;
  motherIdNumber?: number;
}

export type InputProblem = 'missing-column' | 'id-malformed' | 'duplicate';

/** The ID-number fields of a line: the applicant's and the parents'. */
export type IdField = 'idNumber' | 'fatherIdNumber' | 'motherIdNumber';
const ID_FIELDS: readonly IdField[] = ['idNumber', 'fatherIdNumber', 'motherIdNumber'];

/**
 * Which of a line's ID numbers are malformed. The row's problem says only `id-malformed`; the
 * preview and the report say whose number it is, so the list owner fixes the right cell.
 */
export function malformedIds(input: RowInput, today: string): IdField[] {
  return ID_FIELDS.filter((f) => {
    const v = input[f];
    return !!v && idNumberProblem(v, today) !== undefined;
  });
}

export interface RowInput {
  idNumber: string;
  name: string;
  fatherIdNumber?: string;
  motherIdNumber?: string;
}

export type RowCheck = { ok: true; input: RowInput } | { ok: false; problem: InputProblem; input: RowInput };

const HINTS: Record<keyof ColumnMapping, RegExp> = {
  idNumber: /^(?!.*(父|母|father|mother)).*(身份证|证件号|公民身份号码|id ?(number|no))/i,
  name: /^(儿童|学生|子女)?(姓名|名字)$|^name$/i,
  fatherIdNumber: /父亲.*(身份证|证件)|father/i,
  motherIdNumber: /母亲.*(身份证|证件)|mother/i,
};

/** Of the columns an item needs (its listColumns), those the mapping leaves out. */
export function missingColumns<C extends 'fatherIdNumber' | 'motherIdNumber'>(
  needed: readonly C[],
  m: Partial<ColumnMapping>,
): C[] {
  return needed.filter((c) => m[c] === undefined);
}

/** A first guess at the mapping from the header words; the user confirms or changes it. */
export function guessMapping(header: readonly string[]): Partial<ColumnMapping> {
  const out: Partial<ColumnMapping> = {};
  for (const [field, re] of Object.entries(HINTS) as Array<[keyof ColumnMapping, RegExp]>) {
    const i = header.findIndex((h) => re.test(h.trim()));
    if (i >= 0) out[field] = i;
  }
  return out;
}

/**
 * Reads one line through the mapping. A line with a problem is kept and reported as such, never
 * dropped: the list owner must see which applicants could not be checked and why. `seen` holds
 * the ID numbers already met in this list (a keyed hash would do as well; the set lives only for
 * the run).
 */
export function readRow(cells: readonly string[], m: ColumnMapping, seen: Set<string>, today: string): RowCheck {
  const idNumber = (cells[m.idNumber] ?? '').trim().toUpperCase();
  const name = (cells[m.name] ?? '').trim();
  const input: RowInput = { idNumber, name };
  const parent = (col: number | undefined) => (col === undefined ? '' : (cells[col] ?? '').trim().toUpperCase());
  const father = parent(m.fatherIdNumber);
  const mother = parent(m.motherIdNumber);
  if (father) input.fatherIdNumber = father;
  if (mother) input.motherIdNumber = mother;
  if (!idNumber || !name) return { ok: false, problem: 'missing-column', input };
  if (idNumberProblem(idNumber, today)) return { ok: false, problem: 'id-malformed', input };
  // An empty parent cell is a parent not named (those checks are unknown); a malformed one is bad input.
  if ([father, mother].some((p) => p && idNumberProblem(p, today)))
    return { ok: false, problem: 'id-malformed', input };
  if (seen.has(idNumber)) return { ok: false, problem: 'duplicate', input };
  seen.add(idNumber);
  return { ok: true, input };
}
