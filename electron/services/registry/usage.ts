import { RegistryError } from './errors';
import type { UsageContext } from './types';

const FIELDS: ReadonlyArray<[keyof UsageContext, string]> = [
  ['organisation', 'organisation (办理机构)'],
  ['clerk', 'clerk (经办人)'],
  ['itemName', 'service item name (事项名称)'],
  ['itemCode', 'service item code (事项编码)'],
  ['caseNumber', 'case number (办件编号)'],
  ['reason', 'reason for use (用证事由)'],
];

/** Names of the usage elements that are missing or blank. */
export function missingUsageFields(usage: Partial<UsageContext> | undefined): Array<keyof UsageContext> {
  return FIELDS.filter(([f]) => typeof usage?.[f] !== 'string' || usage[f]!.trim() === '').map(([f]) => f);
}

/** Refuses a call client-side: the registry would reject it, and an unrecorded use must never happen. */
export function assertUsage(usage: Partial<UsageContext> | undefined): asserts usage is UsageContext {
  const missing = missingUsageFields(usage);
  if (missing.length === 0) return;
  const labels = FIELDS.filter(([f]) => missing.includes(f)).map(([, l]) => l);
  throw new RegistryError(
    'USAGE_INCOMPLETE',
    `The registry call was not sent because the usage record is incomplete: ${labels.join(', ')} missing. ` +
      'Open the case from the service item (so the item, case number and reason are filled in) and sign in as a clerk, then try again.',
    { missing },
  );
}
