import { appendAudit, auditSubject } from '../audit';
import type { Core } from '../core/core';
import type { RecordCipher } from '../crypto';
import type { FetchResult } from '../licenses';
import type { LiveCase } from './live';

/** One audit entry about the citizen of a case; the ID number is stored only as a keyed hash. */
export function auditCase(
  core: Core,
  cipher: RecordCipher,
  live: Pick<LiveCase, 'id' | 'card' | 'itemCode'>,
  action: string,
  e: { purpose?: string; detail?: Record<string, unknown>; personal?: Record<string, unknown>; actor?: string } = {},
): void {
  appendAudit(core.db, {
    action,
    actor: e.actor ?? core.session?.userId ?? null,
    subject: auditSubject(cipher, live.card.number),
    itemCode: live.itemCode ?? null,
    caseId: live.id,
    purpose: e.purpose ?? null,
    detail: e.detail ?? null,
    personal: e.personal ?? null,
  });
}

/**
 * The registry fetch made for a case, and separately every license served from the local cache.
 * Recorded under the clerk who opened the case: the answer may arrive after they signed out.
 */
export function auditFetch(core: Core, cipher: RecordCipher, live: LiveCase, r: FetchResult, purpose: string): void {
  const fromRegistry = r.licenses.filter((l) => l.source === 'registry');
  const fromCache = r.licenses.filter((l) => l.source === 'cache');
  core.db.transaction(() => {
    auditCase(core, cipher, live, 'registry-fetch', {
      actor: live.clerkId,
      purpose,
      detail: {
        online: r.online,
        licenses: fromRegistry.length,
        missing: r.missing,
        errors: r.errors.map((e) => e.code),
      },
      personal: { identifiers: fromRegistry.map((l) => l.license.identifier) },
    });
    if (fromCache.length) {
      auditCase(core, cipher, live, 'cache-read', {
        actor: live.clerkId,
        purpose,
        detail: { licenses: fromCache.length },
        personal: { identifiers: fromCache.map((l) => l.license.identifier), asOf: fromCache.map((l) => l.fetchedAt) },
      });
    }
  })();
}
