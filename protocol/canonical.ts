import type { LicenseRecord } from './registry-types';

/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, arrays in order, strings as
 * JSON.stringify writes them. Signer and verifier must produce byte-identical text, so anything
 * that JSON cannot represent exactly is refused rather than silently dropped.
 */
export function canonicalJson(value: unknown): string {
  // Built by appending to one string (V8 joins the pieces once, when the text is hashed) rather
  // than through arrays, maps and joins at every level: a batch answer's licenses each get this,
  // and the arrays were most of what a line allocated to verify them.
  return write(value, '');
}

function write(value: unknown, out: string): string {
  if (value === null) return out + 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return out + JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonical JSON cannot hold NaN or Infinity');
      return out + JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        out += '[';
        for (let i = 0; i < value.length; i++) out = write(value[i], i === 0 ? out : out + ',');
        return out + ']';
      }
      const obj = value as Record<string, unknown>;
      // Sorted by UTF-16 code unit (Array.prototype.sort's default for strings); undefined members left out.
      const keys = Object.keys(obj).sort();
      out += '{';
      let first = true;
      for (const k of keys) {
        const v = obj[k];
        if (v === undefined) continue;
        out = write(v, `${first ? out : out + ','}${JSON.stringify(k)}:`);
        first = false;
      }
      return out + '}';
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
