import { evaluateRow, type BatchItem, type Delivered } from '../../electron/services/batch/check-row';
import type { RowInput } from '../../electron/services/batch/mapping';
import type { RowOutcome } from '../../electron/services/batch/store';
import type { CheckResult } from '../../electron/services/rules';
import type { FetchedLicense } from '../../electron/services/registry/types';
import type { SandboxData } from '../../sandbox/data';
import type { Resident } from '../../sandbox/generator/types';

/**
 * Real batch rows (the item's rules by `evaluateRow`) over the sandbox's licenses, without HTTP
 * or signatures: what the runner would store for these lines. Every `cacheEvery`-th person's
 * licenses come from the cache (their sources carry `asOf`); every `brokenEvery`-th person's
 * first license type could not be fetched (those checks "could not check").
 */
export function evaluatedRows(
  data: SandboxData,
  item: BatchItem,
  lines: Array<{ child: Resident; father?: Resident; mother?: Resident }>,
  now: Date,
  o: { cacheEvery?: number; brokenEvery?: number } = {},
): Array<{ input: RowInput; outcome: RowOutcome; checks: CheckResult[] }> {
  const types = item.licenses.map((l) => l.type);
  let person = 0;
  const delivered = (p: Resident): Delivered => {
    person++;
    const cache = o.cacheEvery !== undefined && person % o.cacheEvery === 0;
    const broken = o.brokenEvery !== undefined && person % o.brokenEvery === 0 ? types[0] : undefined;
    const licenses: FetchedLicense[] = data.book
      .refsForHolder(p.idNumber)
      .filter((r) => types.includes(data.book.typeCode(r)) && data.book.typeCode(r) !== broken)
      .map((r) => {
        const l = data.book.unsigned(r);
        return {
          license: { ...l, digitalSign: { alg: 'SM2-SM3', signer: l.issueDeptCode, value: '' } },
          verification: { state: 'verified', issuer: l.issueDeptCode },
          fetchedAt: '2026-11-20T02:03:04.000Z',
          source: cache ? 'cache' : 'registry',
        };
      });
    return {
      licenses,
      missing: broken ? [broken] : [],
      errors: broken ? [{ typeCode: broken, code: 'REGISTRY_UNAVAILABLE', message: 'down' }] : [],
    };
  };
  return lines.map(({ child, father, mother }) => {
    const input: RowInput = {
      name: child.name,
      idNumber: child.idNumber,
      ...(father ? { fatherIdNumber: father.idNumber } : {}),
      ...(mother ? { motherIdNumber: mother.idNumber } : {}),
    };
    const rd = {
      child: delivered(child),
      ...(father ? { father: delivered(father) } : {}),
      ...(mother ? { mother: delivered(mother) } : {}),
    };
    return { input, ...evaluateRow(item, input, rd, now) };
  });
}
