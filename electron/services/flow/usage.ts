import type { Core } from '../core/core';
import type { UsageContext } from '../registry/types';

/** Item code used for the fetch made at card read, before the clerk has chosen an item. */
export const INTAKE = { code: 'GENERAL-INTAKE', name: '综合窗口受理（选择事项前核验证照）' };

/** The five usage elements and the reason, from the case and the signed-in clerk. */
export function usageFor(
  core: Core,
  caseId: string,
  item: { code: string; name: string } = INTAKE,
  reason?: string,
): UsageContext {
  return {
    organisation: core.config.organisation ?? core.config.hall.name,
    clerk: core.session?.userId ?? 'unknown',
    itemName: item.name,
    itemCode: item.code,
    caseNumber: caseId,
    reason: reason ?? `为办理“${item.name}”核验申请人证照`,
  };
}
