import type { Migration } from '../migrate';

export const m001: Migration = {
  version: 1,
  name: 'settings',
  up(db) {
    db.exec(`CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
    ) STRICT`);
  },
};
