import { randomBytes } from 'node:crypto';
import { appendAudit } from '../../electron/services/audit';
import { openCase } from '../../electron/services/cases';
import { newPairingCode } from '../../hall/auth';
import { startHall } from '../../hall/server';
import { makeCore } from '../helpers/core';
import { startTestPg } from '../helpers/hall/pg';
import { startTestSandbox } from '../helpers/sandbox';
import type { BenchGroup } from './types';

const SAMPLES = Number(process.env.HALL_LAG_SAMPLES ?? 40);
const pct = (s: number[], p: number) =>
  [...s].sort((a, b) => a - b)[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
const hallDay = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * `hall.sync_lag_ms_p95` end to end from a booted terminal: a case step recorded at the terminal
 * (its audit entry, as the flow writes it) → the audit tailer → the outbox → the hall → visible in
 * the hall's statistics as the terminal asks for them. Online, loopback, real PostgreSQL.
 */
export const groups: BenchGroup[] = [
  {
    names: ['hall.terminal_sync_lag_ms_p95'],
    async run() {
      const pgs = await startTestPg();
      const hall = await startHall({ databaseUrl: await pgs.freshDb(), dataKey: randomBytes(32) });
      const sandbox = await startTestSandbox();
      const t = await makeCore({ boot: { registry: sandbox, counter: 'L1' } });
      try {
        await t.addAccount('bench-admin', ['admin']);
        await t.signInAs('bench-admin');
        await t.callOk('hall.pair', { url: hall.url, code: await newPairingCode(hall.pool) });
        await t.signInAs('demo-supervisor', 'training-123');
        const db = t.core.db;
        const cipher = t.core.services.cipher!;
        const accepted = async () =>
          (
            (await t.callOk('hall.stats', { from: hallDay(), to: hallDay(), by: 'total' })).rows[0] as
              { accepted: number } | undefined
          )?.accepted ?? 0;
        const lags: number[] = [];
        for (let i = 0; i < SAMPLES; i++) {
          const before = await accepted();
          const t0 = performance.now();
          db.transaction(() => {
            const { id } = openCase(db, cipher, {
              hallId: 'BENCH01',
              counterId: 'L1',
              clerkId: 'demo-clerk',
              source: 'card',
              person: { name: '基准', idNumber: '110101199001011234' },
            });
            db.prepare("UPDATE cases SET item_code = 'senior-card' WHERE id = ?").run(id);
            appendAudit(db, { action: 'certificate-issue', actor: 'demo-clerk', caseId: id, itemCode: 'senior-card' });
          })();
          while ((await accepted()) === before) {
            if (performance.now() - t0 > 10_000) throw new Error('event not visible at the hall within 10 s');
            await new Promise((r) => setTimeout(r, 5));
          }
          lags.push(performance.now() - t0);
          await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
        }
        return [
          {
            name: 'hall.terminal_sync_lag_ms_p95',
            value: Number(pct(lags, 95).toFixed(1)),
            unit: 'ms',
            note: `${SAMPLES} case steps: terminal audit entry → tailer (150 ms tick) → outbox → hall → hall.stats; median ${pct(lags, 50).toFixed(0)} ms, max ${Math.max(...lags).toFixed(0)} ms`,
          },
        ];
      } finally {
        await t.close();
        await sandbox.stop();
        await hall.close();
        await pgs.stop();
      }
    },
  },
];
