import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  loadOrCreateDataKey,
  RAW_KEY_FILE,
  WRAPPED_KEY_FILE,
  type KeyWrapper,
} from '../../../electron/services/crypto/data-key';
import { CryptoError } from '../../../electron/services/crypto/errors';
import { createPrivateFileOnce } from '../../../electron/services/crypto/key-file';
import { tempDir } from '../../helpers/licenses';

const posix = process.platform !== 'win32';
const dirs: Array<{ cleanup(): void }> = [];
const newDir = () => {
  const t = tempDir('counter-key-');
  dirs.push(t);
  return join(t.dir, 'data');
};
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

function codeOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CryptoError);
    return e as CryptoError;
  }
  throw new Error('expected a CryptoError, nothing was thrown');
}

/** Stands in for Electron safeStorage: AES-GCM under a secret only this "OS account" has. */
function fakeKeychain(secret = randomBytes(32)): KeyWrapper & { calls: number } {
  return {
    calls: 0,
    wrap(buf) {
      this.calls++;
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', secret, iv);
      return Buffer.concat([iv, c.update(buf), c.final(), c.getAuthTag()]);
    },
    unwrap(buf) {
      const d = createDecipheriv('aes-256-gcm', secret, buf.subarray(0, 12));
      d.setAuthTag(buf.subarray(buf.length - 16));
      return Buffer.concat([d.update(buf.subarray(12, buf.length - 16)), d.final()]);
    },
  };
}

describe('loadOrCreateDataKey (web host key file)', () => {
  it('creates a 32-byte 0600 key on first run and returns the same key later', () => {
    const dir = newDir();
    const old = process.umask(0o000); // even with a permissive umask the file must be private
    let key: Buffer;
    try {
      key = loadOrCreateDataKey(dir);
    } finally {
      process.umask(old);
    }
    expect(key.length).toBe(32);
    const file = join(dir, RAW_KEY_FILE);
    expect(readFileSync(file).equals(key)).toBe(true);
    if (posix) expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateDataKey(dir).equals(key)).toBe(true);
  });

  it.skipIf(!posix)('refuses a key file other users can read, saying how to fix it', () => {
    const dir = newDir();
    loadOrCreateDataKey(dir);
    const file = join(dir, RAW_KEY_FILE);
    for (const mode of [0o644, 0o640, 0o604, 0o620]) {
      chmodSync(file, mode);
      const e = codeOf(() => loadOrCreateDataKey(dir));
      expect(e.code).toBe('KEY_FILE_PERMISSIONS');
      expect(e.message).toContain(`chmod 600 "${file}"`);
    }
    chmodSync(file, 0o400); // read-only for the owner is fine
    expect(loadOrCreateDataKey(dir).length).toBe(32);
  });

  it('refuses a key file of the wrong size and does not replace it', () => {
    const dir = newDir();
    mkdirSync(dir, { recursive: true });
    const file = join(dir, RAW_KEY_FILE);
    writeFileSync(file, randomBytes(31), { mode: 0o600 });
    const e = codeOf(() => loadOrCreateDataKey(dir));
    expect(e.code).toBe('KEY_FILE_SIZE');
    expect(e.message).toMatch(/31 bytes, expected 32.*backup/);
    expect(statSync(file).size).toBe(31);
  });

  it('refuses a directory where the key file should be', () => {
    const dir = newDir();
    mkdirSync(join(dir, RAW_KEY_FILE), { recursive: true });
    expect(codeOf(() => loadOrCreateDataKey(dir)).code).toBe('KEY_FILE_NOT_REGULAR');
  });

  it("keeps the first writer's key when another process created it meanwhile", () => {
    const dir = newDir();
    const first = loadOrCreateDataKey(dir);
    const file = join(dir, RAW_KEY_FILE);
    expect(createPrivateFileOnce(file, randomBytes(32)).equals(first)).toBe(true);
    expect(readFileSync(file).equals(first)).toBe(true);
    expect(readdirSync(dir)).toEqual([RAW_KEY_FILE]);
  });

  it('gives every process racing on first run the same key', async () => {
    const dir = newDir();
    const mod = resolve(__dirname, '../../../electron/services/crypto/data-key.ts');
    const startAt = Date.now() + 2500; // tsx start-up varies; all four call at the same instant
    const script = `const { loadOrCreateDataKey } = require(${JSON.stringify(mod)}); while (Date.now() < ${startAt}); process.stdout.write(loadOrCreateDataKey(${JSON.stringify(dir)}).toString('hex'));`;
    const run = () =>
      new Promise<string>((ok, fail) => {
        const p = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        p.stdout.on('data', (d: Buffer) => (out += d));
        p.stderr.on('data', (d: Buffer) => (err += d));
        p.on('close', (code) => (code === 0 ? ok(out) : fail(new Error(err))));
      });
    const keys = await Promise.all([run(), run(), run(), run()]);
    expect(keys[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(keys).size).toBe(1);
    expect(readFileSync(join(dir, RAW_KEY_FILE)).toString('hex')).toBe(keys[0]);
    expect(readdirSync(dir)).toEqual([RAW_KEY_FILE]); // no temporary files left behind
  });
});

describe('loadOrCreateDataKey (desktop, wrapped by the OS keychain)', () => {
  it('stores only the wrapped key and unwraps the same key on later runs', () => {
    const dir = newDir();
    const kc = fakeKeychain();
    const key = loadOrCreateDataKey(dir, { wrapper: kc });
    expect(key.length).toBe(32);
    const stored = readFileSync(join(dir, WRAPPED_KEY_FILE));
    expect(stored.includes(key)).toBe(false);
    expect(existsSync(join(dir, RAW_KEY_FILE))).toBe(false);
    if (posix) expect(statSync(join(dir, WRAPPED_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(loadOrCreateDataKey(dir, { wrapper: kc }).equals(key)).toBe(true);
    expect(kc.calls).toBe(1);
  });

  it('reports a keychain that cannot unwrap (another user) as KEY_UNWRAP_FAILED', () => {
    const dir = newDir();
    loadOrCreateDataKey(dir, { wrapper: fakeKeychain() });
    expect(codeOf(() => loadOrCreateDataKey(dir, { wrapper: fakeKeychain() })).code).toBe('KEY_UNWRAP_FAILED');
    const short: KeyWrapper = { wrap: (b) => b, unwrap: (b) => b.subarray(0, 16) };
    const dir2 = newDir();
    expect(codeOf(() => loadOrCreateDataKey(dir2, { wrapper: short })).code).toBe('KEY_UNWRAP_FAILED');
  });

  it('never creates a second key next to the other form', () => {
    const web = newDir();
    loadOrCreateDataKey(web);
    expect(codeOf(() => loadOrCreateDataKey(web, { wrapper: fakeKeychain() })).code).toBe('KEY_MODE_MISMATCH');
    const desk = newDir();
    loadOrCreateDataKey(desk, { wrapper: fakeKeychain() });
    expect(codeOf(() => loadOrCreateDataKey(desk)).code).toBe('KEY_MODE_MISMATCH');
    expect(existsSync(join(desk, RAW_KEY_FILE))).toBe(false);
  });
});
