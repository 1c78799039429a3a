import type { Registry, UsageContext } from '../registry/types';
import type { SourceDef, SourceKey } from './config';
import type { Finding, Member } from './types';

type Surface = NonNullable<Finding['surface']>;

/** One source about one person: search by the source's type, then fetch and verify the record. */
export async function querySource(
  registry: Pick<Registry, 'search' | 'get'>,
  member: Pick<Member, 'idNumber'>,
  typeCode: string,
  source: SourceKey,
  usage: UsageContext,
  now: () => Date = () => new Date(),
): Promise<Finding> {
  const queriedAt = now().toISOString();
  const base = { member: member.idNumber, source, queriedAt };
  try {
    const entries = (await registry.search(member.idNumber, usage, [typeCode])).filter(
      (e) => e.certificateType === typeCode,
    );
    // Answered without a record: the source holds nothing on this person (which the rules read as "has none").
    if (!entries.length) return { ...base, state: 'none' };
    const got = await registry.get(entries[0]!.identifier, usage);
    const l = got.license;
    const license = {
      identifier: l.identifier,
      number: l.certificateNumber,
      issuer: l.issueDept,
      issuerCode: l.issueDeptCode,
    };
    const asOf = typeof l.surface.asOf === 'string' ? l.surface.asOf : l.issueDate;
    if (got.verification.state !== 'verified')
      return {
        ...base,
        state: 'unverified',
        asOf,
        license,
        problem: { code: got.verification.reason, message: got.verification.message },
      };
    if (l.certificateHolderCode !== member.idNumber)
      return {
        ...base,
        state: 'unverified',
        asOf,
        license,
        problem: { code: 'other-holder', message: 'The record names another person.' },
      };
    return { ...base, state: 'found', asOf, license, surface: l.surface as Surface };
  } catch (e) {
    const code = typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : 'ERROR';
    const server = (e as { serverCode?: string }).serverCode;
    return {
      ...base,
      state: 'error',
      problem: { code: server ?? code, message: e instanceof Error ? e.message : String(e) },
    };
  }
}

/**
 * Every member × every source, all at once (the registry client bounds how many are in flight).
 * Never throws: a source that does not answer is a finding of state 'error'.
 */
export async function queryHousehold(
  registry: Pick<Registry, 'search' | 'get'>,
  members: readonly Member[],
  sources: readonly SourceDef[],
  usage: UsageContext,
  onFinding?: (f: Finding) => void,
): Promise<Finding[]> {
  const jobs = members.flatMap((m) =>
    sources.map(async (s) => {
      const f = await querySource(registry, m, s.typeCode, s.key, usage);
      onFinding?.(f);
      return f;
    }),
  );
  return Promise.all(jobs);
}
