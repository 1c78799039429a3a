export { appendAudit, appendAuditMany, configureAudit, sealAad } from './append';
export { signHead, writeCheckpoint } from './checkpoint';
export { verifyChain, type VerifyResult } from './verify';
export { auditSubject } from './subject';
export { startAudit, auditCipher, type AuditStartOptions } from './service';
export { requireOpenCase, registerCaseLookup, caseLookupWired, type CaseRef, type CaseLookup } from './purpose';
export {
  loadOrCreateAuditSigner,
  readAuditPublicKey,
  createAuditSigner,
  verifyAuditSignature,
  SIGN_KEY_FILE,
  type AuditSigner,
} from './signing-key';
export { AuditError, type AuditErrorCode } from './errors';
export { AUDIT_ACTIONS, GENESIS_HASH, type AuditEntryInput, type AuditRow, type KnownAuditAction } from './types';
