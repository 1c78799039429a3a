import { idNumberBirth } from '../../../protocol/id-number';
import type { CatalogItem } from '../catalog/schema';
import type { FetchResult, LicenseService } from '../licenses';
import type { UsageContext } from '../registry/types';
import { evaluate, type CheckResult } from '../rules';
import type { RowInput } from './mapping';
import type { RowOutcome } from './store';

/**
 * Rules that read the physical card at the counter; in a list there is no card, so they are not
 * part of a batch check (the list line has a name and a number only).
 */
const CARD_ONLY = new Set(['card-valid']);

export type BatchItem = Pick<CatalogItem, 'code' | 'rules' | 'params' | 'licenses'> & { names: { zh: string } };

export const batchRules = (item: BatchItem) => item.rules.filter((r) => !CARD_ONLY.has(r.kind));

/** What a fetch delivered for one person, per-person (FetchResult) or from the batch endpoint. */
export type Delivered = Pick<FetchResult, 'licenses' | 'missing' | 'errors'>;

/** The item's rules over one person's licenses; only the card comes from the list. */
export function evaluateRow(
  item: BatchItem,
  input: RowInput,
  r: Delivered,
  now: Date,
): { outcome: RowOutcome; checks: CheckResult[] } {
  const ev = evaluate(
    { code: item.code, params: item.params, rules: batchRules(item) },
    {
      card: {
        name: input.name,
        idNumber: input.idNumber,
        birth: idNumberBirth(input.idNumber) ?? '',
        validTo: '长期',
        kind: 'resident',
      },
      licenses: r.licenses,
      // As at the counter: only an undelivered type with an error is "could not check".
      missing: r.missing.filter((t) => r.errors.some((e) => e.typeCode === t || e.typeCode === undefined)),
      errors: r.errors,
      now,
      issuedForAddress: () => [],
    },
  );
  const outcome: RowOutcome = ev.checks.some((c) => c.result === 'failed')
    ? 'failed'
    : ev.checks.some((c) => c.result === 'unknown')
      ? 'unknown'
      : 'passed';
  return { outcome, checks: ev.checks };
}

/**
 * Checks one applicant exactly as the counter does: the same fetch (registry first, then the
 * cache) and rules. `unreachable`: the registry did not answer and the cache lacked a type, so
 * the verdict would say "could not check" for a reason that is the registry's, not the person's.
 */
export async function checkRow(
  licenses: Pick<LicenseService, 'fetchForHolder'>,
  item: BatchItem,
  input: RowInput,
  usage: UsageContext,
  now: Date,
): Promise<{ outcome: RowOutcome; checks: CheckResult[]; unreachable: boolean }> {
  const r = await licenses.fetchForHolder(
    input.idNumber,
    usage,
    item.licenses.map((l) => l.type),
  );
  return { ...evaluateRow(item, input, r, now), unreachable: !r.online && r.missing.length > 0 };
}
