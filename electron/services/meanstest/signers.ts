import type { SignRequestView } from '../signature/types';

/**
 * How the household check's on-screen signatures sit in the shared signing service: one request
 * per adult member (`member:<k>`, k = ref + 1) on the authorisation document, or, for a member
 * without capacity, the guardian's (`guardian`) on the document `…/<k>/<g>` (ward k, guardian g,
 * both members of the household the hash binds, so the guardian is known from the document alone).
 */
export const AUTH_DOCUMENT = 'meanstest-authorisation';

export const AUTH_TITLE = { zh: '居民家庭经济状况核对授权书', en: 'Authorisation of the household economic check' };

export function requestKey(ref: number, guardianRef?: number): { document: string; signer: string } {
  return guardianRef === undefined
    ? { document: AUTH_DOCUMENT, signer: `member:${ref + 1}` }
    : { document: `${AUTH_DOCUMENT}/${ref + 1}/${guardianRef + 1}`, signer: 'guardian' };
}

/** The member a request is for (and the guardian signing for them), or null for another document. */
export function requestFor(
  r: Pick<SignRequestView, 'document' | 'signer'>,
): { ref: number; guardianRef?: number } | null {
  if (r.document === AUTH_DOCUMENT) {
    const m = /^member:(\d+)$/.exec(r.signer);
    return m ? { ref: Number(m[1]) - 1 } : null;
  }
  const g = new RegExp(`^${AUTH_DOCUMENT}/(\\d+)/(\\d+)$`).exec(r.document);
  return g && r.signer === 'guardian' ? { ref: Number(g[1]) - 1, guardianRef: Number(g[2]) - 1 } : null;
}
