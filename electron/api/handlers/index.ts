import { appHandlers } from './app';
import { auditHandlers } from './audit';
import { batchHandlers } from './batch';
import { authHandlers } from './auth';
import { caseHandlers } from './cases';
import { certificateHandlers } from './certificates';
import { citizenHandlers } from './citizen';
import { hallHandlers } from './hall';
import { meanstestHandlers } from './meanstest';
import { outboxHandlers } from './outbox';
import { trainingHandlers } from './training';
import { worklistHandlers } from './worklists';
import type { HandlerTable } from './types';

/** The whole table; the type makes a missing handler for any contract operation a compile error. */
export const handlers: HandlerTable = {
  ...appHandlers,
  ...authHandlers,
  ...auditHandlers,
  ...batchHandlers,
  ...caseHandlers,
  ...certificateHandlers,
  ...citizenHandlers,
  ...hallHandlers,
  ...meanstestHandlers,
  ...outboxHandlers,
  ...trainingHandlers,
  ...worklistHandlers,
};
