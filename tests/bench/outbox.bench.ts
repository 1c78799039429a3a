import { startDepartment } from '../helpers/outbox/department';
import { commitCaseWithSubmission, outboxFor, tempDb } from '../helpers/outbox/driver';
import type { BenchGroup } from './types';

const SEQUENTIAL = 300;
const BURST = 100;
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/**
 * Case commit (case row + sealed submission, one transaction, synchronous=FULL) -> the department's
 * acknowledgement recorded in the outbox, to the sandbox department on loopback over signed HTTP.
 * The department runs in this process, so both ends share one thread: a pessimistic set-up.
 */
export const groups: BenchGroup[] = [
  {
    names: ['outbox.deliver_ms_p95'],
    async run() {
      const dept = await startDepartment();
      const { db, cipher } = tempDb();
      const waiting = new Map<number, () => void>();
      const ob = outboxFor(db, cipher, dept.url, {
        pollMs: 600_000,
        onChange: (r) => {
          if (r.state === 'delivered') waiting.get(r.id)?.();
        },
      });
      ob.start();
      const one = async (n: number): Promise<number> => {
        const t0 = performance.now();
        let id = 0;
        const done = new Promise<void>((resolve) => {
          id = commitCaseWithSubmission(db, cipher, ob, { n }).messageId;
          waiting.set(id, resolve);
        });
        await done;
        waiting.delete(id);
        return performance.now() - t0;
      };
      try {
        for (let i = 0; i < 20; i++) await one(i); // warm: statements, keep-alive socket, JIT
        const seq: number[] = [];
        for (let i = 0; i < SEQUENTIAL; i++) seq.push(await one(1000 + i));
        const burst = await Promise.all(Array.from({ length: BURST }, (_, i) => one(5000 + i)));
        seq.sort((a, b) => a - b);
        burst.sort((a, b) => a - b);
        return [
          {
            name: 'outbox.deliver_ms_p95',
            value: Number(pct(seq, 95).toFixed(1)),
            unit: 'ms',
            note: `one at a time, ${SEQUENTIAL} submissions: p50 ${pct(seq, 50).toFixed(1)} ms; burst of ${BURST} committed at once: p50 ${pct(burst, 50).toFixed(0)} ms, p95 ${pct(burst, 95).toFixed(0)} ms (4 in flight)`,
          },
        ];
      } finally {
        await ob.stop();
        db.close();
        await dept.close();
      }
    },
  },
];
