export { openCase, chooseItem, recordChecks, recordOverride, licensesUsedFrom } from './lifecycle';
export { issueCertificate, formatSerial, type IssueOptions } from './issue';
export { markSendStarted, markJobAccepted, markCompleted, voidCase, recordReprint, type ReprintInput } from './print';
export {
  getCase,
  getDocument,
  listInterrupted,
  printState,
  recentItemCounts,
  issuedForAddress,
  issuedLookup,
  findCasesBySubject,
} from './query';
export { canStep, type CaseStep } from './state';
export { CaseError, type CaseErrorCode } from './errors';
export type {
  CaseCipher,
  CaseRecord,
  CaseSource,
  CaseState,
  InterruptedCase,
  LicenseUsed,
  OpenCaseInput,
  PersonSnapshot,
  RecordChecksInput,
  Reprint,
} from './types';
export { purgeExpired } from './retention';
export { findAtSpooler, type SpoolerFinding } from './spooled';
