import type { BoundSignature } from '../signature/bind';
import type { SigningService } from '../signature/service';
import type { SignRequestView } from '../signature/types';
import { consentGaps, type ConsentStore } from './consent';
import { MeansError } from './errors';
import type { MeansConfig } from './config';
import type { Prepared } from './prepared';
import type { MeansSignRequest } from './api-types';
import { maskName } from '../certificates';
import { AUTH_TITLE, requestFor } from './signers';
import type { ConsentState } from './types';

/** A live (not withdrawn) signature request of the means test, with the member it is for. */
export type MemberRequest = { r: SignRequestView; ref: number; guardianRef?: number };

export function memberRequests(signing: SigningService | undefined, caseId: string): MemberRequest[] {
  if (!signing) return [];
  return signing.list(caseId).flatMap((r) => {
    const k = r.state === 'withdrawn' ? null : requestFor(r);
    return k ? [{ r, ...k }] : [];
  });
}

/**
 * Each member's newest consent: the consent store's rows (paper forms with their reason,
 * refusals, and signatures recorded before the signing service) and the on-screen signatures the
 * signing service holds for this authorisation document; the newest wins.
 */
export function mergedConsents(
  store: ConsentStore,
  signing: SigningService | undefined,
  clerkId: string,
  caseId: string,
  p: Prepared,
): Map<string, ConsentState & { signature?: BoundSignature }> {
  const all = store.forCase(caseId);
  if (!signing) return all;
  for (const q of memberRequests(signing, caseId)) {
    if (q.r.state !== 'signed' || q.r.documentHash !== p.hash) continue;
    const m = p.hh.members[q.ref];
    if (!m) continue;
    const old = all.get(m.idNumber);
    if (old && old.at > q.r.signedAt!) continue;
    const g = q.guardianRef === undefined ? undefined : p.hh.members[q.guardianRef];
    const signature = signing.signatureFor(caseId, q.r.documentHash, q.r.signer);
    all.set(m.idNumber, {
      member: m.idNumber,
      kind: 'signed',
      documentHash: q.r.documentHash,
      at: q.r.signedAt!,
      clerkId: old?.clerkId ?? clerkId,
      ...(g ? { guardian: { name: g.name, idNumber: g.idNumber, relation: g.relation } } : {}),
      ...(signature ? { signature: { signature, documentHash: q.r.documentHash, signedAt: q.r.signedAt! } } : {}),
    });
  }
  return all;
}

/** What the citizen screen is asked to have signed for a pending request (names masked). */
export function signRequestOf(caseId: string, p: Prepared, q: MemberRequest, cfg: MeansConfig): MeansSignRequest {
  const m = p.hh.members[q.ref]!;
  const g = q.guardianRef === undefined ? undefined : p.hh.members[q.guardianRef];
  return {
    caseId,
    documentHash: p.hash,
    title: AUTH_TITLE,
    signer: maskName(g?.name ?? m.name),
    ...(g ? { forMember: maskName(m.name) } : {}),
    sources: cfg.sources.map((s) => ({ zh: s.nameZh, en: s.nameEn })),
    windowMonths: p.area.rules.windowMonths,
  };
}

/** The rows the citizen screen lists under the authorisation's title while it waits (names masked). */
export function signRowsOf(
  p: Prepared,
  k: { ref: number; guardianRef?: number },
  cfg: MeansConfig,
): { label: { zh: string; en: string }; value: string }[] {
  const m = p.hh.members[k.ref];
  const g = k.guardianRef === undefined ? undefined : p.hh.members[k.guardianRef];
  if (!m) return [];
  return [
    { label: { zh: '签名人', en: 'Signing' }, value: maskName(g?.name ?? m.name) },
    ...(g ? [{ label: { zh: '代为签名（监护人）', en: 'On behalf of (guardian)' }, value: maskName(m.name) }] : []),
    { label: { zh: '核对期间（月）', en: 'Months checked' }, value: String(p.area.rules.windowMonths) },
    { label: { zh: '核对信息', en: 'Records checked' }, value: cfg.sources.map((s) => s.nameZh).join('、') },
  ];
}

/** Refused or missing consent blocks the check before any source is queried; the message names whose. */
export function requireConsents<C extends ConsentState>(p: Prepared, all: Map<string, C>): Map<string, C> {
  const { missing, refused } = consentGaps(p.hh.members, all, p.hash);
  if (refused.length)
    throw new MeansError('MEANS_CONSENT_REFUSED', `Refused: ${refused.map((m) => m.name).join(', ')}.`, {
      names: refused.map((m) => m.name).join('、'),
    });
  if (missing.length)
    throw new MeansError(
      'MEANS_CONSENT_MISSING',
      `No authorisation on record for ${missing.map((m) => m.name).join(', ')}; no source was queried.`,
      { names: missing.map((m) => m.name).join('、') },
    );
  return all;
}
