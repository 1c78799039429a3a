import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../../../electron/services/db/open';
import { createCipher } from '../../../electron/services/crypto/cipher';
import { verifyDataKey } from '../../../electron/services/crypto/key-check';
import { findByHolder, putLicense } from '../../../electron/services/cache/store';
import { fetched, hoursAgo, license, PEOPLE, POLICY, plaintextHits, tempDir, UNVERIFIED } from '../../helpers/licenses';

const t = tempDir();
afterAll(() => t.cleanup());

describe('no plaintext personal data on disk', () => {
  it('keeps every name, ID number, address and license identifier out of the .db, -wal and -shm files', () => {
    const file = join(t.dir, 'counter.db');
    const files = [file, `${file}-wal`, `${file}-shm`];
    const key = randomBytes(32);
    const cipher = createCipher(key);
    const db = openDatabase(file);
    verifyDataKey(db, key);
    const people = Object.values(PEOPLE);
    const lics = people.flatMap((p) => [license('111002', p), license('113001', p)]);
    lics.forEach((l, i) =>
      putLicense(
        db,
        cipher,
        fetched(l, hoursAgo(i), i % 3 === 0 ? UNVERIFIED : undefined),
        people.map((p) => p.id),
      ),
    );
    expect(findByHolder(db, cipher, PEOPLE.li.id, { policy: POLICY }).fresh).toHaveLength(lics.length);

    const needles = [
      ...people.flatMap((p) => [p.name, p.id, p.id.toLowerCase(), p.address]),
      ...lics.flatMap((l) => [l.identifier, l.certificateNumber, l.digitalSign.value]),
    ];
    // Control: the same scan does find a value written in the clear, so a clean result means something.
    db.prepare('INSERT INTO settings(key, value) VALUES (?, ?)').run('probe', PEOPLE.wang.name);
    expect(plaintextHits(files, [PEOPLE.wang.name])).not.toEqual([]);
    db.prepare('DELETE FROM settings WHERE key = ?').run('probe');
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(plaintextHits(files, [PEOPLE.wang.name])).toEqual([]);

    // Data only in the WAL (the state right after a fetch) and after a checkpoint into the main file.
    putLicense(db, cipher, fetched(license('111001', PEOPLE.wang)), [PEOPLE.wang.id]);
    expect(plaintextHits(files, needles)).toEqual([]);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    expect(plaintextHits(files, needles)).toEqual([]);
  });
});
