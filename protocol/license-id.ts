/**
 * License identifiers (docs/e-licenses.md): 1.2.156.3005.2.<type>.<issuer>.<serial>.<version>.<check>,
 * the check character being ISO 7064 MOD 37,36 (hybrid system) over every part without dots.
 * Pure: shared by the registry client (to reject garbled identifiers before a network call) and the sandbox.
 */

export const LICENSE_ID_PREFIX = '1.2.156.3005.2';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const M = 36;

function charValue(c: string): number {
  const v = ALPHABET.indexOf(c.toUpperCase());
  if (v < 0) throw new RangeError(`"${c}" is not a MOD 37,36 character (0-9, A-Z)`);
  return v;
}

/** ISO 7064 MOD 37,36 check character for `data` (digits and letters, case-insensitive). */
export function mod3736Check(data: string): string {
  let p = M;
  for (const c of data) {
    const s = (p + charValue(c)) % M;
    p = ((s === 0 ? M : s) * 2) % (M + 1);
  }
  return ALPHABET[(M + 1 - p) % M]!;
}

/** True when the last character of `dataWithCheck` is the correct MOD 37,36 check character. */
export function mod3736Valid(dataWithCheck: string): boolean {
  if (dataWithCheck.length < 2 || !/^[0-9A-Za-z]+$/.test(dataWithCheck)) return false;
  return mod3736Check(dataWithCheck.slice(0, -1)) === dataWithCheck.slice(-1).toUpperCase();
}

export interface LicenseIdParts {
  typeCode: string;
  issuerCode: string;
  serial: string;
  /** Three digits, e.g. '001'. */
  version: string;
}

const PART = /^[0-9A-Z]+$/;

export function buildLicenseId(parts: LicenseIdParts): string {
  const { typeCode, issuerCode, serial, version } = parts;
  for (const [name, v] of Object.entries({ typeCode, issuerCode, serial })) {
    if (!PART.test(v)) throw new RangeError(`license id ${name} "${v}" must be upper-case letters and digits`);
  }
  if (!/^\d{3}$/.test(version)) throw new RangeError(`license id version "${version}" must be three digits`);
  const body = `${LICENSE_ID_PREFIX}.${typeCode}.${issuerCode}.${serial}.${version}`;
  return `${body}.${mod3736Check(body.replace(/\./g, ''))}`;
}

const ID_RE = /^1\.2\.156\.3005\.2\.([0-9A-Z]+)\.([0-9A-Z]+)\.([0-9A-Z]+)\.(\d{3})\.([0-9A-Z])$/;

/** Parses and checks an identifier; null when its shape or check character is wrong. */
export function parseLicenseId(identifier: string): LicenseIdParts | null {
  const m = ID_RE.exec(identifier);
  if (!m) return null;
  if (!mod3736Valid(identifier.replace(/\./g, ''))) return null;
  return { typeCode: m[1]!, issuerCode: m[2]!, serial: m[3]!, version: m[4]! };
}

export function isValidLicenseId(identifier: string): boolean {
  return parseLicenseId(identifier) !== null;
}
