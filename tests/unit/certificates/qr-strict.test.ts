import { describe, expect, it } from 'vitest';
import {
  extractPayload,
  generateHallKey,
  renderCertificate,
  toTrustedKey,
  verifyPayload,
} from '../../../electron/services/certificates';
import { cleanEnergyData } from '../../helpers/certificates';

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The character at `i` with the lowest bit of its 6-bit value flipped (for the last one: a padding bit). */
function flipAt(payload: string, i: number, to?: string): string {
  const c = payload[i]!;
  const k = B64URL.indexOf(c);
  const next = to ?? (k >= 0 ? B64URL[k ^ 1]! : String.fromCharCode(c.charCodeAt(0) ^ 1));
  return payload.slice(0, i) + next + payload.slice(i + 1);
}

describe('QR payload decoding is strict: any changed character is caught', () => {
  // Hall ids of three lengths give bodies of every length mod 3, so the last character carries
  // 0, 2 and 4 unused bits in turn (with 0 there is nothing to catch, which is why one is not enough).
  const halls = ['H110101', 'H1101011', 'H11010111'].map((id) => generateHallKey(id));
  const trusted = halls.map((h) => toTrustedKey(h, '示范市东城区政务服务中心'));
  const payloads: string[] = [];

  it('real certificate payloads are valid, and their lengths cover every base64 tail', async () => {
    for (const hallKey of halls)
      payloads.push(extractPayload(await renderCertificate('clean-energy', cleanEnergyData(), { hallKey })) as string);
    for (const p of payloads) expect(verifyPayload(p, trusted).status).toBe('valid');
    expect(new Set(payloads.map((p) => Buffer.from(p.slice(4), 'base64url').length % 3))).toEqual(new Set([0, 1, 2]));
  });

  it.each([0, 1, 2])(
    'flipping any one character of payload %i gives TAMPERED or malformed (UNKNOWN KEY only where the key id itself changed)',
    (n) => {
      const payload = payloads[n]!;
      const keyId = verifyPayload(payload, trusted).fields!.keyId;
      const wrong: string[] = [];
      const check = (mutated: string, where: string) => {
        const r = verifyPayload(mutated, trusted);
        const ok =
          r.status === 'tampered' ||
          r.status === 'malformed' ||
          (r.status === 'unknown-key' && r.fields?.keyId !== keyId);
        if (!ok) wrong.push(`${where}: ${r.status}`);
      };
      for (let i = 0; i < payload.length; i++)
        check(flipAt(payload, i), `char ${i} (${payload[i]} -> ${flipAt(payload, i)[i]})`);
      // The last character carries the unused low bits: every other letter there must fail too.
      const last = payload.length - 1;
      for (const c of B64URL) if (c !== payload[last]) check(flipAt(payload, last, c), `last char -> ${c}`);
      expect(wrong).toEqual([]);
    },
  );

  it('padding, whitespace inside and standard-alphabet spellings are malformed, not re-read', () => {
    const payload = payloads[1]!;
    const body = payload.slice(4);
    for (const bad of [
      `${payload}=`,
      `${payload}==`,
      `CT1.${body.slice(0, 40)} ${body.slice(40)}`,
      `CT1.${body.replace(/-/g, '+').replace(/_/g, '/')}`,
    ]) {
      if (bad === payload) continue;
      expect(verifyPayload(bad, trusted).status, bad.slice(-10)).toBe('malformed');
    }
  });
});
