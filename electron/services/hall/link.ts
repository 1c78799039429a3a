import type { Db } from '../db/open';
import type { RecordCipher } from '../crypto';
import type { HallCredentials } from './client';

const AAD = 'hall_link/v1|secret';

export interface StoredLink extends HallCredentials {
  name: string;
  pairedBy: string;
  pairedAt: string;
}

interface Row {
  url: string;
  terminal_id: string;
  secret: Buffer;
  name: string;
  paired_by: string;
  paired_at: string;
}

/**
 * Stores the pairing (migration 011). The secret and the person-hash key are sealed with the record
 * cipher, so a copy of the SQLite file without the data key cannot sign calls to the hall. A new
 * pairing starts the audit tail from the beginning: the new hall gets this terminal's whole history.
 */
export function saveLink(db: Db, cipher: RecordCipher, l: StoredLink): void {
  // The paired area rides in the sealed blob too (no column needed): worklists are shared within it.
  const sealed = cipher.seal(
    JSON.stringify({ secret: l.secret, personKey: l.personKey ?? null, area: l.area ?? null }),
    AAD,
  );
  db.transaction(() => {
    db.prepare('DELETE FROM hall_link').run();
    db.prepare(
      'INSERT INTO hall_link(id, url, terminal_id, secret, name, paired_by, paired_at) VALUES (1, ?, ?, ?, ?, ?, ?)',
    ).run(l.url, l.terminalId, sealed, l.name, l.pairedBy, l.pairedAt);
    db.prepare('DELETE FROM hall_tail').run();
    db.prepare('DELETE FROM hall_case_opened').run();
    db.prepare('DELETE FROM hall_case_decided').run();
  })();
}

export function loadLink(db: Db, cipher: RecordCipher): StoredLink | null {
  const r = db.prepare('SELECT * FROM hall_link WHERE id = 1').get() as Row | undefined;
  if (!r) return null;
  const s = JSON.parse(cipher.open(r.secret, AAD).toString('utf8')) as {
    secret: string;
    personKey: string | null;
    area?: string | null;
  };
  return {
    url: r.url,
    terminalId: r.terminal_id,
    secret: s.secret,
    ...(s.personKey ? { personKey: s.personKey } : {}),
    area: s.area ?? null,
    name: r.name,
    pairedBy: r.paired_by,
    pairedAt: r.paired_at,
  };
}

export function clearLink(db: Db): boolean {
  return db.prepare('DELETE FROM hall_link').run().changes > 0;
}
