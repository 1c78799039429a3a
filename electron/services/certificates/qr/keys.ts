import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sm2 } from 'sm-crypto-v2';
import { sm3Hex } from '../../../../protocol/sm3';
import { z } from 'zod';
import { defaultDataDir } from '../../config/load';
import { CertificateError, describeIssues } from '../errors';

/** A hall's signing key. Hex as sm-crypto-v2 uses it: private 64 chars, public 130 chars (04…). */
export interface HallKey {
  keyId: string;
  hallId: string;
  publicKey: string;
  privateKey: string;
}

/** What a verifier trusts: the public half plus a name to show. */
export interface TrustedHallKey {
  keyId: string;
  publicKey: string;
  hallName: string;
}

const hallKeyFile = z.object({
  keyId: z.string().min(1),
  hallId: z.string().min(1),
  publicKey: z.string().regex(/^04[0-9a-f]{128}$/i),
  privateKey: z.string().regex(/^[0-9a-f]{64}$/i),
});
const trustedKeysFile = z.array(
  z.object({
    keyId: z.string().min(1),
    publicKey: z.string().regex(/^04[0-9a-f]{128}$/i),
    hallName: z.string().min(1),
  }),
);

/** Hall id plus a short fingerprint, so a rotated key of the same hall gets a new id. */
export function keyIdFor(hallId: string, publicKey: string): string {
  const fp = sm3Hex(Buffer.from(publicKey, 'hex')).slice(0, 8);
  return `${hallId}.${fp}`;
}

export function generateHallKey(hallId: string): HallKey {
  if (!/^[\w-]{1,32}$/.test(hallId)) {
    throw new CertificateError(
      'CERT_KEY_FILE_INVALID',
      `Hall id "${hallId}" cannot name a key; use 1-32 letters, digits, dash or underscore.`,
    );
  }
  const { publicKey, privateKey } = sm2.generateKeyPairHex();
  return { keyId: keyIdFor(hallId, publicKey), hallId, publicKey, privateKey };
}

export function toTrustedKey(key: HallKey, hallName: string): TrustedHallKey {
  return { keyId: key.keyId, publicKey: key.publicKey, hallName };
}

function readHallKey(file: string): HallKey {
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    throw new CertificateError(
      'CERT_KEY_FILE_INVALID',
      `Hall key file ${file} is readable by other users. Run "chmod 600 ${file}" (and check who could have copied it) before issuing certificates.`,
    );
  }
  let parsed: HallKey;
  try {
    parsed = hallKeyFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (cause) {
    throw new CertificateError(
      'CERT_KEY_FILE_INVALID',
      `Hall key file ${file} is damaged (${(cause as Error).message}). Restore it from backup; a new key needs publishing to verifiers.`,
      { cause },
    );
  }
  if (sm2.getPublicKeyFromPrivateKey(parsed.privateKey).toLowerCase() !== parsed.publicKey.toLowerCase()) {
    throw new CertificateError(
      'CERT_KEY_FILE_INVALID',
      `Hall key file ${file}: the public key does not belong to the private key. Restore the file from backup.`,
    );
  }
  return parsed;
}

/** Reads `<dir>/hall-key-<hallId>.json`, creating it (mode 0600, atomically) on first use. */
export function loadOrCreateHallKey(dir: string, hallId: string): HallKey {
  const file = join(dir, `hall-key-${hallId}.json`);
  if (existsSync(file)) return readHallKey(file);
  const key = generateHallKey(hallId);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(tmp, 0o600); // umask cannot widen it, but be explicit for filesystems that ignore mode on create
  renameSync(tmp, file);
  return key;
}

/** `trusted-hall-keys.json` in the data folder: $COUNTER_DATA_DIR, else the OS user-data folder the app uses. */
export function defaultTrustedKeysPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.COUNTER_DATA_DIR || defaultDataDir(env), 'trusted-hall-keys.json');
}

/** A JSON array of {keyId, publicKey, hallName}. */
export function readTrustedKeys(file: string = defaultTrustedKeysPath()): TrustedHallKey[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    throw new CertificateError(
      'CERT_TRUSTED_KEYS_INVALID',
      missing
        ? `No trusted hall keys at ${file}. Copy the published trusted-hall-keys.json there or pass --keys <path>.`
        : `Trusted hall keys file ${file} is not readable JSON (${(cause as Error).message}).`,
      { cause },
    );
  }
  const parsed = trustedKeysFile.safeParse(raw);
  if (!parsed.success) {
    throw new CertificateError(
      'CERT_TRUSTED_KEYS_INVALID',
      `Trusted hall keys file ${file} is malformed (${describeIssues(parsed.error.issues)}); expected [{keyId, publicKey, hallName}].`,
    );
  }
  return parsed.data;
}
