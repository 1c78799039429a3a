import type { Core } from '../core/core';
import { appendAudit } from '../audit/append';
import { startAudit } from '../audit/service';
import type { AuditEntryInput } from '../audit/types';
import { DEFAULT_KDF, type KdfParams } from './password';
import { Sessions } from './sessions';
import { FailureThrottle, TokenBucket } from './throttle';

export interface AccountsOptions {
  /** Tests that hash thousands of passwords pass a cheaper cost; production never sets it. */
  kdf?: KdfParams;
  now?: () => number;
}

/** Shared state of the accounts service for one core. */
export interface AccountsContext {
  core: Core;
  sessions: Sessions;
  terminal: FailureThrottle;
  bucket: TokenBucket;
  kdf: KdfParams;
  now: () => number;
  /** Wrong supervisor passwords at the counter, per supervisor account (flow/override.ts). */
  overrideFailures: Map<string, { count: number; until: number }>;
  audit(e: AuditEntryInput): void;
}

/** Builds the accounts service once per core, kept as core.services.accounts. */
export function startAccounts(core: Core, o: AccountsOptions = {}): AccountsContext {
  const existing = core.services.accounts;
  if (existing) return existing;
  const now = o.now ?? Date.now;
  startAudit(core);
  const audit = (e: AuditEntryInput) => void appendAudit(core.db, e);
  const ctx: AccountsContext = {
    core,
    sessions: new Sessions(core, (userId) => audit({ action: 'lock', actor: userId, detail: { reason: 'idle' } }), now),
    terminal: new FailureThrottle(now),
    bucket: new TokenBucket(10, 0.5, now),
    kdf: o.kdf ?? DEFAULT_KDF,
    now,
    overrideFailures: new Map(),
    audit,
  };
  core.services.accounts = ctx;
  return ctx;
}

/** The accounts service of a core, started with defaults on first use. */
export const accountsOf = (core: Core): AccountsContext => core.services.accounts ?? startAccounts(core);

/** Clears the sign-in rate limit and terminal delay (tests and the fuzz harness; not reachable from the API). */
export function resetSignInLimits(core: Core): void {
  const c = accountsOf(core);
  c.bucket.reset();
  c.terminal.succeed();
}
