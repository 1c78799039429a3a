import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KEY_BYTES } from './cipher';
import { CryptoError } from './errors';
import { createPrivateFileOnce, readPrivateFile } from './key-file';

/** Seals the data key with an OS secret, e.g. Electron safeStorage.encryptString/decryptString on the desktop. */
export interface KeyWrapper {
  wrap(buf: Buffer): Buffer;
  unwrap(buf: Buffer): Buffer;
}

export interface DataKeyOptions {
  /** Desktop: store the key wrapped by the OS keychain instead of as a raw 0600 file. */
  wrapper?: KeyWrapper;
}

export const RAW_KEY_FILE = 'data.key';
export const WRAPPED_KEY_FILE = 'data.key.wrapped';

/**
 * The terminal's 32-byte data key, created on first run. Web host: a raw key file with 0600 rights.
 * Desktop: pass `wrapper` and the file holds only the wrapped key. Both live in `dir` (COUNTER_DATA_DIR).
 * The two forms are deliberately exclusive so the desktop and the web host never end up with two
 * different keys for the same database.
 */
export function loadOrCreateDataKey(dir: string, opts: DataKeyOptions = {}): Buffer {
  const raw = join(dir, RAW_KEY_FILE);
  const wrapped = join(dir, WRAPPED_KEY_FILE);
  return opts.wrapper ? loadWrapped(wrapped, raw, opts.wrapper) : loadRaw(raw, wrapped);
}

function loadRaw(path: string, other: string): Buffer {
  let key = readPrivateFile(path);
  if (!key) {
    if (existsSync(other)) {
      throw new CryptoError(
        'KEY_MODE_MISMATCH',
        `this data directory's key is kept in the desktop app's OS keychain (${other}), so the web host cannot read it; run the desktop app, or give the web host its own data directory`,
      );
    }
    key = createPrivateFileOnce(path, randomBytes(KEY_BYTES));
  }
  if (key.length !== KEY_BYTES) {
    throw new CryptoError(
      'KEY_FILE_SIZE',
      `key file ${path} holds ${key.length} bytes, expected ${KEY_BYTES}; it is damaged. Restore it from backup (a new key cannot read data already stored); only on a terminal with no data yet may you delete it to have a new one created`,
    );
  }
  return key;
}

function loadWrapped(path: string, other: string, wrapper: KeyWrapper): Buffer {
  let blob = readPrivateFile(path);
  if (!blob) {
    if (existsSync(other)) {
      throw new CryptoError(
        'KEY_MODE_MISMATCH',
        `this data directory already has a raw key file (${other}) from the web host; the desktop app will not create a second key. Use the web host, or move that data directory aside`,
      );
    }
    const key = randomBytes(KEY_BYTES);
    blob = createPrivateFileOnce(path, wrapper.wrap(key));
  }
  let key: Buffer;
  try {
    key = wrapper.unwrap(blob);
  } catch (cause) {
    throw new CryptoError(
      'KEY_UNWRAP_FAILED',
      `the OS keychain could not unwrap the data key in ${path} (another Windows/macOS user, a reset keychain, or a copied data directory?); sign in as the user who set up this terminal, or restore the keychain`,
      { cause },
    );
  }
  if (key.length !== KEY_BYTES) {
    throw new CryptoError(
      'KEY_UNWRAP_FAILED',
      `the unwrapped data key from ${path} is ${key.length} bytes, expected ${KEY_BYTES}; the wrapped key file is damaged, restore it from backup`,
    );
  }
  return key;
}
