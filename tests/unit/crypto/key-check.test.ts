import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../../../electron/services/db/open';
import { verifyDataKey } from '../../../electron/services/crypto/key-check';
import { CryptoError } from '../../../electron/services/crypto/errors';
import { tempDir } from '../../helpers/licenses';

const t = tempDir();
afterAll(() => t.cleanup());

describe('verifyDataKey', () => {
  it('records the key on first use and refuses a different key later with WRONG_KEY', () => {
    const file = join(t.dir, 'counter.db');
    const key = randomBytes(32);
    let db = openDatabase(file);
    verifyDataKey(db, key);
    db.close();
    db = openDatabase(file);
    expect(() => verifyDataKey(db, key)).not.toThrow();
    let err: unknown;
    try {
      verifyDataKey(db, randomBytes(32));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CryptoError);
    expect((err as CryptoError).code).toBe('WRONG_KEY');
    expect((err as CryptoError).message).toMatch(/restore the original key/);
    db.close();
  });
});
