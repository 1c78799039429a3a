import type { Migration } from '../migrate';

/**
 * A withdrawn signature request can be asked again (services/signature, services/meanstest).
 *
 * 015 made (case, document, signer, document hash) unique over every row, withdrawn ones too, so
 * once a request was withdrawn (the member refused, or signed on paper instead) the same signer
 * could never be asked for the same document again. The index now covers only the live rows
 * (pending or signed): withdrawn rows stay as the record, and a new pending row may follow them.
 */
export const m016: Migration = {
  version: 16,
  name: 'signatures-reask',
  up(db) {
    db.exec(`
      DROP INDEX signatures_one;
      CREATE UNIQUE INDEX signatures_one ON signatures(case_id, document, signer, document_hash)
        WHERE state <> 'withdrawn';
    `);
  },
};
