import { describe, expect, it } from 'vitest';
import { DeliveryError, Outbox, type Receiver } from '../../../electron/services/outbox';
import { tempDb } from '../../helpers/outbox/driver';
import { rng, testSeed } from '../../helpers/rng';

describe('receivers', () => {
  it('an ordered receiver gets its messages one at a time in seq order, a failing one holding back the rest', async () => {
    const seed = testSeed('outbox-ordered');
    const random = rng(seed);
    const { db, cipher } = tempDb();
    const got: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const hall: Receiver = {
      ordered: true,
      async deliver(m) {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, Math.floor(random() * 5)));
        inFlight--;
        // A third of the attempts fail: each must be retried before any later event goes.
        if (random() < 0.33) throw new DeliveryError('OUTBOX_UNREACHABLE', 'down', true);
        got.push(m.seq);
        return { state: 'stored', final: true };
      },
    };
    const ob = new Outbox({ db, cipher, receivers: { hall }, backoff: { baseMs: 2, maxMs: 10 }, random });
    ob.start();
    for (let i = 0; i < 40; i++)
      ob.enqueue(db, {
        kind: 'hall-event',
        receiver: 'hall:main',
        key: `event-${String(i).padStart(4, '0')}`,
        payload: { i },
      });
    expect(await ob.drain(10_000), `seed ${seed}`).toBe(true);
    await ob.stop();
    expect(got, `seed ${seed}`).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(maxInFlight, `seed ${seed}`).toBe(1);
  });

  it('an unordered receiver gets several at once', async () => {
    const { db, cipher } = tempDb();
    let inFlight = 0;
    let maxInFlight = 0;
    const ratings: Receiver = {
      async deliver() {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 20));
        inFlight--;
        return { state: 'received', remoteId: 'r', final: true };
      },
    };
    const ob = new Outbox({ db, cipher, receivers: { rating: ratings }, concurrency: 4 });
    ob.start();
    for (let i = 0; i < 12; i++)
      ob.enqueue(db, {
        kind: 'rating',
        receiver: 'rating:haocha',
        key: `rating-${String(i).padStart(4, '0')}`,
        payload: { i },
      });
    expect(await ob.drain(5000)).toBe(true);
    await ob.stop();
    expect(maxInFlight).toBe(4);
  });
});

describe('a receiver people wait on', () => {
  // After many failed tries the outbox waits up to its cap (here 10 s) between tries; a receiver
  // with maxRetryMs (the worklist steps staff recorded while the hall was down) waits at most that.
  async function waitsAfterFailures(maxRetryMs?: number): Promise<number> {
    const { db, cipher } = tempDb();
    let tries = 0;
    let clock = 1_000_000;
    const hall: Receiver = {
      ordered: true,
      ...(maxRetryMs !== undefined ? { maxRetryMs } : {}),
      deliver() {
        tries++;
        return Promise.reject(new DeliveryError('OUTBOX_UNREACHABLE', 'down', true));
      },
    };
    const ob = new Outbox({
      db,
      cipher,
      receivers: { hall },
      backoff: { baseMs: 1000, maxMs: 10_000 },
      random: () => 0.999,
      now: () => clock,
    });
    ob.start();
    ob.enqueue(db, { kind: 'step', receiver: 'hall:main', key: 'step-0001', payload: {} });
    const attempts = () => db.prepare('SELECT attempts FROM outbox').pluck().get() as number;
    let last = 0;
    for (let i = 0; i < 8; i++) {
      const before = attempts();
      // Jump the clock to the message's next try and let the outbox take it and record the failure.
      clock = Math.max(clock, db.prepare('SELECT next_attempt_at FROM outbox').pluck().get() as number);
      ob.kick();
      const until = Date.now() + 2000;
      while (attempts() === before && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
      last = (db.prepare('SELECT next_attempt_at FROM outbox').pluck().get() as number) - clock;
    }
    expect(tries).toBe(8);
    await ob.stop();
    return last;
  }

  it('waits at most its own cap between tries, and the outbox cap without one', async () => {
    expect(await waitsAfterFailures()).toBeGreaterThan(5_000);
    const capped = await waitsAfterFailures(3_000);
    expect(capped).toBeLessThanOrEqual(3_000);
    expect(capped).toBeGreaterThan(1_000);
  });
});

describe('receivers at the same server', () => {
  it("one taking a message makes the others' put-off messages due now", async () => {
    const { db, cipher } = tempDb();
    let up = false;
    const got: string[] = [];
    const sameServer = (r: string) => [`events:${r.split(':')[1]}`, `steps:${r.split(':')[1]}`];
    const receiver = (): Receiver => ({
      sameServer,
      async deliver(m) {
        if (!up) throw new DeliveryError('OUTBOX_UNREACHABLE', 'down', true);
        got.push(m.receiver);
        return { state: 'stored', final: true };
      },
    });
    // A long backoff: without the nudge, the step would wait a minute after the server's return.
    const ob = new Outbox({
      db,
      cipher,
      receivers: { events: receiver(), steps: receiver() },
      backoff: { baseMs: 60_000, maxMs: 60_000 },
      random: () => 0.5,
    });
    ob.start();
    ob.enqueue(db, { kind: 'step', receiver: 'steps:W1', key: 'step-0001', payload: {} });
    await new Promise((r) => setTimeout(r, 100));
    expect(db.prepare("SELECT attempts FROM outbox WHERE key = 'step-0001'").get()).toEqual({ attempts: 1 });
    up = true;
    ob.enqueue(db, { kind: 'event', receiver: 'events:W1', key: 'event-0001', payload: {} });
    expect(await ob.drain(3000)).toBe(true);
    await ob.stop();
    expect(got).toEqual(['events:W1', 'steps:W1']);
  });
});
