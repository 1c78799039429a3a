/**
 * Child for crash.test.ts: appends audit entries as fast as it can and writes each committed seq
 * to stdout; the parent SIGKILLs it at random moments.
 */
import { writeSync } from 'node:fs';
import { join } from 'node:path';
import { appendAudit, configureAudit, loadOrCreateAuditSigner } from '../../../electron/services/audit';
import { openDatabase } from '../../../electron/services/db/open';

const dir = process.argv[2]!;
const db = openDatabase(join(dir, 'counter.db'));
configureAudit(db, { signer: loadOrCreateAuditSigner(dir), checkpointEvery: 25 });
for (let i = 0; ; i++) {
  const seq = appendAudit(db, {
    action: 'print',
    actor: 'crash',
    caseId: `case-${i}`,
    detail: { pid: process.pid, i },
  });
  // Synchronous write: the ack leaves the process only after the commit returned.
  writeSync(1, `${seq}\n`);
}
