import {
  LIC_FIELD,
  POPULATION_PATH,
  populationAnswerSchema,
  populationParams,
  populationQueryProblem,
  type PopulationAnswer,
  type PopulationQuery,
} from '../../../protocol/population-wire';
import type { CallSpec } from './client';
import { RegistryError } from './errors';
import type { UsageContext } from './types';
import { assertUsage } from './usage';

export type { PopulationAnswer, PopulationQuery };

type Call = <T>(spec: CallSpec<T>) => Promise<T>;

/** The fields a person may carry in the answer to `q`: the ID number and exactly what was asked. */
function overshared(q: PopulationQuery, p: PopulationAnswer['people'][number]): string[] {
  const asked = new Set(q.fields);
  const extra = Object.keys(p).filter((k) => k !== 'idNumber' && k !== 'licenses' && !asked.has(k));
  for (const [code, fields] of Object.entries(p.licenses ?? {}))
    for (const f of Object.keys(fields)) if (!asked.has(`lic.${code}.${f}`)) extra.push(`lic.${code}.${f}`);
  return extra;
}

export async function populationPage(call: Call, q: PopulationQuery, usage: UsageContext): Promise<PopulationAnswer> {
  assertUsage(usage);
  const problem = populationQueryProblem(q);
  if (problem)
    throw new RegistryError(
      'REGISTRY_BAD_REQUEST',
      `The population query is invalid (${problem}); it was not sent. Fix the programme in resources/programmes.`,
    );
  // The schema is strict: an unknown key anywhere in a person refuses the whole page.
  const a = await call({
    method: 'GET',
    path: POPULATION_PATH,
    query: populationParams(q),
    usage,
    schema: populationAnswerSchema,
    what: 'population query',
  });
  if (a.people.length > q.size)
    throw new RegistryError(
      'REGISTRY_MALFORMED',
      `The registry answered ${a.people.length} people for a page of ${q.size}; the answer was discarded. Tell the administrator.`,
    );
  for (const p of a.people) {
    const extra = overshared(q, p);
    if (extra.length)
      throw new RegistryError(
        'REGISTRY_MALFORMED',
        `The registry answered the population query with data that was not asked for (${extra.join(', ')}); the answer was discarded unread. Tell the administrator.`,
      );
  }
  if (a.next !== undefined && q.cursor !== undefined && Number(a.next) <= Number(q.cursor))
    throw new RegistryError(
      'REGISTRY_MALFORMED',
      'The registry gave a next-page cursor that does not move forward; the answer was discarded. Tell the administrator.',
    );
  return a;
}

export { LIC_FIELD };
