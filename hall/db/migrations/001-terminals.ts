import type { Migration } from '../migrate';

/** Paired terminals, one-time pairing codes, seen nonces (replay guard) and refused calls. */
export const m001: Migration = {
  n: 1,
  name: 'terminals',
  sql: `
CREATE TABLE terminals (
  id VARCHAR(40) PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  secret VARCHAR(128) NOT NULL,
  paired_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  revoked_at TIMESTAMP,
  last_seq BIGINT NOT NULL DEFAULT 0,
  audit_head VARCHAR(128),
  audit_head_seq BIGINT
);
CREATE TABLE pairing_codes (
  code_hash VARCHAR(64) PRIMARY KEY,
  expires_at TIMESTAMP NOT NULL,
  used_at TIMESTAMP,
  terminal_id VARCHAR(40)
);
CREATE TABLE seen_nonces (
  terminal_id VARCHAR(40) NOT NULL,
  nonce VARCHAR(64) NOT NULL,
  seen_at BIGINT NOT NULL,
  PRIMARY KEY (terminal_id, nonce)
);
CREATE INDEX seen_nonces_age ON seen_nonces (seen_at);
CREATE TABLE auth_refusals (
  id BIGSERIAL PRIMARY KEY,
  at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  terminal_id VARCHAR(40),
  reason VARCHAR(40) NOT NULL,
  method VARCHAR(10) NOT NULL,
  path VARCHAR(200) NOT NULL,
  remote VARCHAR(64)
);
`,
};
