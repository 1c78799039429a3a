import { join } from 'node:path';
import { sm2 } from 'sm-crypto-v2';
import { createPrivateFileOnce, readPrivateFile } from '../crypto/key-file';
import { AuditError } from './errors';

export const SIGN_KEY_FILE = 'audit-sign.key';
const SM2_USER_ID = '1234567812345678';

export interface AuditSigner {
  publicKey: string;
  sign(message: string): string;
}

/** SM2 (with SM3 and the standard user id) over a UTF-8 message; the signature is hex r||s. */
export function createAuditSigner(privateKeyHex: string): AuditSigner {
  const publicKey = sm2.getPublicKeyFromPrivateKey(privateKeyHex);
  return {
    publicKey,
    sign: (message) => sm2.doSignature(message, privateKeyHex, { hash: true, publicKey, userId: SM2_USER_ID }),
  };
}

export function verifyAuditSignature(message: string, signatureHex: string, publicKey: string): boolean {
  try {
    return sm2.doVerifySignature(message, signatureHex, publicKey, { hash: true, userId: SM2_USER_ID });
  } catch {
    return false;
  }
}

/**
 * The terminal's audit signing key: 64 hex chars in a 0600 file in the data dir, created on first
 * use (same private-file rules as the data key). Its public key is printed by `npm run audit -- key`
 * so it can be recorded off the terminal and checked against exports later.
 */
export function loadOrCreateAuditSigner(dataDir: string): AuditSigner {
  const path = join(dataDir, SIGN_KEY_FILE);
  let bytes = readPrivateFile(path);
  if (!bytes)
    bytes = createPrivateFileOnce(path, Buffer.from(sm2.generateKeyPairHex().privateKey.padStart(64, '0'), 'ascii'));
  const hex = bytes.toString('ascii').trim();
  if (!/^[0-9a-f]{64}$/i.test(hex)) {
    throw new AuditError(
      'AUDIT_SIGN_KEY_INVALID',
      `audit signing key ${path} is damaged; restore it from backup (the checkpoints already signed can still be verified with the recorded public key)`,
    );
  }
  return createAuditSigner(hex.toLowerCase());
}

/** The public key from the key file, without creating one (the verifier must not invent keys). */
export function readAuditPublicKey(dataDir: string): string | null {
  const bytes = readPrivateFile(join(dataDir, SIGN_KEY_FILE));
  if (!bytes) return null;
  return sm2.getPublicKeyFromPrivateKey(bytes.toString('ascii').trim().toLowerCase());
}
