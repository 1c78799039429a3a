/**
 * Runs the case path in a loop against one database until killed, printing an acknowledgement
 * line only after each step has committed:
 *   ack <caseId> <step> [serial]   step: open | item | checked | accepted | sending | job | completed | voided
 *   found <caseId> <serial>        a restart found at the spooler a job whose answer had been lost
 * Printing goes to a real spooler that outlives the process: the virtual printer, which stores
 * each PDF it takes under <dbfile>.prints. Its answer is held back a few ms after the PDF is
 * stored, so a kill can land inside the round trip (job taken, answer lost), as with a slow CUPS.
 * On start it first settles the interrupted prints a previous (killed) run left, as the desk does
 * after a restart: a send under way is looked up at the spooler by serial; only a case with no
 * job there is sent again (or voided). Usage: node --import tsx crash-worker.ts <dbfile> [--drain]
 * The data key comes hex-encoded in CASE_TEST_KEY; CASE_TEST_SEED seeds the answer delays.
 */
import { writeSync } from 'node:fs';
import { VirtualBackend, VIRTUAL_PRINTER_NAME } from '../../../native/printer';
import { createCipher } from '../../../electron/services/crypto';
import { openDatabase } from '../../../electron/services/db/open';
import {
  chooseItem,
  findAtSpooler,
  issueCertificate,
  listInterrupted,
  markCompleted,
  markJobAccepted,
  markSendStarted,
  openCase,
  recordChecks,
  voidCase,
} from '../../../electron/services/cases';
import { rng } from '../rng';

const [file, mode] = process.argv.slice(2);
if (!file || !process.env.CASE_TEST_KEY) {
  process.stderr.write('usage: CASE_TEST_KEY=<hex> crash-worker.ts <dbfile> [--drain]\n');
  process.exit(2);
}
const cipher = createCipher(Buffer.from(process.env.CASE_TEST_KEY, 'hex'));
const db = openDatabase(file);
const random = rng(Number(process.env.CASE_TEST_SEED ?? 1));
const spooler = new VirtualBackend({ dir: `${file}.prints` });
const PDF = Buffer.from('%PDF-1.4\n% crash test\n');
// A synchronous write: the line is in the pipe before the next step starts, so nothing acknowledged is lost with the process.
const say = (line: string) => writeSync(1, `${line}\n`);
const ack = (...parts: string[]) => say(`ack ${parts.join(' ')}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The send protocol the desk follows: record the send, hand over the job, then store its id. */
async function send(caseId: string, serial: string): Promise<void> {
  markSendStarted(db, caseId, VIRTUAL_PRINTER_NAME);
  ack(caseId, 'sending');
  const { jobId } = await spooler.submit({ printer: VIRTUAL_PRINTER_NAME, title: serial, pdf: PDF });
  await sleep(5 + Math.floor(random() * 20)); // the spooler has the job; its answer is on the way
  markJobAccepted(db, caseId, jobId, VIRTUAL_PRINTER_NAME);
  ack(caseId, 'job');
}

async function main(): Promise<void> {
  for (const c of listInterrupted(db)) {
    if (c.sendStartedAt) {
      const found = await findAtSpooler(spooler, c.serial);
      const job = found.printed ?? found.waiting;
      if (job) {
        say(`found ${c.caseId} ${c.serial}`);
        markJobAccepted(db, c.caseId, job.jobId, job.printer);
        ack(c.caseId, 'job');
        markCompleted(db, c.caseId);
        ack(c.caseId, 'completed');
        continue;
      }
    }
    // Alternate between finishing and voiding so both recovery paths run under kills.
    if (c.caseId.charCodeAt(0) % 2 === 0) {
      if (!c.printJobId) await send(c.caseId, c.serial);
      markCompleted(db, c.caseId);
      ack(c.caseId, 'completed');
    } else {
      voidCase(db, c.caseId, 'supervisor', 'interrupted print, applicant left');
      ack(c.caseId, 'voided');
    }
  }
  say('ready');
  if (mode === '--drain') process.exit(0);

  const check = {
    id: 'registered-member',
    kind: 'household-member',
    label: { zh: '户内', en: 'member' },
    result: 'passed' as const,
    sentence: { zh: '申请人登记在户内', en: 'registered' },
  };
  for (let n = 0; ; n++) {
    const { id } = openCase(db, cipher, {
      hallId: 'H1',
      counterId: 'C1',
      clerkId: 'k1',
      source: 'card',
      person: {
        name: `测试${n}`,
        idNumber: `11090319680312${String(n % 10_000).padStart(4, '0')}`,
        address: '示范市青山区柳河镇东庄村18号',
      },
    });
    ack(id, 'open');
    chooseItem(db, id, 'clean-energy-check');
    ack(id, 'item');
    recordChecks(db, cipher, id, {
      licensesUsed: [
        {
          identifier: `1.2.156.3005.2.111002.PSB.${n}.001.F`,
          typeCode: '111002',
          verification: 'verified',
          source: 'registry',
          fetchedAt: new Date().toISOString(),
        },
      ],
      checks: [check],
      seasonIndex: { addressKey: `addr-${n}`, seasonStart: '2025-11-01', seasonEnd: '2026-03-31' },
    });
    ack(id, 'checked');
    const { serial } = issueCertificate(db, cipher, id, { document: (s) => ({ serial: s, n }) });
    ack(id, 'accepted', serial);
    await send(id, serial);
    markCompleted(db, id);
    ack(id, 'completed');
  }
}

void main();
