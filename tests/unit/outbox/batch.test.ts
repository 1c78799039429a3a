import { describe, expect, it } from 'vitest';
import { DeliveryError, Outbox, type OutboxDelivery, type Receiver } from '../../../electron/services/outbox';
import { tempDb } from '../../helpers/outbox/driver';
import { rng, testSeed } from '../../helpers/rng';

const event = (i: number) => ({
  kind: 'hall-event',
  receiver: 'hall:main',
  key: `event-${String(i).padStart(5, '0')}`,
  payload: { i },
});

describe('batched delivery to an ordered receiver', () => {
  it('runs start at the head, in seq order; a failed run is retried whole; each message is marked once (seeded)', async () => {
    const seed = testSeed('outbox-batch');
    const random = rng(seed);
    const { db, cipher } = tempDb();
    // The far end as the hall is: idempotent by seq, refuses nothing, stores only last+1.
    const stored: number[] = [];
    const calls: number[][] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const take = async (msgs: OutboxDelivery[]) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, Math.floor(random() * 4)));
      inFlight--;
      calls.push(msgs.map((m) => m.seq));
      // A fifth fail before the far end stores, a fifth after (the answer is lost): both retry the run.
      const fate = random();
      if (fate < 0.2) throw new DeliveryError('OUTBOX_UNREACHABLE', 'down', true);
      for (const m of msgs) if (m.seq === (stored.at(-1) ?? 0) + 1) stored.push(m.seq);
      if (fate < 0.4) throw new DeliveryError('OUTBOX_TIMEOUT', 'answer lost', true);
      return msgs.map((m) => ({ state: 'stored', remoteId: String(m.seq), final: true }));
    };
    const hall: Receiver = {
      ordered: true,
      batch: 50,
      deliver: async (m) => (await take([m]))[0]!,
      deliverBatch: take,
    };
    const ob = new Outbox({ db, cipher, receivers: { hall }, backoff: { baseMs: 2, maxMs: 10 }, random });
    ob.start();
    const N = 600;
    for (let i = 0; i < N;) {
      const n = 1 + Math.floor(random() * 120);
      db.transaction(() => {
        for (let k = i; k < Math.min(N, i + n); k++) ob.enqueue(db, event(k));
      })();
      i += n;
      await new Promise((r) => setTimeout(r, Math.floor(random() * 10)));
    }
    expect(await ob.drain(20_000), `seed ${seed}`).toBe(true);
    await ob.stop();
    expect(stored, `seed ${seed}`).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    expect(maxInFlight).toBe(1);
    expect(Math.max(...calls.map((c) => c.length))).toBe(50);
    // Every call is a contiguous run that starts right after what the outbox had confirmed.
    for (const c of calls) expect(c, `seed ${seed}`).toEqual(c.map((_, k) => c[0]! + k));
    const rows = db.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all();
    expect(rows).toEqual([{ state: 'delivered', n: N }]);
  });

  it('a refused run is taken apart: the bad message alone is refused, the rest delivered in order', async () => {
    const { db, cipher } = tempDb();
    const got: number[] = [];
    const sizes: number[] = [];
    const take = async (msgs: OutboxDelivery[]) => {
      sizes.push(msgs.length);
      if (msgs.some((m) => m.seq === 7)) throw new DeliveryError('OUTBOX_MALFORMED', 'seq 7 is bad', false, 400);
      got.push(...msgs.map((m) => m.seq));
      return msgs.map(() => ({ state: 'stored', final: true }));
    };
    const hall: Receiver = {
      ordered: true,
      batch: 10,
      deliver: async (m) => (await take([m]))[0]!,
      deliverBatch: take,
    };
    const ob = new Outbox({ db, cipher, receivers: { hall }, backoff: { baseMs: 2, maxMs: 10 } });
    db.transaction(() => {
      for (let i = 0; i < 30; i++) ob.enqueue(db, event(i));
    })();
    ob.start();
    expect(await ob.drain(5000)).toBe(true);
    await ob.stop();
    expect(got).toEqual(Array.from({ length: 30 }, (_, i) => i + 1).filter((s) => s !== 7));
    expect(db.prepare("SELECT seq, last_error FROM outbox WHERE state = 'dead'").all()).toEqual([
      { seq: 7, last_error: 'OUTBOX_MALFORMED' },
    ]);
    // The refused run of 10 is sent one by one (7 refused alone), then runs again from 11.
    expect(sizes).toEqual([10, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 10, 10]);
  });
});
