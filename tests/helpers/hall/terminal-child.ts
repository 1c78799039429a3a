/**
 * A terminal's sync side as its own process, for SIGKILL tests: its SQLite outbox delivering to the
 * hall through the real `hall` receiver, while it keeps enqueueing a seeded day of case events (as
 * the case flow would, a few per transaction). Restarted after a kill it goes on from what its
 * outbox holds. Env: TERM_DB, TERM_KEY (hex), HALL_URL, HALL_TERMINAL, HALL_SECRET, TERM_SEED,
 * TERM_CASES. Prints "terminal ready <n queued>", "enqueued all", or "ENQUEUE FAILED <why>".
 */
import { createCipher } from '../../../electron/services/crypto';
import { openDatabase } from '../../../electron/services/db/open';
import { hallClient } from '../../../electron/services/hall/client';
import { hallCaseEvent, HALL_RECEIVER } from '../../../electron/services/hall/events';
import { hallReceiver } from '../../../electron/services/hall/receiver';
import { Outbox } from '../../../electron/services/outbox';
import type { HallCaseEvent } from '../../../protocol/hall-wire';
import { rng } from '../rng';
import { terminalDay } from './events';

const env = (n: string) => process.env[n] ?? '';
const db = openDatabase(env('TERM_DB'));
const cipher = createCipher(Buffer.from(env('TERM_KEY'), 'hex'));
const client = hallClient({ url: env('HALL_URL'), terminalId: env('HALL_TERMINAL'), secret: env('HALL_SECRET') }, 1000);
const outbox = new Outbox({ db, cipher, receivers: {}, backoff: { baseMs: 20, maxMs: 200 } });
outbox.register(
  'hall',
  hallReceiver(() => client),
);
outbox.start();

const seed = Number(env('TERM_SEED'));
const { events } = terminalDay(rng(seed), 'K', Number(env('TERM_CASES')), Date.parse('2026-12-01T00:00:00+08:00'), [
  'k1',
  'k2',
]);
const r = rng(seed + (Date.now() % 100_000));
let next = db.prepare('SELECT COUNT(*) FROM outbox WHERE receiver = ?').pluck().get(HALL_RECEIVER) as number;
console.log(`terminal ready ${next}`);

function step(): void {
  if (next >= events.length) return void console.log('enqueued all');
  const n = 1 + Math.floor(r() * 4);
  try {
    db.transaction(() => {
      for (const e of events.slice(next, next + n)) outbox.enqueue(db, hallCaseEvent(e.body as HallCaseEvent));
    })();
    next = Math.min(events.length, next + n);
  } catch (e) {
    console.log(`ENQUEUE FAILED ${(e as Error).message}`);
    process.exit(3);
  }
  setTimeout(step, Math.floor(r() * 15));
}
step();
