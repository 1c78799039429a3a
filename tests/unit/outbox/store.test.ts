import { describe, expect, it } from 'vitest';
import { enqueue, getMessage, openPayload, OutboxError, submission } from '../../../electron/services/outbox';
import { tempDb } from '../../helpers/outbox/driver';

const base = { kind: 'submission', receiver: 'department:DMCAB01', key: 'case-1.DMCAB01.1', caseId: 'case-1', payload: { b: 2, a: '张三' } };

describe('outbox store', () => {
  it('enqueues in the caller\'s transaction: a rollback leaves no message', () => {
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

  it('checks its input with named fields', () => {
    const { db, cipher } = tempDb();
    expect(() => enqueue(db, cipher, { ...base, receiver: 'DMCAB01' })).toThrow(expect.objectContaining({ code: 'OUTBOX_INPUT_INVALID', field: 'receiver' }));
    expect(() => enqueue(db, cipher, { ...base, key: 'short' })).toThrow(expect.objectContaining({ field: 'key' }));
    expect(() => enqueue(db, cipher, { ...base, kind: 'Sub mission' })).toThrow(expect.objectContaining({ field: 'kind' }));
  });

  it('builds a submission checked against the department schema, keyed by its case', () => {
    const input = {
      caseId: 'c0ffee00-0000-4000-8000-000000000001', department: 'DMCAB01', itemCode: 'X', itemName: '大病救助',
      hall: { id: 'H1', name: '中心' }, counter: 'C1', clerk: { id: 'k1' }, applicant: { idNumber: '110903196803120017', name: '张三' },
    };
    const ok = submission(input);
    expect(ok.key).toBe('c0ffee00-0000-4000-8000-000000000001.DMCAB01.1');
    expect(ok.receiver).toBe('department:DMCAB01');
    expect(() => submission({ ...input, applicant: { idNumber: '', name: '' } })).toThrow(expect.objectContaining({ code: 'OUTBOX_INPUT_INVALID', field: 'applicant.idNumber' }));
    expect(() => submission({ ...input, department: 'no spaces allowed' })).toThrow(expect.objectContaining({ code: 'OUTBOX_INPUT_INVALID' }));
  });
});
