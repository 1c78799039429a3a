/**
 * Runs the case path in a loop against one database until killed, printing an acknowledgement
 * line only after each step has committed:
 *   ack <caseId> <step> [serial]      step: open | item | checked | accepted | job | completed | voided
 * On start it first finishes or voids the interrupted prints a previous (killed) run left, as a
 * clerk would after a restart. Usage: node --import tsx crash-worker.ts <dbfile> [--drain]
 * The data key comes hex-encoded in CASE_TEST_KEY.
 */
import { writeSync } from 'node:fs';
import { createCipher } from '../../../electron/services/crypto';
import { openDatabase } from '../../../electron/services/db/open';
import {
  chooseItem,
  issueCertificate,
  listInterrupted,
  markCompleted,
  markJobAccepted,
  openCase,
  recordChecks,
  voidCase,
} from '../../../electron/services/cases';

const [file, mode] = process.argv.slice(2);
if (!file || !process.env.CASE_TEST_KEY) {
  process.stderr.write('usage: CASE_TEST_KEY=<hex> crash-worker.ts <dbfile> [--drain]\n');
  process.exit(2);
}
const cipher = createCipher(Buffer.from(process.env.CASE_TEST_KEY, 'hex'));
const db = openDatabase(file);
// A synchronous write: the line is in the pipe before the next step starts, so nothing acknowledged is lost with the process.
const ack = (...parts: string[]) => writeSync(1, `ack ${parts.join(' ')}\n`);

for (const c of listInterrupted(db)) {
  // Alternate between finishing and voiding so both recovery paths run under kills.
  if (c.caseId.charCodeAt(0) % 2 === 0) {
    if (!c.printJobId) {
      markJobAccepted(db, c.caseId, `resume-${c.serial}`, 'Counter');
      ack(c.caseId, 'job');
    }
    markCompleted(db, c.caseId);
    ack(c.caseId, 'completed');
  } else {
    voidCase(db, c.caseId, 'supervisor', 'interrupted print, applicant left');
    ack(c.caseId, 'voided');
  }
}
writeSync(1, 'ready\n');
if (mode === '--drain') process.exit(0);

const check = { id: 'registered-member', kind: 'household-member', label: { zh: '户内', en: 'member' }, result: 'passed' as const, sentence: { zh: '申请人登记在户内', en: 'registered' } };
for (let n = 0; ; n++) {
  const { id } = openCase(db, cipher, {
    hallId: 'H1',
    counterId: 'C1',
    clerkId: 'k1',
    source: 'card',
    person: { name: `测试${n}`, idNumber: `11090319680312${String(n % 10_000).padStart(4, '0')}`, address: '示范市青山区柳河镇东庄村18号' },
  });
  ack(id, 'open');
  chooseItem(db, id, 'clean-energy-check');
  ack(id, 'item');
  recordChecks(db, cipher, id, {
    licensesUsed: [{ identifier: `1.2.156.3005.2.111002.PSB.${n}.001.F`, typeCode: '111002', verification: 'verified', source: 'registry', fetchedAt: new Date().toISOString() }],
    checks: [check],
    seasonIndex: { addressKey: `addr-${n}`, seasonStart: '2025-11-01', seasonEnd: '2026-03-31' },
  });
  ack(id, 'checked');
  const { serial } = issueCertificate(db, cipher, id, { document: (s) => ({ serial: s, n }) });
  ack(id, 'accepted', serial);
  markJobAccepted(db, id, `job-${n}`, 'Counter');
  ack(id, 'job');
  markCompleted(db, id);
  ack(id, 'completed');
}
