import { cpus, loadavg } from 'node:os';
import { loadCatalog } from '../../electron/services/catalog';
import type { FetchedLicense } from '../../electron/services/registry/types';
import { evaluate, type RuleFacts } from '../../electron/services/rules';
import { SandboxData } from '../../sandbox/data';
import type { BenchGroup } from './types';

const SECONDS = 2;

/**
 * Facts as the flow builds them, from the sandbox's licenses (marked verified: this measures the
 * rules, not signature checks), for the demo residents and some of the random population.
 */
function residents(): RuleFacts[] {
  const data = new SandboxData({ today: '2026-11-23' });
  const now = new Date(2026, 10, 23, 10);
  return data.world.residents
    .slice(0, 200)
    .filter((r) => r.cardKind === 'resident')
    .map((r) => {
      const licenses: FetchedLicense[] = data.book.refsForHolder(r.idNumber).map((ref) => {
        const u = data.book.unsigned(ref, false);
        return {
          license: { ...u, digitalSign: { alg: 'SM2-SM3', signer: u.issueDeptCode, value: '' } },
          verification: { state: 'verified', issuer: u.issueDeptCode },
          fetchedAt: now.toISOString(),
          source: 'registry',
        };
      });
      return {
        card: { name: r.name, idNumber: r.idNumber, birth: r.birth, validTo: '长期', kind: 'resident', sex: r.sex },
        licenses,
        missing: [],
        errors: [],
        programAreas: {
          'clean-energy': data.programAreas('clean-energy')!,
          'senior-meal': data.programAreas('senior-meal')!,
        },
        earlierCases: [],
        now,
        issuedForAddress: () => [],
      };
    });
}

export const groups: BenchGroup[] = [
  {
    names: ['rules.evaluate_per_s'],
    async run() {
      const items = loadCatalog().items; // expressions compiled here, once per item
      const people = residents();
      // Warm up the JIT before timing.
      for (const f of people.slice(0, 20)) for (const item of items) evaluate(item, f);
      let n = 0;
      let eligible = 0;
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      while (performance.now() - t0 < SECONDS * 1000) {
        for (const f of people) {
          for (const item of items) {
            if (evaluate(item, f).eligible) eligible += 1;
            n += 1;
          }
        }
      }
      const perS = n / ((performance.now() - t0) / 1000);
      const cpu = process.cpuUsage(cpu0);
      const perCpuS = n / ((cpu.user + cpu.system) / 1e6);
      const exprs = items.reduce((k, i) => k + i.rules.filter((r) => r.kind === 'expr').length, 0);
      // Per CPU-second of this process: on a shared machine wall time mostly measures the other
      // processes; on an idle terminal the two agree. The wall-clock rate is in the note.
      return [
        {
          name: 'rules.evaluate_per_s',
          value: Math.round(perCpuS),
          unit: 'items/s',
          note: `per CPU-second; wall clock ${Math.round(perS)}/s; ${items.length} items (${exprs} expression rules), ${people.length} sandbox residents, ${n} evaluations, ${((eligible / n) * 100).toFixed(0)}% eligible, load ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores; target >= 20000`,
        },
      ];
    },
  },
];
