import { licenseSigningText } from '../../../protocol/canonical';
import { parseLicenseId } from '../../../protocol/license-id';
import type { Sm2Verifier } from '../../../protocol/sm2';
import type { PoolItem, Sm2Pool } from './sm2-pool';
import type { LicenseRecord, TrustedIssuer, VerificationState } from './types';

export interface TrustEntry {
  issuer: TrustedIssuer;
  verifier: Sm2Verifier;
}

function unverified(
  reason: 'bad-signature' | 'unknown-issuer' | 'issuer-expired' | 'malformed',
  message: string,
): VerificationState {
  return { state: 'unverified', reason, message };
}

/** Day-granular dates (YYYY-MM-DD) compare as text; anything else is parsed. */
function toMs(d: string, endOfDay: boolean): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(d)) return Date.parse(`${d}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}+08:00`);
  return Date.parse(d);
}

/**
 * SM2 verification is the costliest step of a fetch at the terminal (~0.07 ms a license in
 * WebAssembly, ~0.5 ms on the BigInt fallback), and the same
 * signed license comes back often: a household register for the child and both parents of a
 * school-enrolment line, and again for siblings. The verdict on (digest, signature) under one
 * issuer key never changes, so it is remembered per verifier (a new trust list brings new
 * verifiers, so a rotated key starts afresh); the key's dates are still checked every time in
 * `precheck`. Keyed by the 32-byte digest rather than the text, so 4,096 verdicts hold about
 * 1 MB. Bounded: the oldest verdicts go first.
 */
const MEMO_MAX = 4096;
const verdicts = new WeakMap<Sm2Verifier, Map<string, boolean>>();
const memoOf = (v: Sm2Verifier) => {
  let m = verdicts.get(v);
  if (!m) verdicts.set(v, (m = new Map()));
  return m;
};
const remember = (m: Map<string, boolean>, key: string, ok: boolean) => {
  if (m.size >= MEMO_MAX) m.delete(m.keys().next().value!);
  m.set(key, ok);
};

function badSignature(entry: TrustEntry): VerificationState {
  return unverified(
    'bad-signature',
    `The signature of ${entry.issuer.name} does not match this license's content (it may have been altered). Do not rely on it; ask the holder for the paper original.`,
  );
}

/**
 * Everything but the curve arithmetic: a well-formed identifier that agrees with the catalog
 * fields, an issuer we trust and whose key is in force, and the canonical text. Either a verdict
 * already, or what the signature check needs.
 */
function precheck(
  license: LicenseRecord,
  trust: ReadonlyMap<string, TrustEntry>,
  now: number,
): VerificationState | { entry: TrustEntry; e: Uint8Array; memoKey: string } {
  const id = parseLicenseId(license.identifier);
  if (!id)
    return unverified('malformed', `Identifier ${license.identifier} is not well formed (shape or check character).`);
  if (id.typeCode !== license.certificateType || id.issuerCode !== license.issueDeptCode) {
    return unverified('malformed', 'The identifier does not match the license type or issuing department it claims.');
  }
  const entry = trust.get(license.digitalSign.signer);
  if (!entry) {
    return unverified(
      'unknown-issuer',
      `The signer ${license.digitalSign.signer} of this license (issued in the name of ${license.issueDept}) is not in the registry's trust list; the license cannot be relied on. Ask the holder for the paper original.`,
    );
  }
  if (license.digitalSign.signer !== license.issueDeptCode) {
    return unverified(
      'malformed',
      `Signed by ${license.digitalSign.signer}, not by the issuing department ${license.issueDeptCode}.`,
    );
  }
  const { validFrom, validTo } = entry.issuer;
  if (now < toMs(validFrom, false) || now > toMs(validTo, true)) {
    return unverified(
      'issuer-expired',
      `The signing key of ${entry.issuer.name} is only valid ${validFrom} to ${validTo}.`,
    );
  }
  let text: string;
  try {
    text = licenseSigningText(license);
  } catch {
    return unverified('malformed', 'The license holds values that cannot be checked.');
  }
  const e = entry.verifier.digest(text);
  return { entry, e, memoKey: `${license.digitalSign.value}${Buffer.from(e).toString('hex')}` };
}

const VERIFIED = (entry: TrustEntry): VerificationState => ({ state: 'verified', issuer: entry.issuer.issuerCode });

/**
 * Checks one license against the trust list and its SM2 signature over the canonical text, in
 * this thread. Never throws: the verdict travels with the license so the clerk sees why.
 */
export function verifyLicense(
  license: LicenseRecord,
  trust: ReadonlyMap<string, TrustEntry>,
  now = Date.now(),
): VerificationState {
  const pre = precheck(license, trust, now);
  if ('state' in pre) return pre;
  const memo = memoOf(pre.entry.verifier);
  let ok = memo.get(pre.memoKey);
  if (ok === undefined)
    remember(memo, pre.memoKey, (ok = pre.entry.verifier.verifyDigest(pre.e, license.digitalSign.value)));
  return ok ? VERIFIED(pre.entry) : badSignature(pre.entry);
}

/**
 * The same verdicts for many licenses at once (a batch answer), with the signature checks that
 * the memo does not answer done on the pool's threads. Each distinct (digest, signature) is
 * checked once even when it comes back several times in the same answer.
 */
export async function verifyLicenses(
  licenses: readonly LicenseRecord[],
  trustFor: (license: LicenseRecord) => ReadonlyMap<string, TrustEntry>,
  pool: Pick<Sm2Pool, 'verify'>,
  now = Date.now(),
): Promise<VerificationState[]> {
  const out: Array<VerificationState | undefined> = [];
  const asked = new Map<string, { entry: TrustEntry; at: number[]; item: PoolItem }>();
  licenses.forEach((license, i) => {
    const pre = precheck(license, trustFor(license), now);
    if ('state' in pre) return void (out[i] = pre);
    const ok = memoOf(pre.entry.verifier).get(pre.memoKey);
    if (ok !== undefined) return void (out[i] = ok ? VERIFIED(pre.entry) : badSignature(pre.entry));
    const key = `${pre.entry.verifier.publicKey}${pre.memoKey}`;
    const a = asked.get(key);
    if (a) a.at.push(i);
    else
      asked.set(key, {
        entry: pre.entry,
        at: [i],
        item: { key: pre.entry.verifier.publicKey, e: pre.e, sig: license.digitalSign.value },
      });
  });
  const list = [...asked.values()];
  const results = await pool.verify(list.map((a) => a.item));
  list.forEach((a, j) => {
    const ok = results[j] === true;
    remember(memoOf(a.entry.verifier), `${a.item.sig}${Buffer.from(a.item.e).toString('hex')}`, ok);
    for (const i of a.at) out[i] = ok ? VERIFIED(a.entry) : badSignature(a.entry);
  });
  return out as VerificationState[];
}
