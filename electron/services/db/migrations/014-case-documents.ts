import type { Migration } from '../migrate';

/**
 * The application and receipt documents a case prints, with their print progress: the same
 * guarantees as a certificate on the case row (migrations 003 and 006). A document is stored,
 * sealed (aad `documents/v1|<case_id>|<kind>`), before its first send; `title` is the job title
 * the spooler is asked for after a crash; `send_started_at` is set before every send and cleared
 * when the job id is stored, so a lost answer is looked up at the spooler and never sent twice.
 */
export const m014: Migration = {
  version: 14,
  name: 'case-documents',
  up(db) {
    db.exec(`
      CREATE TABLE case_documents (
        case_id TEXT NOT NULL REFERENCES cases(id),
        kind TEXT NOT NULL CHECK (kind IN ('application', 'receipt')),
        title TEXT NOT NULL UNIQUE,
        page TEXT NOT NULL CHECK (page IN ('A4', 'CR80')),
        document BLOB NOT NULL,
        issued_at TEXT NOT NULL,
        send_started_at TEXT,
        send_printer TEXT,
        print_job_id TEXT,
        printer TEXT,
        job_accepted_at TEXT,
        job_completed_at TEXT,
        PRIMARY KEY (case_id, kind),
        CHECK ((send_started_at IS NULL) = (send_printer IS NULL)),
        CHECK (job_completed_at IS NULL OR print_job_id IS NOT NULL)
      ) STRICT;
      CREATE INDEX case_documents_unprinted ON case_documents(issued_at) WHERE job_completed_at IS NULL;
    `);
  },
};
