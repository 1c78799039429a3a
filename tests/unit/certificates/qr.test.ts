import { describe, expect, it } from 'vitest';
import {
  generateHallKey,
  signPayload,
  toTrustedKey,
  verifyPayload,
  type QrFields,
} from '../../../electron/services/certificates';
import { qrVersion } from '../../../electron/services/certificates/render/qr-draw';

const hallA = generateHallKey('H110101');
const hallB = generateHallKey('H110102');
const trusted = [toTrustedKey(hallA, '东城区政务服务中心')];

const fields: Omit<QrFields, 'keyId'> = {
  serial: 'CE-20250301-000123',
  itemCode: 'QJNY-001',
  holderName: '王**',
  holderId: '110101********0013',
  issuedAt: '2025-03-01T02:42:00Z',
  factsHash: 'ab'.repeat(32),
  training: false,
};

/** Flips one byte of the decoded body at `at` and re-encodes, keeping the payload well-formed. */
function flipByte(payload: string, at: number): string {
  const body = Buffer.from(payload.slice(4), 'base64url');
  body[at] = (body[at] as number) ^ 0x01;
  return `CT1.${body.toString('base64url')}`;
}

describe('signed QR payload', () => {
  const payload = signPayload(fields, hallA);

  it('round-trips: a payload signed by a trusted hall is valid and carries every field', () => {
    const r = verifyPayload(payload, trusted);
    expect(r.status).toBe('valid');
    expect(r.fields).toEqual({ ...fields, keyId: hallA.keyId });
    expect(r.hall?.hallName).toBe('东城区政务服务中心');
  });

  it('is compact enough for a QR at 30 mm (version <= 11 at level M)', () => {
    expect(payload.startsWith('CT1.')).toBe(true);
    expect(payload.length).toBeLessThanOrEqual(251);
    expect(qrVersion(payload)).toBeLessThanOrEqual(11);
  });

  it('any changed byte in the signed data or the signature is tampered', () => {
    const body = Buffer.from(payload.slice(4), 'base64url');
    // serial text, issue time, facts hash, last signature byte
    const serialByte = 3;
    const timeByte = 1 + 18 + 1 + 8 + 1 + Buffer.byteLength('王**') + 1 + 18;
    const hashByte = timeByte + 5 + 10;
    for (const at of [serialByte, timeByte, hashByte, body.length - 1]) {
      const r = verifyPayload(flipByte(payload, at), trusted);
      expect(r.status, `byte ${at}`).toBe('tampered');
    }
  });

  it('a payload from a hall not in the trusted list is unknown-key, even if the hall id matches', () => {
    expect(verifyPayload(signPayload(fields, hallB), trusted).status).toBe('unknown-key');
    const rotated = generateHallKey('H110101');
    expect(rotated.keyId).not.toBe(hallA.keyId);
    expect(verifyPayload(signPayload(fields, rotated), trusted).status).toBe('unknown-key');
  });

  it('a key id we trust with a signature from another key is tampered', () => {
    const forged = signPayload(fields, { ...hallB, keyId: hallA.keyId });
    expect(verifyPayload(forged, trusted).status).toBe('tampered');
  });

  it('garbage, wrong prefix, truncation and trailing bytes are malformed', () => {
    for (const bad of [
      '',
      'hello',
      'CT1.',
      'CT1.!!!',
      'CT2.' + payload.slice(4),
      payload.slice(0, 60),
      payload + 'AAAA',
      'https://example.com/?CT1.x',
    ]) {
      const r = verifyPayload(bad, trusted);
      expect(r.status, bad.slice(0, 20)).toBe('malformed');
      expect(r.reason).toBeTruthy();
    }
  });

  it('keeps the training flag signed: flipping it is tampered', () => {
    const training = signPayload({ ...fields, training: true }, hallA);
    expect(verifyPayload(training, trusted).fields?.training).toBe(true);
    const timeByte = 1 + 18 + 1 + 8 + 1 + Buffer.byteLength('王**') + 1 + 18;
    expect(verifyPayload(flipByte(training, timeByte + 4), trusted).status).toBe('tampered');
  });

  it('rejects fields that cannot be encoded', () => {
    expect(() => signPayload({ ...fields, factsHash: 'xyz' }, hallA)).toThrow(/factsHash/);
    expect(() => signPayload({ ...fields, serial: 'x'.repeat(300) }, hallA)).toThrow(/too long/);
  });
});
