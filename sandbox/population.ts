import typesJson from '../resources/registry/license-types.json';
import {
  LIC_FIELD,
  populationQueryProblem,
  readPopulationQuery,
  type PopulationAnswer,
  type PopulationPerson,
} from '../protocol/population-wire';
import type { SandboxData } from './data';

export class PopulationInputError extends Error {}

const CODE_OF = new Map(typesJson.types.map((t) => [t.key, t.code]));

/**
 * GET /v1/population (protocol/population-wire.ts): the residents of an area in a birth-date
 * range who hold (or do not hold) license types, one page at a time, with only the fields asked
 * for. The cursor is the index of the next resident to look at, so a page costs a scan from
 * there, not from the start; residents come in index order, so pages never overlap.
 */
export function populationPage(url: URL, data: SandboxData): PopulationAnswer {
  const q = readPopulationQuery(url.searchParams);
  const problem = populationQueryProblem(q);
  if (problem) throw new PopulationInputError(problem);
  const { residents } = data.world;
  const people: PopulationPerson[] = [];
  const licFields = q.fields.flatMap((f) => {
    const m = LIC_FIELD.exec(f);
    return m ? [{ code: m[1]!, field: m[2]! }] : [];
  });
  let i = q.cursor ? Number(q.cursor) : 0;
  for (; i < residents.length && people.length < q.size; i++) {
    const r = residents[i]!;
    if (!r.areaCode.startsWith(q.area)) continue;
    if (q.birthFrom && r.birth < q.birthFrom) continue;
    if (q.birthTo && r.birth > q.birthTo) continue;
    if (q.held.length || q.notHeld.length) {
      const refs = data.book.refsForHolder(r.idNumber).filter(
        // A household register or a title is found by any member, but "holds" means their own.
        (ref) => ref.index === i || ref.key === 'household_register',
      );
      const held = new Map(refs.map((ref) => [CODE_OF.get(ref.key)!, ref]));
      if (!q.held.every((c) => held.has(c)) || q.notHeld.some((c) => held.has(c))) continue;
      const p: PopulationPerson = { idNumber: r.idNumber };
      for (const { code, field } of licFields) {
        const v = data.book.unsigned(held.get(code)!, false).surface[field];
        if (typeof v === 'string') (p.licenses ??= {})[code] = { ...p.licenses?.[code], [field]: v };
      }
      people.push(withBase(p, r, q.fields));
    } else people.push(withBase({ idNumber: r.idNumber }, r, q.fields));
  }
  return { people, ...(i < residents.length ? { next: String(i) } : {}) };
}

function withBase(
  p: PopulationPerson,
  r: SandboxData['world']['residents'][number],
  fields: string[],
): PopulationPerson {
  if (fields.includes('name')) p.name = r.name;
  if (fields.includes('sex')) p.sex = r.sex;
  if (fields.includes('birth')) p.birth = r.birth;
  if (fields.includes('areaCode')) p.areaCode = r.areaCode;
  if (fields.includes('address')) p.address = r.address;
  return p;
}
