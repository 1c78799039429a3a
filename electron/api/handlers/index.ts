import { appHandlers } from './app';
import { auditHandlers } from './audit';
import { authHandlers } from './auth';
import { caseHandlers } from './cases';
import { certificateHandlers } from './certificates';
import { citizenHandlers } from './citizen';
import { meanstestHandlers } from './meanstest';
import { outboxHandlers } from './outbox';
import { trainingHandlers } from './training';
import type { HandlerTable } from './types';

/** The whole table; the type makes a missing handler for any contract operation a compile error. */
export const handlers: HandlerTable = {
  ...appHandlers,
  ...authHandlers,
  ...auditHandlers,
  ...caseHandlers,
  ...certificateHandlers,
  ...citizenHandlers,
  ...meanstestHandlers,
  ...outboxHandlers,
  ...trainingHandlers,
};
