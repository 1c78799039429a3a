import type Database from 'better-sqlite3';
import { keyFingerprint } from './cipher';
import { CryptoError } from './errors';

/**
 * Records the key's fingerprint in a new database and checks it on every later open, so a wrong key
 * is one clear error at startup rather than an integrity failure on every row. Table from migration 002.
 */
export function verifyDataKey(db: Database.Database, key: Buffer): void {
  const fp = keyFingerprint(key);
  db.prepare('INSERT OR IGNORE INTO data_key_check(id, fingerprint) VALUES (1, ?)').run(fp);
  const row = db.prepare('SELECT fingerprint FROM data_key_check WHERE id = 1').get() as { fingerprint: string };
  if (row.fingerprint !== fp) {
    throw new CryptoError(
      'WRONG_KEY',
      'the database was encrypted with a different data key (key file replaced, keychain reset, or database copied from another terminal); restore the original key, or move the database aside to start empty',
    );
  }
}
