import type { FetchedLicense, LicenseRecord, SurfaceValue } from '../../registry/types';
import { ageOn, localDate, parseDay } from '../dates';
import { evidenceFor, rows, type Evidence } from '../evidence';
import { listsPerson, sameId } from '../household';
import type { Params, RuleFacts } from '../types';
import { licenseKeyType } from './names';

/** CEL sees maps and lists, never the app's objects: no prototype, no method, nothing to walk out of. */
const cel = (v: SurfaceValue): unknown => (Array.isArray(v) ? v.map((r) => new Map(Object.entries(r))) : v);

/**
 * One value per license record, whoever reads it: a batch line's household register is read by the
 * child's rules and by each parent's, in three evaluations (a record is never changed once fetched,
 * and CEL cannot change a map). Weak, so it goes with the record.
 */
const values = new WeakMap<LicenseRecord, Map<string, unknown>>();

export function licenseValue(l: LicenseRecord): Map<string, unknown> {
  let m = values.get(l);
  if (!m) values.set(l, (m = buildLicenseValue(l)));
  return m;
}

function buildLicenseValue(l: LicenseRecord): Map<string, unknown> {
  const m = new Map<string, unknown>();
  for (const [k, v] of Object.entries(l.surface)) m.set(k, cel(v));
  // Metadata under its own names; a face field of the same name (certificateNumber…) stays as it was.
  m.set('number', l.certificateNumber);
  m.set('issuer', l.issueDept);
  m.set('issued', l.issueDate);
  m.set('validUntil', l.certificateValidateEnd);
  return m;
}

/** The applicant's own license of a type: the register that lists them, a title they own, else one they hold. */
function own(facts: RuleFacts, key: string): (l: LicenseRecord) => boolean {
  if (key === 'household_register') return (l) => listsPerson(l, facts.card.idNumber);
  const ids = [facts.card.idNumber, ...(facts.householdOwners ?? [])];
  const mine = (id: string | undefined) => ids.some((x) => sameId(id ?? '', x));
  // A lease lists its tenant and everyone living with them (同住人): each of them lives there.
  return (l) =>
    mine(l.certificateHolderCode) ||
    rows(l.surface.owners).some((o) => mine(o.idNumber)) ||
    rows(l.surface.tenants).some((t) => mine(t.idNumber));
}

/** The evidence of one license key, looked up once per evaluation (memo) however many rules read it. */
export function licenseEvidence(
  facts: RuleFacts,
  key: string,
  memo?: Record<string, unknown>,
): { code: string; evidence: Evidence } {
  const m = memo as { licenseEvidence?: Map<string, { code: string; evidence: Evidence }> } | undefined;
  const hit = m?.licenseEvidence?.get(key);
  if (hit) return hit;
  const code = licenseKeyType(key)!.code;
  const out = { code, evidence: evidenceFor(facts, code, own(facts, key)) };
  if (m) (m.licenseEvidence ??= new Map()).set(key, out);
  return out;
}

export const celParams = (params: Params): Map<string, unknown> =>
  new Map(Object.entries(params).map(([k, v]) => [k, typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : v]));

/** The card as an expression sees it; `age` is left out when the birth date cannot be read, so reading it is "unknown". */
export function cardValue(facts: RuleFacts): Map<string, unknown> {
  const c = facts.card;
  const m = new Map<string, unknown>([
    ['name', c.name],
    ['idNumber', c.idNumber],
    ['validTo', c.validTo],
    ['kind', c.kind],
    ['sex', c.sex ?? ''],
  ]);
  const birth = parseDay(c.birth);
  if (birth) {
    m.set('birth', birth);
    m.set('age', BigInt(ageOn(birth, localDate(facts.now))));
  }
  return m;
}

export const casesValue = (facts: RuleFacts): unknown[] | undefined =>
  facts.earlierCases?.map(
    (c) =>
      new Map<string, unknown>([
        ['item', c.itemCode],
        ['state', c.state],
        ['day', c.day],
      ]),
  );

export type { FetchedLicense };
