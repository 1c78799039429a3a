/**
 * A small driver for tests of the outbox and, later, of the case flow that creates submissions:
 * a temp database, a cipher, and "commit a case with its submission" in
 * one transaction, as the flow is meant to.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCase } from '../../../electron/services/cases';
import { createCipher, type RecordCipher } from '../../../electron/services/crypto';
import { openDatabase, type Db } from '../../../electron/services/db/open';
import {
  departmentReceiver,
  Outbox,
  submission,
  type OutboxOptions,
  type SubmissionInput,
} from '../../../electron/services/outbox';

export const APP = {
  appKey: 'outbox-test-terminal',
  appSecret: 'outbox-test-secret-0123456789',
  adminSecret: 'outbox-test-admin',
};

export function tempDb(key = randomBytes(32)): { db: Db; cipher: RecordCipher; file: string; key: Buffer } {
  const file = join(mkdtempSync(join(tmpdir(), 'outbox-')), 'counter.db');
  return { db: openDatabase(file), cipher: createCipher(key), file, key };
}

export function outboxFor(db: Db, cipher: RecordCipher, url: string, opts: Partial<OutboxOptions> = {}): Outbox {
  return new Outbox({
    db,
    cipher,
    receivers: {
      department: departmentReceiver({
        default: { url, appKey: APP.appKey, appSecret: APP.appSecret, timeoutMs: 2000 },
      }),
    },
    backoff: { baseMs: 20, maxMs: 200 },
    pollMs: 20,
    pollMaxMs: 100,
    ...opts,
  });
}

export const PERSON = { name: '测试申请人', idNumber: '110903196803120017' };

/** Commits a case and its department submission in one transaction; returns the case id and the submission key. */
export function commitCaseWithSubmission(
  db: Db,
  cipher: RecordCipher,
  outbox: Pick<Outbox, 'enqueue'>,
  o: Partial<SubmissionInput> & { n?: number } = {},
): { caseId: string; key: string; messageId: number } {
  return db.transaction(() => {
    const person = { ...PERSON, name: `${PERSON.name}${o.n ?? ''}` };
    const { id } = openCase(db, cipher, {
      hallId: 'H1',
      counterId: 'C1',
      clerkId: o.clerk?.id ?? 'k1',
      source: 'card',
      person,
    });
    const m = submission({
      department: 'DMCAB01',
      itemCode: '11110000000000000X-DB',
      itemName: '大病救助',
      hall: { id: 'H1', name: '示范市政务服务中心' },
      counter: 'C1',
      clerk: { id: 'k1' },
      applicant: { idNumber: person.idNumber, name: person.name },
      form: { illness: '重大疾病', bankAccount: '6222020200112233445' },
      ...o,
      caseId: id,
    });
    const { id: messageId } = outbox.enqueue(db, m);
    return { caseId: id, key: m.key, messageId };
  })();
}
