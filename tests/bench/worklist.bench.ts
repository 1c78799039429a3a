import { makeCore } from '../helpers/core';
import { startTestSandbox } from '../helpers/sandbox';
import type { BenchGroup, BenchResult } from './types';

/**
 * worklist.build_s: a station starts a worklist against the sandbox's 200,000-resident world
 * (`--residents 200000`, its own process) — the population query paged through, the programme's
 * CEL rules over every answer, a task and an audit entry per person — until the worklist is ready.
 * Area 110901 (a whole district); the sandbox scans all 200,000 residents for each query.
 * Target ≤ 5 s (issue 14).
 */
async function measure(): Promise<BenchResult[]> {
  const sb = await startTestSandbox({ child: true, residents: 200_000 });
  const f = await makeCore({ boot: { registry: sb } });
  const out: BenchResult[] = [];
  try {
    await f.signInAs('demo-station', 'training-123');
    for (const [programme, name] of [
      ['senior-card-65', 'worklist.build_s'],
      ['severe-disability-care', 'worklist.build_s_disability'],
    ] as const) {
      const t0 = performance.now();
      const w = await f.callOk('worklist.start', { programme, area: '110901' });
      const secs = (performance.now() - t0) / 1000;
      out.push({
        name,
        value: Number(secs.toFixed(3)),
        unit: 's',
        note: `${programme}, area 110901 of a 200,000-resident world: ${w.total} tasks; target ≤ 5 s`,
      });
    }
  } finally {
    await f.close();
    await sb.stop();
  }
  return out;
}

export const groups: BenchGroup[] = [{ names: ['worklist.build_s', 'worklist.build_s_disability'], run: measure }];
