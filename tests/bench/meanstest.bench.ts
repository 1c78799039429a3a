import { loadavg } from 'node:os';
import type { Core } from '../../electron/services/core/core';
import { makeCore, type Fixture } from '../helpers/core';
import { placeAndWait, removeCard } from '../helpers/flow-steps';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import type { BenchGroup } from './types';

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const SIG = {
  strokes: [
    [
      { x: 10, y: 60, pressure: 0.5 },
      { x: 80, y: 20, pressure: 0.6 },
      { x: 160, y: 70, pressure: 0.5 },
    ],
  ],
  width: 300,
  height: 100,
};

/** Opens 孙卫东's case (4 members, 3 adults, one without capacity) with every consent on record. */
async function consentedCase(f: Fixture, itemCode: string): Promise<{ caseId: string; actions: number }> {
  await removeCard(f.core);
  const c = await placeAndWait(f.core, '孙卫东');
  await f.callOk('case.chooseItem', { caseId: c.caseId, itemCode });
  const svc = f.core.services.meanstest!;
  // Clerk: ask for 孙卫东's signature, then his signature as 张桂芝's guardian; 李秀梅's paper form.
  await f.callOk('means.requestSignature', { caseId: c.caseId, member: 0 });
  svc.citizenSign(c.caseId, svc.signRequest()!.documentHash, SIG);
  await f.callOk('means.requestSignature', { caseId: c.caseId, member: 3, guardian: 0 });
  svc.citizenSign(c.caseId, svc.signRequest()!.documentHash, SIG);
  await f.callOk('means.recordPaper', { caseId: c.caseId, member: 1, reason: '在医院陪护，纸质授权书由家属带来' });
  return { caseId: c.caseId, actions: 3 };
}

async function world(latencyMs: number): Promise<{ sandbox: TestSandbox; f: Fixture; core: Core }> {
  const sandbox = await startTestSandbox({ child: true });
  await sandbox.setEconFaults({ latencyMs });
  const f = await makeCore({ boot: { registry: sandbox, departments: true } });
  return { sandbox, f, core: f.core };
}

/**
 * The household check against the sandbox in its own process (the real CLI), each economic source
 * answering 50 ms late (search and record fetch each), 4 members × 7 sources = 56 signed calls.
 */
export const groups: BenchGroup[] = [
  {
    names: ['meanstest.household_ms_p95', 'meanstest.report_render_ms'],
    async run() {
      const { sandbox, f } = await world(50);
      try {
        const { caseId } = await consentedCase(f, 'low-income-application');
        const svc = f.core.services.meanstest!;
        for (let i = 0; i < 3; i++) await f.callOk('means.run', { caseId }); // warm: sockets, trust list, JIT
        const runs: number[] = [];
        for (let i = 0; i < 20; i++) {
          const t0 = performance.now();
          await f.callOk('means.run', { caseId });
          runs.push(performance.now() - t0);
        }
        for (let i = 0; i < 5; i++) await svc.renderReportNow(caseId);
        const renders: number[] = [];
        const cpu: number[] = [];
        let bytes = 0;
        for (let i = 0; i < 30; i++) {
          const t0 = performance.now();
          const c0 = process.cpuUsage();
          bytes = (await svc.renderReportNow(caseId)).length;
          const c = process.cpuUsage(c0);
          cpu.push((c.user + c.system) / 1000);
          renders.push(performance.now() - t0);
        }
        return [
          {
            name: 'meanstest.household_ms_p95',
            value: Math.round(pct(runs, 95)),
            unit: 'ms',
            note: `4 members × 7 sources, +50 ms per source answer (search and fetch), sandbox in its own process; p50 ${Math.round(pct(runs, 50))} ms over ${runs.length} runs (consent check, 56 signed calls with SM2 verification, rules, sealed run + 28 audit rows)`,
          },
          {
            // CPU time of this process per render: on a machine shared by many jobs, wall time mostly measures waiting.
            name: 'meanstest.report_render_ms',
            value: Number(pct(cpu, 50).toFixed(1)),
            unit: 'ms',
            note: `median CPU time of ${renders.length} renders of the 2-page report (7 source rows × 4 members, CJK subset, QR); wall p50 ${pct(renders, 50).toFixed(1)} ms, p95 ${pct(renders, 95).toFixed(1)} ms at load ${loadavg()[0]!.toFixed(1)}; ${Math.round(bytes / 1024)} KiB`,
          },
        ];
      } finally {
        await f.close();
        await sandbox.stop();
      }
    },
  },
  {
    names: ['aid.window_to_decision_s'],
    async run() {
      const DELAY = 60_000;
      const { sandbox, f } = await world(0);
      // The department decides 60 s after receipt, whatever the item.
      const res = await fetch(new URL('admin/department', sandbox.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-admin-secret': sandbox.adminSecret },
        body: JSON.stringify({
          rules: {
            default: { decision: 'approved', afterMs: DELAY, reason: { zh: '予以批准。', en: 'Approved.' } },
            rules: [],
          },
        }),
      });
      if (!res.ok) throw new Error(`department rules refused: ${res.status}`);
      try {
        const t0 = performance.now();
        // Clerk actions: place the card, choose 大病救助 (type + Enter), 3 consent steps, run, submit.
        const { caseId, actions: consentActions } = await consentedCase(f, 'serious-illness-aid');
        const tConsented = performance.now();
        const v = await f.callOk('means.run', { caseId });
        const tRun = performance.now();
        await f.core.services.meanstest!.reportPdf(caseId);
        const tReport = performance.now();
        await f.callOk('means.submit', { caseId });
        const submitted = performance.now();
        let deliveredMs = 0;
        let decidedAt = '';
        let deliveredAt = '';
        for (;;) {
          const s = await f.callOk('submissions.forCase', { caseId });
          const sub = s.submissions[0];
          if (sub?.deliveredAt && !deliveredAt) {
            deliveredAt = sub.deliveredAt;
            deliveredMs = performance.now();
          }
          if (sub?.final) {
            decidedAt = sub.decidedAt ?? '';
            break;
          }
          if (performance.now() - submitted > DELAY + 120_000) throw new Error('no decision within 3 minutes');
          await sleep(100);
        }
        const seen = performance.now();
        const total = (seen - t0) / 1000;
        // The terminal's own work: card read to the submission delivered (the rest is the department's
        // 60 s and the outbox's polling, which waits for the decision rather than working).
        const work = (deliveredMs - t0) / 1000;
        const lag = (seen - deliveredMs) / 1000 - DELAY / 1000;
        const actions = 2 + consentActions + 2;
        const perAction = 1;
        return [
          {
            name: 'aid.window_to_decision_s',
            value: Number(total.toFixed(1)),
            unit: 's',
            note: `card → decision seen, department delay 60 s. Terminal work ${work.toFixed(1)} s (card read, licenses, item and consents ${((tConsented - t0) / 1000).toFixed(1)} s; ${v.members.length}×7 source queries ${((tRun - tConsented) / 1000).toFixed(1)} s; first report render ${((tReport - tRun) / 1000).toFixed(1)} s, submit ${((submitted - tReport) / 1000).toFixed(1)} s; delivery ${((deliveredMs - submitted) / 1000).toFixed(1)} s) + ${actions} clerk actions × ${perAction} s = ${(work + actions * perAction).toFixed(1)} s (target ≤ 10 s); then the decision (delivered ${deliveredAt.slice(11, 19)}, decided ${decidedAt.slice(11, 19)} UTC) was seen ${lag.toFixed(1)} s late by the outbox's polling; the citizen's own signing is not counted`,
          },
        ];
      } finally {
        await f.close();
        await sandbox.stop();
      }
    },
  },
];
