import { idNumberBirth } from '../../../protocol/id-number';
import type { CatalogItem } from '../catalog/schema';
import type { FetchResult, LicenseService } from '../licenses';
import type { CallUsage, UsageContext } from '../registry/types';
// The engine itself, not the rules' index: the index brings the catalog's schemas (zod), which the
// rules thread (rules-worker.ts) would load for nothing, at the start of every run.
import { evaluate } from '../rules/evaluate';
import type { CheckResult, RuleFacts } from '../rules';
import type { RowInput } from './mapping';
import type { RowOutcome } from './store';

/**
 * Rules that read the physical card at the counter; in a list there is no card, so they are not
 * part of a batch check (the list line has a name and a number only).
 */
const CARD_ONLY = new Set(['card-valid']);

export type BatchItem = Pick<CatalogItem, 'code' | 'rules' | 'params' | 'licenses'> & {
  names: { zh: string };
  /** The list columns beyond ID number and name the rules read (the parents'); the reports name them. */
  listColumns?: CatalogItem['listColumns'];
};

export const batchRules = (item: BatchItem) => item.rules.filter((r) => !CARD_ONLY.has(r.kind));

/** What a fetch delivered for one person, per-person (FetchResult) or from the batch endpoint. */
export type Delivered = Pick<FetchResult, 'licenses' | 'missing' | 'errors'>;

/** What was delivered for the row's child and the parents the list names. */
export interface RowDelivered {
  child: Delivered;
  father?: Delivered;
  mother?: Delivered;
}

/** Each person of a line has a key of their own (line, line+f, line+m): one usage record each, and a replay adds none. */
const KEY_SUFFIX = { child: '', father: 'f', mother: 'm' } as const;

/** A person's row key, the same on the batch endpoint (`keys`) and on per-person calls (X-Row-Key). */
export const rowKey = (line: number, role: keyof RowDelivered): string => `${line}${KEY_SUFFIX[role]}`;

/** The people of a row the registry is asked about: the applicant, then the parents the list names. */
export function rowHolders(input: RowInput): Array<{ role: keyof RowDelivered; idNumber: string }> {
  const out: Array<{ role: keyof RowDelivered; idNumber: string }> = [{ role: 'child', idNumber: input.idNumber }];
  if (input.fatherIdNumber) out.push({ role: 'father', idNumber: input.fatherIdNumber });
  if (input.motherIdNumber) out.push({ role: 'mother', idNumber: input.motherIdNumber });
  return out;
}

const card = (name: string, idNumber: string) => ({
  name,
  idNumber,
  birth: idNumberBirth(idNumber) ?? '',
  validTo: '长期',
  kind: 'resident' as const,
});

/** A parent's name as their own licenses give it (the list gives only the number). */
function nameIn(d: Delivered, id: string): string {
  for (const f of d.licenses) {
    const l = f.license;
    if (l.certificateHolderCode.toUpperCase() === id && l.certificateHolder) return l.certificateHolder;
    const m = Array.isArray(l.surface.members)
      ? l.surface.members.find((x) => x.idNumber?.toUpperCase() === id)
      : undefined;
    if (m?.name) return m.name;
  }
  return '';
}

// As at the counter: only an undelivered type with an error is "could not check".
const missingOf = (r: Delivered) =>
  r.missing.filter((t) => r.errors.some((e) => e.typeCode === t || e.typeCode === undefined));

/** The item's rules over one row's licenses; only the card comes from the list. */
export function evaluateRow(
  item: BatchItem,
  input: RowInput,
  d: Delivered | RowDelivered,
  now: Date,
): { outcome: RowOutcome; checks: CheckResult[] } {
  const rd: RowDelivered = 'child' in d ? d : { child: d };
  const r = rd.child;
  const subjects: NonNullable<RuleFacts['subjects']> = {};
  for (const role of ['father', 'mother'] as const) {
    const p = rd[role];
    const id = role === 'father' ? input.fatherIdNumber : input.motherIdNumber;
    if (p && id)
      subjects[role] = { card: card(nameIn(p, id), id), licenses: p.licenses, missing: missingOf(p), errors: p.errors };
  }
  const ev = evaluate(
    { code: item.code, params: item.params, rules: batchRules(item) },
    {
      card: card(input.name, input.idNumber),
      // The parents' licenses sit beside the child's: their titles and leases are the child's home.
      licenses: [...r.licenses, ...(rd.father?.licenses ?? []), ...(rd.mother?.licenses ?? [])],
      missing: missingOf(r),
      errors: r.errors,
      now,
      issuedForAddress: () => [],
      householdOwners: [input.fatherIdNumber, input.motherIdNumber].filter((x): x is string => !!x),
      subjects,
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
 * cache) and rules; what the registry answers is not kept in the counter's offline cache.
 * `unreachable`: the registry did not answer and the cache lacked a type, so the verdict would
 * say "could not check" for a reason that is the registry's, not the person's.
 * `line` (the job and the line's number): each person's calls carry request ids derived from it,
 * so checking the line again after a crash is the same use to the registry, not a second one, and
 * the row key the batch endpoint would get (X-Row-Key), so a person the registry already recorded
 * through the batch endpoint is not recorded again here.
 */
export async function checkRow(
  licenses: Pick<LicenseService, 'fetchForHolder'>,
  item: BatchItem,
  input: RowInput,
  usage: UsageContext,
  now: Date,
  line?: { job: string; seq: number },
): Promise<{ outcome: RowOutcome; checks: CheckResult[]; unreachable: boolean }> {
  const types = item.licenses.map((l) => l.type);
  const got = await Promise.all(
    rowHolders(input).map((h) => {
      const u: CallUsage = line
        ? {
            ...usage,
            replayKey: `${line.job}/${rowKey(line.seq, h.role)}`,
            rowKey: rowKey(line.seq, h.role),
          }
        : usage;
      // Not kept in the counter's offline cache: a list's applicants are checked, not served here.
      return licenses.fetchForHolder(h.idNumber, u, types, { keep: false });
    }),
  );
  const rd: RowDelivered = { child: got[0]! };
  rowHolders(input).forEach((h, i) => (rd[h.role] = got[i]!));
  return {
    ...evaluateRow(item, input, rd, now),
    unreachable: got.some((r) => !r.online && r.missing.length > 0),
  };
}
