import { auditExport } from '../../services/audit/export-op';
import { citizenSlip } from '../../services/audit/slip-op';
import { startAudit, verifyChain } from '../../services/audit';
import type { HandlerSlice } from './types';

export const auditHandlers: HandlerSlice<'audit.verify' | 'audit.export' | 'audit.citizenSlip'> = {
  'audit.verify': ({ core }) => {
    const r = verifyChain(core.db, startAudit(core).publicKey);
    return r.ok
      ? { ok: true, entries: r.entries, checkpoints: r.checkpoints, signedThrough: r.signedThrough }
      : { ok: false, entries: r.entries, brokenAt: r.seq, reason: r.reason };
  },
  'audit.export': ({ core }, i) => auditExport(core, i),
  'audit.citizenSlip': ({ core }, i) => citizenSlip(core, i),
};
