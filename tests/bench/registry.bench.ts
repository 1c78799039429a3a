import demo from '../../resources/sandbox/demo-residents.json';
import { createRegistryClient } from '../../electron/services/registry';
import { startTestSandbox } from '../helpers/sandbox';
import type { BenchGroup } from './types';

const USAGE = {
  organisation: 'bench',
  clerk: 'bench',
  itemName: 'bench',
  itemCode: 'B-1',
  caseNumber: 'B-1',
  reason: 'benchmark',
};

export const groups: BenchGroup[] = [
  {
    names: ['registry.fetch_per_s'],
    async run() {
      // The sandbox runs as its own process (as in training mode) so its work does not share the client's thread.
      const sb = await startTestSandbox({ child: true, residents: 2000 });
      const client = createRegistryClient({
        baseUrl: sb.url,
        appKey: sb.appKey,
        appSecret: sb.appSecret,
        concurrency: 8,
      });
      try {
        const ids: string[] = [];
        for (const d of demo.filter((x) => x.cardKind === 'resident'))
          for (const e of await client.search(d.idNumber, USAGE)) ids.push(e.identifier);
        // Warm-up: the sandbox signs lazily on first fetch; we measure the client, not the sandbox's first-time signing.
        await Promise.all(ids.map((id) => client.get(id, USAGE)));
        let done = 0;
        let verified = 0;
        const until = performance.now() + 5000;
        const started = performance.now();
        await Promise.all(
          Array.from({ length: 8 }, async (_, w) => {
            for (let i = w; performance.now() < until; i += 8) {
              const f = await client.get(ids[i % ids.length]!, USAGE);
              done += 1;
              if (f.verification.state === 'verified') verified += 1;
            }
          }),
        );
        const secs = (performance.now() - started) / 1000;
        return [
          {
            name: 'registry.fetch_per_s',
            value: Math.round(done / secs),
            unit: 'licenses/s',
            note: `GET + zod + SM2 verify, concurrency 8, loopback, sandbox child process, ${ids.length} distinct licenses (incl. portraits), ${verified}/${done} verified (tampered/rogue demo licenses are expected unverified)`,
          },
        ];
      } finally {
        client.close();
        await sb.stop();
      }
    },
  },
];
