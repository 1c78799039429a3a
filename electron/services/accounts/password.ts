import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { AuthError } from './errors';

export interface KdfParams {
  /** log2 of scrypt's N. */
  logN: number;
  r: number;
  p: number;
}

/** N=2^15, r=8, p=1: about 32 MB and 50-100 ms per check on a counter PC (OWASP's scrypt minimum is 2^17 at r=8 p=1 or 2^15 at higher p). */
export const DEFAULT_KDF: KdfParams = { logN: 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;

function derive(password: string, salt: Buffer, k: KdfParams): Promise<Buffer> {
  const N = 2 ** k.logN;
  const opts: ScryptOptions = { N, r: k.r, p: k.p, maxmem: 128 * N * k.r * k.p + 1024 * 1024 };
  // Async: scrypt runs on the libuv pool, so a sign-in never freezes the UI's other calls.
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** Self-describing: scrypt$logN$r$p$salt$hash (base64), so stronger params can be rolled out without a migration. */
export async function hashPassword(password: string, k: KdfParams = DEFAULT_KDF): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, k);
  return ['scrypt', k.logN, k.r, k.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [logN, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![logN, r, p].every(Number.isInteger) || logN < 10 || logN > 20 || r < 1 || r > 32 || p < 1 || p > 16)
    return false;
  const want = Buffer.from(parts[5]!, 'base64');
  const got = await derive(password, Buffer.from(parts[4]!, 'base64'), { logN, r, p });
  return want.length === got.length && timingSafeEqual(want, got);
}

/** Burns the same time as a real check, so an unknown account name is not revealed by speed. */
let dummy: Promise<string> | undefined;
export async function burnPasswordCheck(password: string, k: KdfParams = DEFAULT_KDF): Promise<void> {
  dummy ??= hashPassword('dummy-password-for-timing', k);
  await verifyPassword(password, await dummy);
}

/**
 * At least 8 characters from at least two of: letters, digits, other characters; not the account
 * name. Long passphrases (16+) pass on length alone.
 */
export function checkPasswordPolicy(password: string, userId: string): void {
  const classes = [/[A-Za-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  const weak =
    password.length < 8 ||
    (password.length < 16 && classes < 2) ||
    (userId.length >= 4 && password.toLowerCase().includes(userId.toLowerCase()));
  if (weak) {
    throw new AuthError(
      'AUTH_WEAK_PASSWORD',
      'The password is too weak: use at least 8 characters mixing letters with digits or symbols (or a 16+ character passphrase), not containing the account name.',
      'newPassword',
    );
  }
}
