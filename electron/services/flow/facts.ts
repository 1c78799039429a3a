import { issuedLookup } from '../cases';
import type { CatalogItem } from '../catalog';
import type { RuleFacts } from '../rules';
import type { FlowDeps } from './deps';
import type { LiveCase } from './live';

/** The rule inputs for a case; without an item there is no season index to consult. */
export function factsOf(d: FlowDeps, live: LiveCase, item: CatalogItem | null): RuleFacts {
  const r = live.result;
  return {
    card: {
      name: live.card.name,
      idNumber: live.card.number,
      birth: live.card.birth,
      validTo: live.card.validTo === 'long-term' ? '长期' : live.card.validTo,
      kind: live.card.kind,
    },
    licenses: r?.licenses ?? [],
    // FetchResult.missing also lists types the registry answered without; for the rules only an
    // undelivered type with an error is "could not check", the rest is "has none" (failed).
    missing: r ? r.missing.filter((t) => r.errors.some((e) => e.typeCode === t || e.typeCode === undefined)) : [],
    errors: r?.errors ?? [],
    ...(live.areas
      ? { programAreas: Object.fromEntries(Object.entries(live.areas).map(([p, a]) => [p, a.areas])) }
      : {}),
    now: new Date(),
    issuedForAddress: item ? issuedLookup(d.core.db, d.cipher, item.code, live.id) : () => [],
  };
}
