import { licenseSigningText } from '../../../protocol/canonical';
import { parseLicenseId } from '../../../protocol/license-id';
import type { Sm2Verifier } from '../../../protocol/sm2';
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
 * SM2 verification is most of what a fetch costs the terminal (~0.5 ms a license), and the same
 * signed license comes back often: a household register for the child and both parents of a
 * school-enrolment line, and again for siblings. The verdict on (digest, signature) under one
 * issuer key never changes, so it is remembered per verifier (a new trust list brings new
 * verifiers, so a rotated key starts afresh); the key's dates are still checked every time above.
 * Keyed by the 32-byte digest rather than the text, so 4,096 verdicts hold about 1 MB. Bounded:
 * the oldest verdicts go first.
 */
const MEMO_MAX = 4096;
const verdicts = new WeakMap<Sm2Verifier, Map<string, boolean>>();
function checkSignature(verifier: Sm2Verifier, text: string, value: string): boolean {
  let m = verdicts.get(verifier);
  if (!m) verdicts.set(verifier, (m = new Map()));
  const e = verifier.digest(text);
  const key = `${value}${Buffer.from(e).toString('hex')}`;
  let ok = m.get(key);
  if (ok === undefined) {
    ok = verifier.verifyDigest(e, value);
    if (m.size >= MEMO_MAX) m.delete(m.keys().next().value!);
    m.set(key, ok);
  }
  return ok;
}

/**
 * Checks one license against the trust list: a well-formed identifier that agrees with the
 * catalog fields, an issuer we trust and whose key is in force, and an SM2 signature over the
 * canonical text. Never throws: the verdict travels with the license so the clerk sees why.
 */
export function verifyLicense(
  license: LicenseRecord,
  trust: ReadonlyMap<string, TrustEntry>,
  now = Date.now(),
): VerificationState {
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
  if (!checkSignature(entry.verifier, text, license.digitalSign.value)) {
    return unverified(
      'bad-signature',
      `The signature of ${entry.issuer.name} does not match this license's content (it may have been altered). Do not rely on it; ask the holder for the paper original.`,
    );
  }
  return { state: 'verified', issuer: entry.issuer.issuerCode };
}
