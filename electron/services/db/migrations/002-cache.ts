import type { Migration } from '../migrate';

/**
 * License cache and the data-key check. Nothing readable about a person is stored: the license
 * identifier and holder codes appear only as keyed hashes, the license itself only inside `blob`
 * (AES-256-GCM, see services/crypto). type_code, fetched_at, valid_to and verification stay plain so
 * age checks and purges need no decryption; they are also bound into the blob's associated data.
 */
export const m002: Migration = {
  version: 2,
  name: 'cache',
  up(db) {
    db.exec(`
      CREATE TABLE data_key_check (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        fingerprint TEXT NOT NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
      ) STRICT;

      CREATE TABLE license_cache (
        id INTEGER PRIMARY KEY,
        ident_hash TEXT NOT NULL UNIQUE,
        type_code TEXT NOT NULL,
        fetched_at INTEGER NOT NULL,
        valid_to TEXT NOT NULL,
        verification TEXT NOT NULL CHECK (verification IN ('verified', 'unverified')),
        blob BLOB NOT NULL
      ) STRICT;
      CREATE INDEX license_cache_type_fetched ON license_cache(type_code, fetched_at);

      CREATE TABLE license_cache_holder (
        holder_hash TEXT NOT NULL,
        type_code TEXT NOT NULL,
        license_id INTEGER NOT NULL REFERENCES license_cache(id) ON DELETE CASCADE,
        PRIMARY KEY (holder_hash, type_code, license_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX license_cache_holder_license ON license_cache_holder(license_id);
    `);
  },
};
