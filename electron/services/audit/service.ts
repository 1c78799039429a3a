import type { Core } from '../core/core';
import type { RecordCipher } from '../crypto';
import { appendAudit, auditSetup, configureAudit } from './append';
import { signHead } from './checkpoint';
import { loadOrCreateAuditSigner, type AuditSigner } from './signing-key';

export interface AuditStartOptions {
  /** createCipher(dataKey); without it entries with personal detail are refused. */
  cipher?: RecordCipher;
  checkpointEvery?: number;
}

/**
 * Loads the terminal's signing key, registers cipher and signer for appendAudit on this core's db
 * and signs the chain head on shutdown. Idempotent; boot calls it, handlers call it lazily.
 */
export function startAudit(core: Core, o: AuditStartOptions = {}): AuditSigner {
  const existing = core.services.audit;
  if (existing && !o.cipher) return existing;
  const signer = existing ?? loadOrCreateAuditSigner(core.opts.dataDir);
  configureAudit(core.db, {
    cipher: o.cipher ?? auditSetup(core.db)?.cipher,
    signer,
    checkpointEvery: o.checkpointEvery,
  });
  if (!existing) {
    core.services.audit = signer;
    // Registered before later services' closers, so it runs after them (reverse order) and signs their last entries.
    core.onClose(() => {
      appendAudit(core.db, { action: 'shutdown', actor: null });
      signHead(core.db, signer);
    });
  }
  return signer;
}

export function auditCipher(core: Core): RecordCipher | undefined {
  return auditSetup(core.db)?.cipher;
}
