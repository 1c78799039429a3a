/**
 * Addresses from different registries are typed by different people: full-width digits
 * (１８号), stray spaces, traditional 號. Both sides go through this before any comparison, and
 * the "issued this season" index is keyed on its output, so changing it orphans index rows:
 * add a step only together with a migration that rebuilds the index.
 */
export function normaliseAddress(raw: string): string {
  return raw
    .normalize('NFKC') // full-width digits, letters, spaces and dashes to their ASCII forms
    .replace(/[號]/g, '号')
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/[，,。.、;；:：]+$/u, '')
    .replace(/[‐‑‒–—―－]/g, '-');
}

export const sameAddress = (a: string, b: string): boolean => {
  const na = normaliseAddress(a);
  return na.length > 0 && na === normaliseAddress(b);
};
