import { idNumberProblem } from '../../../protocol/id-number';

/** Which column (0-based) holds each field; idNumber and name are required. */
export interface ColumnMapping {
  idNumber: number;
  name: number;
}

export type InputProblem = 'missing-column' | 'id-malformed' | 'duplicate';

export interface RowInput {
  idNumber: string;
  name: string;
}

export type RowCheck = { ok: true; input: RowInput } | { ok: false; problem: InputProblem; input: RowInput };

const HINTS: Record<keyof ColumnMapping, RegExp> = {
  idNumber: /身份证|证件号|公民身份号码|id ?(number|no)/i,
  name: /姓名|名字|^name$/i,
};

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
  const input = { idNumber, name };
  if (!idNumber || !name) return { ok: false, problem: 'missing-column', input };
  if (idNumberProblem(idNumber, today)) return { ok: false, problem: 'id-malformed', input };
  if (seen.has(idNumber)) return { ok: false, problem: 'duplicate', input };
  seen.add(idNumber);
  return { ok: true, input };
}
