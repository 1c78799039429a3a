import { refKey, type SandboxData } from './data';
import { JsonText } from './json-text';
import type { LicenseRef } from './generator/licenses';
import type { Faults } from './faults';
import type { UsageLog, UsageRecord } from './usage-log';
import type { RowUses } from './row-uses';
import { ROW_KEY_PATTERN } from '../protocol/request-auth';

/** Most holders one batch call may carry; the client reads it from the answer's `max`. */
export const BATCH_MAX = 100;

export class BatchInputError extends Error {}

/**
 * GET /v1/batch/licenses?holders=a,b&keys=k1,k2&types=t1,t2: the licenses of up to BATCH_MAX
 * holders in one signed call, each license signed by its issuer as on the single get. Each holder
 * gets its own usage record carrying the caller's row key; a key already used for this app, case
 * number and holder is a replay (a client resuming after a crash, or a line already checked by
 * per-person calls under the same X-Row-Key: `RowUses`) and adds no second record.
 *
 * A license is in the answer once, however many of the holders it concerns: a holder's entry
 * lists positions in `licenses`. A school-enrolment line asks for a child and both parents, who
 * share a household register and often a title, so a call of 100 holders carries ~2.8× fewer
 * licenses than it would per holder (less to serialise here, to parse and hash at the terminal).
 */
export function batchLicenses(
  url: URL,
  base: Partial<UsageRecord>,
  data: SandboxData,
  faults: Faults,
  usage: UsageLog,
  seen: RowUses,
): JsonText {
  const holders = (url.searchParams.get('holders') ?? '').split(',').filter(Boolean);
  const keys = (url.searchParams.get('keys') ?? '').split(',');
  if (holders.length === 0)
    throw new BatchInputError('Query parameter holders (comma-separated ID numbers) is missing.');
  if (holders.length > BATCH_MAX)
    throw new BatchInputError(`At most ${BATCH_MAX} holders per call; got ${holders.length}.`);
  if (keys.length !== holders.length || keys.some((k) => !ROW_KEY_PATTERN.test(k)))
    throw new BatchInputError('Query parameter keys must give one row key (1-64 of [A-Za-z0-9_.:-]) per holder.');
  const types = url.searchParams.get('types')?.split(',').filter(Boolean);
  // The licenses the answer carries, each once, in first-mention order; built (and the new ones
  // signed, one signMany per issuer) after the walk.
  const refs: LicenseRef[] = [];
  const at = new Map<string, number>();
  const results = holders.map((holderCode, i) => {
    const key = keys[i]!;
    if (seen.claim(base.appKey!, base.caseNumber!, key, holderCode))
      usage.add({ ...(base as UsageRecord), holderCode, key, status: 200 });
    const mine: number[] = [];
    for (const r of data.book.refsForHolder(holderCode)) {
      // By type and reference, which need no license built: a holder has many the call skips. A
      // reference names one license, and is cheaper to key on than the identifier, whose check
      // characters are computed when the license is built.
      if (types && !types.includes(data.book.typeCode(r))) continue;
      const id = refKey(r);
      let n = at.get(id);
      if (n === undefined) at.set(id, (n = refs.push(r) - 1));
      mine.push(n);
    }
    return { holderCode, key, licenses: mine };
  });
  // { max, licenses, results }, the licenses joined from their stored texts (SandboxData.licenseTexts).
  return new JsonText(
    `{"max":${BATCH_MAX},"licenses":[${data.licenseTexts(refs, faults).join(',')}],"results":${JSON.stringify(results)}}`,
  );
}
