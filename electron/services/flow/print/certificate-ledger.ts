import { listInterrupted, markCompleted, markJobAccepted, markSendStarted, printState } from '../../cases';
import type { PrintLedger, PrintState } from '../outputs/types';

const STATE: Record<string, PrintState['state']> = {
  open: 'none',
  accepted: 'issued',
  completed: 'printed',
  voided: 'voided',
};

/** A certificate's (or card's) print, recorded on its case row: the serial is its title. */
export const certificateLedger: PrintLedger = {
  state(db, caseId) {
    const st = printState(db, caseId);
    return {
      state: STATE[st.state] ?? 'none',
      ...(st.serial ? { title: st.serial } : {}),
      ...(st.sendStartedAt ? { sendStartedAt: st.sendStartedAt } : {}),
    };
  },
  markSendStarted: (db, caseId, _kind, printer) => markSendStarted(db, caseId, printer),
  markJobAccepted: (db, caseId, _kind, jobId, printer) => markJobAccepted(db, caseId, jobId, printer),
  markCompleted: (db, caseId) => markCompleted(db, caseId),
  interrupted: (db, counterId) =>
    listInterrupted(db, { counterId }).map((i) => ({
      caseId: i.caseId,
      kind: 'certificate',
      title: i.serial,
      ...(i.sendStartedAt ? { sendStartedAt: i.sendStartedAt } : {}),
      ...(i.printJobId ? { printJobId: i.printJobId } : {}),
      ...(i.printer ? { printer: i.printer } : {}),
    })),
};
