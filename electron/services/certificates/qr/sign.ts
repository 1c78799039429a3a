import { sm2 } from 'sm-crypto-v2';
import { assemble, decode, encodeUnsigned, type QrFields } from './codec';
import type { HallKey, TrustedHallKey } from './keys';

/** GM/T 0009 default user id; verifiers elsewhere assume it. */
const USER_ID = '1234567812345678';

export type VerifyStatus = 'valid' | 'tampered' | 'unknown-key' | 'malformed';

export interface VerifyResult {
  status: VerifyStatus;
  /** Decoded fields; only trustworthy when status is 'valid'. */
  fields?: QrFields;
  /** The trusted key that vouched for it (valid) or that failed to (tampered). */
  hall?: TrustedHallKey;
  /** Why, for malformed payloads. */
  reason?: string;
}

export function signPayload(fields: Omit<QrFields, 'keyId'>, hallKey: HallKey): string {
  const signed = encodeUnsigned({ ...fields, keyId: hallKey.keyId });
  const sigHex = sm2.doSignature(signed, hallKey.privateKey, {
    hash: true,
    der: false,
    userId: USER_ID,
    publicKey: hallKey.publicKey,
  });
  return assemble(signed, Buffer.from(sigHex, 'hex'));
}

export function verifyPayload(payload: string, trustedHallKeys: readonly TrustedHallKey[]): VerifyResult {
  let decoded;
  try {
    decoded = decode(payload);
  } catch (err) {
    return { status: 'malformed', reason: (err as Error).message };
  }
  const { fields, signed, signature } = decoded;
  const hall = trustedHallKeys.find((k) => k.keyId === fields.keyId);
  if (!hall) return { status: 'unknown-key', fields };
  let ok = false;
  try {
    ok = sm2.doVerifySignature(signed, signature.toString('hex'), hall.publicKey, {
      hash: true,
      der: false,
      userId: USER_ID,
    });
  } catch {
    ok = false; // an out-of-range r or s throws in the curve library; that is a bad signature, not a crash
  }
  return { status: ok ? 'valid' : 'tampered', fields, hall };
}
