import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  caseCompletion,
  caseSubmissions,
  markHandled,
  mySubmissions,
  submission,
  type OutboxRow,
} from '../../../electron/services/outbox';
import type { SandboxHandle } from '../../../sandbox/server';
import { received, setDepartment, startDepartment } from '../../helpers/outbox/department';
import { commitCaseWithSubmission, outboxFor, PERSON, tempDb } from '../../helpers/outbox/driver';

const FAST = {
  default: { decision: 'approved', afterMs: 150, reason: { zh: '予以批准', en: 'approved' } },
  rules: [
    {
      name: 'more',
      match: { itemNameIncludes: '补贴', formFieldMissing: 'bankAccount' },
      decision: 'more-info',
      afterMs: 100,
      reason: { zh: '请补充银行账户', en: 'add the bank account' },
    },
    {
      name: 'no',
      match: { formFieldEquals: { field: 'incomeAboveLine', value: true } },
      decision: 'rejected',
      afterMs: 100,
      reason: { zh: '收入高于标准', en: 'income above line' },
    },
  ],
};

const SUB = {
  department: 'DMCAB01',
  itemCode: 'X-DB',
  itemName: '大病救助',
  hall: { id: 'H1', name: '中心' },
  counter: 'C1',
  clerk: { id: 'k1' },
  applicant: { idNumber: PERSON.idNumber, name: PERSON.name },
};

let dept: SandboxHandle;
beforeAll(async () => {
  dept = await startDepartment();
});
afterAll(() => dept.close());
beforeEach(() => setDepartment(dept.url, { faults: {}, rules: FAST }));

const posts = async (key: string) => (await received(dept.url)).submissions.filter((s) => s.submissionId === key);
const until = async (what: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('outbox delivery to the department', () => {
  it('delivers a committed submission, then polls its decision until final: the case is then 办结', async () => {
    const { db, cipher } = tempDb();
    const changes: OutboxRow[] = [];
    const ob = outboxFor(db, cipher, dept.url, { onChange: (r) => changes.push(r) });
    ob.start();
    const { caseId, key } = commitCaseWithSubmission(db, cipher, ob);
    expect(caseCompletion(db, caseId)).toBe('pending');
    expect(await ob.drain(5000, 'final')).toBe(true);
    await ob.stop();
    const v = caseSubmissions(db, cipher, caseId);
    expect(v.completion).toBe('completed');
    expect(v.submissions).toHaveLength(1);
    expect(v.submissions[0]).toMatchObject({
      delivery: 'delivered',
      status: 'approved',
      final: true,
      needsAction: false,
      attempts: 1,
      receiver: 'DMCAB01',
    });
    expect(v.submissions[0]!.reason?.zh).toBe('予以批准');
    expect(v.submissions[0]!.receiptId).toMatch(/^DEPT-/);
    expect(changes.map((c) => c.remoteState)).toEqual(['accepted', 'approved']);
    expect(await posts(key)).toEqual([expect.objectContaining({ posts: 1, status: 'approved' })]);
    expect(caseCompletion(db, 'no-such-case')).toBe('no-submissions');
  });

  it('keeps retrying with backoff while the department is down, and delivers once when it is back', async () => {
    await setDepartment(dept.url, { faults: { down: true } });
    const { db, cipher } = tempDb();
    const ob = outboxFor(db, cipher, dept.url);
    ob.start();
    const { caseId, key } = commitCaseWithSubmission(db, cipher, ob);
    await until(() => caseSubmissions(db, cipher, caseId).submissions[0]!.attempts >= 3);
    const s = caseSubmissions(db, cipher, caseId).submissions[0]!;
    expect(s).toMatchObject({ delivery: 'pending', lastError: 'OUTBOX_UNREACHABLE' });
    expect(await posts(key)).toEqual([]);
    await setDepartment(dept.url, { faults: {} });
    expect(await ob.drain(5000)).toBe(true);
    await ob.stop();
    expect(await posts(key)).toEqual([expect.objectContaining({ posts: 1 })]);
  });

  it('retries a 500 answer, and a slow department past the timeout, and the department still holds one', async () => {
    const { db, cipher } = tempDb();
    await setDepartment(dept.url, { faults: { errorRate: 1 } });
    const ob = outboxFor(db, cipher, dept.url, {});
    ob.start();
    const a = commitCaseWithSubmission(db, cipher, ob, { n: 1 });
    await until(() => caseSubmissions(db, cipher, a.caseId).submissions[0]!.lastError === 'OUTBOX_SERVER_ERROR');
    // Slower than the client's 2 s timeout: the department records it, the terminal never hears back.
    await setDepartment(dept.url, { faults: { latencyMs: 2300 } });
    await until(() => caseSubmissions(db, cipher, a.caseId).submissions[0]!.lastError === 'OUTBOX_TIMEOUT', 8000);
    await setDepartment(dept.url, { faults: {} });
    expect(await ob.drain(8000)).toBe(true);
    await ob.stop();
    // The timed-out POST is still asleep in the department; when it lands it is a duplicate.
    let p = await posts(a.key);
    for (let i = 0; i < 60 && (p[0]?.posts ?? 0) < 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
      p = await posts(a.key);
    }
    expect(p).toHaveLength(1);
    expect(p[0]!.posts).toBeGreaterThanOrEqual(2);
  }, 20_000);

  it('absorbs a lost answer through the idempotency key: recorded once, sent twice', async () => {
    await setDepartment(dept.url, { faults: { lostAnswerRate: 1 } });
    const { db, cipher } = tempDb();
    const ob = outboxFor(db, cipher, dept.url);
    ob.start();
    const { key } = commitCaseWithSubmission(db, cipher, ob);
    await until(() => (db.prepare('SELECT attempts FROM outbox').pluck().get() as number) >= 1);
    await setDepartment(dept.url, { faults: {} });
    expect(await ob.drain(5000)).toBe(true);
    await ob.stop();
    expect(await posts(key)).toEqual([expect.objectContaining({ posts: 2 })]);
  });

  it('lists what needs the clerk: more information, rejected, refused; marking handled takes it off', async () => {
    const { db, cipher } = tempDb();
    const ob = outboxFor(db, cipher, dept.url);
    ob.start();
    const more = commitCaseWithSubmission(db, cipher, ob, { itemName: '困难残疾人生活补贴', form: {} });
    const no = commitCaseWithSubmission(db, cipher, ob, { form: { incomeAboveLine: true } });
    const yes = commitCaseWithSubmission(db, cipher, ob);
    // Another clerk's submission never shows in this clerk's list.
    commitCaseWithSubmission(db, cipher, ob, { clerk: { id: 'k2' }, form: { incomeAboveLine: true } });
    await until(() =>
      ['more-info', 'rejected', 'approved'].every(
        (st, i) => caseSubmissions(db, cipher, [more, no, yes][i]!.caseId).submissions[0]!.status === st,
      ),
    );
    await ob.stop();
    const mine = mySubmissions(db, cipher, 'k1');
    expect(mine.map((m) => [m.caseId, m.status, m.needsAction])).toEqual([
      [more.caseId, 'more-info', true],
      [no.caseId, 'rejected', true],
    ]);
    expect(caseCompletion(db, more.caseId)).toBe('pending');
    expect(caseCompletion(db, no.caseId)).toBe('completed');
    markHandled(db, mine[1]!.id);
    expect(mySubmissions(db, cipher, 'k1', { onlyNeedsAction: true }).map((m) => m.caseId)).toEqual([more.caseId]);
    expect(() => markHandled(db, 99_999)).toThrow(expect.objectContaining({ code: 'OUTBOX_NOT_FOUND' }));
  });

  it('gives up on a submission the department refuses for good, and shows it to the clerk', async () => {
    const { db, cipher } = tempDb();
    // The department holds this id with other content already: a 409 no retry can fix.
    const ob1 = outboxFor(db, cipher, dept.url);
    ob1.start();
    const first = commitCaseWithSubmission(db, cipher, ob1);
    expect(await ob1.drain(5000)).toBe(true);
    await ob1.stop();
    const other = tempDb();
    const ob2 = outboxFor(other.db, other.cipher, dept.url);
    ob2.start();
    other.db.transaction(() => {
      ob2.enqueue(other.db, submission({ ...SUB, caseId: first.caseId, form: { other: 'content' } }));
    })();
    await until(() => (other.db.prepare('SELECT state FROM outbox').pluck().get() as string) === 'dead');
    await ob2.stop();
    const [dead] = mySubmissions(other.db, other.cipher, 'k1');
    expect(dead).toMatchObject({ delivery: 'dead', needsAction: true, lastError: 'OUTBOX_CONFLICT' });
    // Still one record: the first content, plus the one refused attempt counted against its id.
    expect(await posts(first.key)).toEqual([expect.objectContaining({ posts: 2 })]);
    expect((await received(dept.url)).totals.conflicts).toBeGreaterThanOrEqual(1);
  });

  it('leaves no readable personal data in the database files', async () => {
    const { db, cipher, file } = tempDb();
    const ob = outboxFor(db, cipher, dept.url);
    ob.start();
    commitCaseWithSubmission(db, cipher, ob, { form: { bankAccount: '6222020200112233445', illness: '重大疾病' } });
    expect(await ob.drain(5000, 'final')).toBe(true);
    await ob.stop();
    db.close();
    const bytes = Buffer.concat(
      [file, `${file}-wal`].map((f) => {
        try {
          return readFileSync(f);
        } catch {
          return Buffer.alloc(0);
        }
      }),
    );
    for (const secret of [PERSON.idNumber, PERSON.name, '6222020200112233445', '重大疾病', '予以批准']) {
      expect(bytes.includes(Buffer.from(secret, 'utf8')), secret).toBe(false);
    }
  });
});

describe('outbox delivery, refusals', () => {
  it('a schema the department rejects (422) is refused for good, not retried', async () => {
    const { db, cipher } = tempDb();
    const ob = outboxFor(db, cipher, dept.url);
    ob.start();
    db.transaction(() =>
      ob.enqueue(db, {
        kind: 'submission',
        receiver: 'department:DMCAB01',
        key: 'hand-made-key-1',
        clerkId: 'k1',
        payload: { submissionId: 'hand-made-key-1' },
      }),
    )();
    await until(() => (db.prepare('SELECT state FROM outbox').pluck().get() as string) === 'dead');
    await ob.stop();
    expect(mySubmissions(db, cipher, 'k1')[0]).toMatchObject({
      delivery: 'dead',
      lastError: 'OUTBOX_REFUSED',
      attempts: 1,
    });
  });

  it('holds a message for a receiver family nobody registered, without losing it', async () => {
    const { db, cipher } = tempDb();
    const ob = outboxFor(db, cipher, dept.url);
    ob.start();
    ob.enqueue(db, { kind: 'rating', receiver: 'rating:haocha', key: 'rating-case-1', payload: { level: 5 } });
    await until(
      () => (db.prepare('SELECT last_error FROM outbox').pluck().get() as string | null) === 'OUTBOX_RECEIVER_UNKNOWN',
    );
    let got = '';
    ob.register('rating', {
      deliver: async (m) => ((got = m.body), { state: 'received', remoteId: 'R1', final: false }),
    });
    // A later issue's receiver: registering wakes the outbox, but the message waits for its next due time.
    db.prepare('UPDATE outbox SET next_attempt_at = 0').run();
    ob.kick();
    expect(await ob.drain(3000, 'final')).toBe(true);
    await ob.stop();
    expect(JSON.parse(got)).toEqual({ level: 5 });
    // No poll() on that receiver: taking the message is its final word.
    expect(db.prepare('SELECT state, final, remote_id FROM outbox').get()).toEqual({
      state: 'delivered',
      final: 1,
      remote_id: 'R1',
    });
  });
});

describe('outbox delivery, a failing database', () => {
  it('survives failing to record an acknowledgement: no crash, no hammering, delivered once the disk recovers', async () => {
    const { db, cipher } = tempDb();
    let offset = 0;
    const log: string[] = [];
    const ob = outboxFor(db, cipher, dept.url, { now: () => Date.now() + offset, log: (l) => log.push(l) });
    const { key } = commitCaseWithSubmission(db, cipher, ob);
    // The acknowledgement cannot be written (as with a full disk).
    db.exec(
      "CREATE TEMP TRIGGER no_ack BEFORE UPDATE OF state ON outbox WHEN NEW.state = 'delivered' BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END",
    );
    ob.start();
    await until(() => log.some((l) => /could not be recorded/.test(l)));
    await new Promise((r) => setTimeout(r, 500));
    // Held back 5 s after the failure: one attempt, not a loop.
    expect((await posts(key))[0]!.posts).toBe(1);
    db.exec('DROP TRIGGER no_ack');
    offset = 6000;
    ob.kick();
    expect(await ob.drain(5000)).toBe(true);
    await ob.stop();
    expect(await posts(key)).toEqual([expect.objectContaining({ posts: 2 })]);
    expect(db.prepare('SELECT state FROM outbox').pluck().get()).toBe('delivered');
  });
});
