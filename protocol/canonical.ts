import type { LicenseRecord } from './registry-types';

/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, arrays in order, strings as
 * JSON.stringify writes them. Signer and verifier must produce byte-identical text, so anything
 * that JSON cannot represent exactly is refused rather than silently dropped.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonical JSON cannot hold NaN or Infinity');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
  }
}

/** The exact text an issuer signs: the license without its digitalSign member. */
export function licenseSigningText(license: Omit<LicenseRecord, 'digitalSign'> & { digitalSign?: unknown }): string {
  const { digitalSign: _omit, ...rest } = license;
  return canonicalJson(rest);
}
