import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CertificateError,
  defaultTrustedKeysPath,
  generateHallKey,
  loadOrCreateHallKey,
  readTrustedKeys,
  toTrustedKey,
} from '../../../electron/services/certificates';

const dir = (): string => mkdtempSync(join(tmpdir(), 'hall-keys-'));

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof CertificateError ? err.code : `not a CertificateError: ${String(err)}`;
  }
  return undefined;
}

describe('hall keys', () => {
  it('generates SM2 keys with a hall-prefixed fingerprint id', () => {
    const k = generateHallKey('H110101');
    expect(k.keyId).toMatch(/^H110101\.[0-9a-f]{8}$/);
    expect(k.publicKey).toMatch(/^04[0-9a-f]{128}$/);
    expect(k.privateKey).toMatch(/^[0-9a-f]{64}$/);
    expect(codeOf(() => generateHallKey('../etc'))).toBe('CERT_KEY_FILE_INVALID');
  });

  it.skipIf(process.platform === 'win32')('creates the key file once with 0600 rights and reloads the same key', () => {
    const d = join(dir(), 'nested');
    const a = loadOrCreateHallKey(d, 'H1');
    const file = join(d, 'hall-key-H1.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateHallKey(d, 'H1')).toEqual(a);
  });

  it.skipIf(process.platform === 'win32')('refuses a key file other users can read, and a damaged one', () => {
    const d = dir();
    loadOrCreateHallKey(d, 'H1');
    const file = join(d, 'hall-key-H1.json');
    chmodSync(file, 0o644);
    expect(codeOf(() => loadOrCreateHallKey(d, 'H1'))).toBe('CERT_KEY_FILE_INVALID');
    chmodSync(file, 0o600);
    const k = JSON.parse(readFileSync(file, 'utf8')) as { publicKey: string };
    writeFileSync(file, JSON.stringify({ ...k, publicKey: generateHallKey('H1').publicKey }), { mode: 0o600 });
    expect(codeOf(() => loadOrCreateHallKey(d, 'H1'))).toBe('CERT_KEY_FILE_INVALID');
    writeFileSync(file, '{not json', { mode: 0o600 });
    expect(codeOf(() => loadOrCreateHallKey(d, 'H1'))).toBe('CERT_KEY_FILE_INVALID');
  });

  it('reads a trusted-keys file and says what is wrong with a bad one', () => {
    const d = dir();
    const file = join(d, 'trusted-hall-keys.json');
    const entry = toTrustedKey(generateHallKey('H1'), '东城');
    writeFileSync(file, JSON.stringify([entry]));
    expect(readTrustedKeys(file)).toEqual([entry]);
    writeFileSync(file, JSON.stringify([{ keyId: 'x', publicKey: 'nope', hallName: 'y' }]));
    expect(codeOf(() => readTrustedKeys(file))).toBe('CERT_TRUSTED_KEYS_INVALID');
    expect(codeOf(() => readTrustedKeys(join(d, 'missing.json')))).toBe('CERT_TRUSTED_KEYS_INVALID');
  });

  it('defaults the trusted-keys path to $COUNTER_DATA_DIR', () => {
    const before = process.env.COUNTER_DATA_DIR;
    process.env.COUNTER_DATA_DIR = '/srv/counter';
    try {
      expect(defaultTrustedKeysPath()).toBe('/srv/counter/trusted-hall-keys.json');
    } finally {
      if (before === undefined) delete process.env.COUNTER_DATA_DIR;
      else process.env.COUNTER_DATA_DIR = before;
    }
  });
});
