import { describe, expect, it } from 'vitest';
import { appendAudit } from '../../../electron/services/audit';
import { openCase } from '../../../electron/services/cases';
import type { Db } from '../../../electron/services/db/open';
import { tailBehind, tailOnce } from '../../../electron/services/hall/tailer';
import { enqueue, openPayload } from '../../../electron/services/outbox/store';
import type { OutboxMessageInput } from '../../../electron/services/outbox/types';
import type { HallEventBody } from '../../../protocol/hall-wire';
import { tempDb } from '../../helpers/outbox/driver';

const RECEIVER = 'hall:t-test';

function caseWithSteps(
  db: Db,
  cipher: ReturnType<typeof tempDb>['cipher'],
  steps: [string, Record<string, unknown>?][],
) {
  const { id } = openCase(db, cipher, {
    hallId: 'H1',
    counterId: 'W7',
    clerkId: 'k.wang',
    source: 'card',
    person: { name: '王某', idNumber: '110101199001011234' },
    cardReadAt: new Date('2026-12-01T01:00:00Z'),
  });
  db.prepare(
    "UPDATE cases SET item_code = 'senior-card', item_chosen_at = '2026-12-01T01:01:00.000Z' WHERE id = ?",
  ).run(id);
  appendAudit(db, { action: 'card-read', actor: 'k.wang', caseId: id });
  for (const [action, detail] of steps)
    appendAudit(db, { action, actor: 'k.wang', caseId: id, itemCode: 'senior-card', detail: detail ?? null });
  return id;
}

const bodies = (db: Db, cipher: ReturnType<typeof tempDb>['cipher']) =>
  (
    db.prepare("SELECT id, receiver, key, seq FROM outbox WHERE kind = 'hall-event' ORDER BY seq").all() as {
      id: number;
      receiver: string;
      key: string;
      seq: number;
    }[]
  ).map((r) => JSON.parse(openPayload(db, cipher, r)) as HallEventBody);

describe('the audit tailer', () => {
  it('turns case steps into hall events, in one transaction with its cursor: a failure leaves nothing, a rerun sends once', () => {
    const { db, cipher } = tempDb();
    const id = caseWithSteps(db, cipher, [
      ['certificate-issue'],
      ['print', { serial: 'S1' }],
      ['print', { document: 'receipt' }], // a receipt is not the certificate
      ['reprint'],
      ['void'],
    ]);
    appendAudit(db, { action: 'sign-out', actor: 'k.wang' }); // not a case step
    let calls = 0;
    const failing = (d: Db, m: OutboxMessageInput) => {
      if (++calls === 3) throw new Error('disk full');
      return enqueue(d, cipher, m);
    };
    expect(() => tailOnce(db, { receiver: RECEIVER, window: 'W0', enqueue: failing })).toThrow(/disk full/);
    expect(db.prepare('SELECT count(*) n FROM outbox').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) n FROM hall_tail').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) n FROM hall_case_opened').get()).toEqual({ n: 0 });
    expect(tailBehind(db)).toBe(true);

    const ok = (d: Db, m: OutboxMessageInput) => enqueue(d, cipher, m);
    expect(tailOnce(db, { receiver: RECEIVER, window: 'W0', enqueue: ok })).toBe(6);
    expect(tailBehind(db)).toBe(false);
    expect(tailOnce(db, { receiver: RECEIVER, window: 'W0', enqueue: ok })).toBe(0);
    const b = bodies(db, cipher);
    expect(b.map((x) => x.type)).toEqual(['opened', 'checked', 'issued', 'printed', 'voided', 'audit-head']);
    expect(b[0]).toMatchObject({
      caseId: id,
      window: 'W7',
      clerkId: 'k.wang',
      itemCode: 'senior-card',
      at: Date.parse('2026-12-01T01:00:00Z'),
    });
    expect(b[1]).toMatchObject({ at: Date.parse('2026-12-01T01:01:00Z') });
    expect(b.at(-1)).toMatchObject({ type: 'audit-head', count: 7 });
    // Nothing personal: no name, no ID number in any body.
    expect(JSON.stringify(b)).not.toMatch(/王某|110101199001011234/);

    // A later step of the same case: no second "opened".
    appendAudit(db, { action: 'print-found-at-spooler', actor: 'k.wang', caseId: id, itemCode: 'senior-card' });
    expect(tailOnce(db, { receiver: RECEIVER, window: 'W0', enqueue: ok })).toBe(2);
    expect(
      bodies(db, cipher)
        .slice(-2)
        .map((x) => x.type),
    ).toEqual(['printed', 'audit-head']);
    const seqs = (db.prepare('SELECT seq FROM outbox ORDER BY seq').all() as { seq: number }[]).map((r) => r.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it("sends a rating in the hall's scale and one decision per case once every submission is final", () => {
    const { db, cipher } = tempDb();
    const ok = (d: Db, m: OutboxMessageInput) => enqueue(d, cipher, m);
    const id = caseWithSteps(db, cipher, [['application-submit']]);
    for (const dept of ['DPF', 'CAB'])
      enqueue(db, cipher, {
        kind: 'submission',
        receiver: `department:${dept}`,
        key: `${id}.${dept}.1`,
        caseId: id,
        payload: {},
      });
    const decide = (dept: string, state: string) =>
      db
        .prepare(
          "UPDATE outbox SET state = 'delivered', delivered_at = 't', remote_state = ?, final = 1, remote_at = '2026-12-01T03:00:00.000Z' WHERE key = ?",
        )
        .run(state, `${id}.${dept}.1`);
    tailOnce(db, { receiver: RECEIVER, window: 'W0', enqueue: ok });
    decide('DPF', 'approved');
    tailOnce(db, { receiver: RECEIVER, window: 'W0', enqueue: ok }); // one still open: no decision yet
    expect(bodies(db, cipher).map((x) => x.type)).toEqual(['opened', 'checked', 'submitted', 'audit-head']);
    decide('CAB', 'rejected');
    tailOnce(db, { receiver: RECEIVER, window: 'W0', enqueue: ok });
    tailOnce(db, { receiver: RECEIVER, window: 'W0', enqueue: ok });
    const decided = bodies(db, cipher).filter((x) => x.type === 'decided');
    expect(decided).toEqual([
      expect.objectContaining({ caseId: id, decision: 'rejected', at: Date.parse('2026-12-01T03:00:00Z') }),
    ]);

    // 好差评 level 5 (very dissatisfied) is the hall's 1 (very bad).
    db.prepare(
      "INSERT INTO ratings(case_id, item_code, clerk_id, level, bad, rated_at, deadline, record, record_hash) VALUES (?, 'senior-card', 'k.wang', 5, 1, 't', '2026-12-08', '{}', ?)",
    ).run(id, 'a'.repeat(64));
    appendAudit(db, { action: 'rating', actor: 'citizen-screen', caseId: id, itemCode: 'senior-card' });
    tailOnce(db, { receiver: RECEIVER, window: 'W0', enqueue: ok });
    expect(bodies(db, cipher).find((x) => x.type === 'rated')).toMatchObject({
      rating: 1,
      clerkId: 'k.wang',
      deadline: '2026-12-08',
    });
  });

  it("sends a bad rating's follow-ups by step only: never the note, an unknown step nothing", () => {
    const { db, cipher } = tempDb();
    const ok = (d: Db, m: OutboxMessageInput) => enqueue(d, cipher, m);
    const id = caseWithSteps(db, cipher, [
      ['rating-followup', { ratingId: 1, kind: 'verify' }],
      ['rating-followup', { ratingId: 1, kind: 'callback' }],
      ['rating-followup', { ratingId: 1, kind: 'shred' }],
      ['rating-followup', { ratingId: 1, kind: 'close' }],
    ]);
    tailOnce(db, { receiver: RECEIVER, window: 'W0', enqueue: ok });
    const f = bodies(db, cipher).filter((x) => x.type === 'followed-up');
    expect(f.map((x) => x.type === 'followed-up' && [x.caseId, x.followUp])).toEqual([
      [id, 'verify'],
      [id, 'callback'],
      [id, 'close'],
    ]);
    expect(Object.keys(f[0]!).sort()).toEqual(['at', 'caseId', 'clerkId', 'followUp', 'itemCode', 'type', 'window']);
  });
});
