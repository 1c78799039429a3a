import { describe, expect, it } from 'vitest';
import {
  enqueue,
  getMessage,
  markHandled,
  openPayload,
  OutboxError,
  purgeOutbox,
  submission,
} from '../../../electron/services/outbox';
import { dueNowForReceiver, markRetry } from '../../../electron/services/outbox/store';
import { tempDb } from '../../helpers/outbox/driver';

const base = {
  kind: 'submission',
  receiver: 'department:DMCAB01',
  key: 'case-1.DMCAB01.1',
  caseId: 'case-1',
  payload: { b: 2, a: '张三' },
};

describe('outbox store', () => {
  it("enqueues in the caller's transaction: a rollback leaves no message", () => {
    const { db, cipher } = tempDb();
    expect(() =>
      db.transaction(() => {
        enqueue(db, cipher, base);
        throw new Error('case step failed');
      })(),
    ).toThrow('case step failed');
    expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
    db.transaction(() => enqueue(db, cipher, base))();
    expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(1);
  });

  it('is idempotent on (receiver, key): the same payload gives the first id, another payload is refused', () => {
    const { db, cipher } = tempDb();
    const a = enqueue(db, cipher, base);
    // Same content, keys in another order: the same message.
    expect(enqueue(db, cipher, { ...base, payload: { a: '张三', b: 2 } })).toEqual({ id: a.id, created: false });
    expect(() => enqueue(db, cipher, { ...base, payload: { a: '李四', b: 2 } })).toThrow(OutboxError);
    expect(enqueue(db, cipher, { ...base, receiver: 'department:DMHRS01' }).created).toBe(true);
  });

  it('seals the payload: opened only with the right key, and bound to its row', () => {
    const { db, cipher } = tempDb();
    const { id } = enqueue(db, cipher, base);
    const row = getMessage(db, id);
    expect(JSON.parse(openPayload(db, cipher, row))).toEqual({ a: '张三', b: 2 });
    const other = tempDb().cipher;
    expect(() => openPayload(db, other, row)).toThrow(/cannot be decrypted/);
    expect(() => openPayload(db, cipher, { ...row, key: 'case-2.DMCAB01.1' })).toThrow(/cannot be decrypted/);
  });

  it("numbers each receiver's messages 1, 2, 3 and never reuses a number, even after retention deletes", () => {
    const { db, cipher } = tempDb();
    const seqOf = (id: number) => getMessage(db, id).seq;
    const a = enqueue(db, cipher, { ...base, key: 'seq-key-0001' });
    const b = enqueue(db, cipher, { ...base, key: 'seq-key-0002' });
    const other = enqueue(db, cipher, { ...base, receiver: 'hall:main', key: 'seq-key-0001' });
    expect([seqOf(a.id), seqOf(b.id), seqOf(other.id)]).toEqual([1, 2, 1]);
    db.prepare(
      "UPDATE outbox SET state = 'delivered', delivered_at = 't', final = 1 WHERE receiver = 'department:DMCAB01'",
    ).run();
    db.prepare("DELETE FROM outbox WHERE receiver = 'department:DMCAB01'").run();
    expect(seqOf(enqueue(db, cipher, { ...base, key: 'seq-key-0003' }).id)).toBe(3);
  });

  it('retention removes only finished messages past their age; owed, undecided and unhandled ones stay', () => {
    const { db, cipher } = tempDb();
    const day = 86_400_000;
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    const mk = (key: string) => enqueue(db, cipher, { ...base, key }, t0).id;
    const [pending, undecided, decided, dead] = [
      'ret-pending-1',
      'ret-undecided',
      'ret-decided-1',
      'ret-deadmsg-1',
    ].map(mk);
    db.prepare("UPDATE outbox SET state = 'delivered', delivered_at = 't' WHERE id IN (?, ?)").run(undecided, decided);
    db.prepare('UPDATE outbox SET final = 1 WHERE id = ?').run(decided);
    db.prepare("UPDATE outbox SET state = 'dead', last_error = 'OUTBOX_REFUSED' WHERE id = ?").run(dead);
    expect(purgeOutbox(db, 30, t0 + 10 * day).purged).toBe(0);
    expect(purgeOutbox(db, 30, t0 + 31 * day).purged).toBe(1);
    markHandled(db, dead!);
    expect(purgeOutbox(db, 30, t0 + 31 * day).purged).toBe(1);
    expect(db.prepare('SELECT id FROM outbox ORDER BY id').pluck().all()).toEqual([pending, undecided]);
  });

  it('checks its input with named fields', () => {
    const { db, cipher } = tempDb();
    expect(() => enqueue(db, cipher, { ...base, receiver: 'DMCAB01' })).toThrow(
      expect.objectContaining({ code: 'OUTBOX_INPUT_INVALID', field: 'receiver' }),
    );
    expect(() => enqueue(db, cipher, { ...base, key: 'short' })).toThrow(expect.objectContaining({ field: 'key' }));
    expect(() => enqueue(db, cipher, { ...base, kind: 'Sub mission' })).toThrow(
      expect.objectContaining({ field: 'kind' }),
    );
  });

  it('builds a submission checked against the department schema, keyed by its case', () => {
    const input = {
      caseId: 'c0ffee00-0000-4000-8000-000000000001',
      department: 'DMCAB01',
      itemCode: 'X',
      itemName: '大病救助',
      hall: { id: 'H1', name: '中心' },
      counter: 'C1',
      clerk: { id: 'k1' },
      applicant: { idNumber: '110903196803120017', name: '张三' },
    };
    const ok = submission(input);
    expect(ok.key).toBe('c0ffee00-0000-4000-8000-000000000001.DMCAB01.1');
    expect(ok.receiver).toBe('department:DMCAB01');
    expect(() => submission({ ...input, applicant: { idNumber: '', name: '' } })).toThrow(
      expect.objectContaining({ code: 'OUTBOX_INPUT_INVALID', field: 'applicant.idNumber' }),
    );
    expect(() => submission({ ...input, department: 'no spaces allowed' })).toThrow(
      expect.objectContaining({ code: 'OUTBOX_INPUT_INVALID' }),
    );
  });
});

describe('a receiver registered after start', () => {
  it('makes the messages put off for want of it due at once (a restart does not wait out the put-off)', async () => {
    const { Outbox } = await import('../../../electron/services/outbox');
    const { db, cipher } = tempDb();
    enqueue(db, cipher, { ...base, kind: 'rating', receiver: 'rating:haocha', key: 'rating.case-1' });
    const delivered: string[] = [];
    const box = new Outbox({ db, cipher, receivers: {}, pollMs: 50, log: () => undefined });
    box.start();
    await new Promise((r) => setTimeout(r, 50));
    expect(db.prepare('SELECT last_error FROM outbox').pluck().get()).toBe('OUTBOX_RECEIVER_UNKNOWN');
    box.register('rating', {
      deliver: async (m) => (delivered.push(m.key), { remoteId: 'r1', state: 'received', final: true }),
    });
    for (let i = 0; i < 50 && !delivered.length; i++) await new Promise((r) => setTimeout(r, 20));
    await box.stop();
    expect(delivered).toEqual(['rating.case-1']);
  });

  it("brings a receiver's put-off messages forward when it answers again, and nobody else's", () => {
    const { db, cipher } = tempDb();
    const now = 1_000_000;
    const a = enqueue(db, cipher, { ...base, receiver: 'hall-worklist:T1', key: 'step.aaaa' });
    const b = enqueue(db, cipher, { ...base, receiver: 'hall-worklist:T1', key: 'step.bbbb' });
    const other = enqueue(db, cipher, { ...base, key: 'other-0001' });
    for (const { id } of [a, b, other]) markRetry(db, getMessage(db, id), 'OUTBOX_UNREACHABLE', now + 60_000);
    expect(dueNowForReceiver(db, 'hall-worklist:T1', now)).toBe(2);
    expect([a, b, other].map(({ id }) => getMessage(db, id).nextAttemptAt)).toEqual([now, now, now + 60_000]);
    expect(dueNowForReceiver(db, 'hall-worklist:T1', now)).toBe(0); // already due: nothing to change
  });
});
