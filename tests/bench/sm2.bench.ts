import { loadavg } from 'node:os';
import { createSm2Signer, createSm2Verifier, sm2PrivateKeyFromSeed } from '../../protocol/sm2';
import { sm2Backend, sm2Key, sm2VerifyDigest, type Sm2Key } from '../../protocol/sm2-verify';
import type { BenchGroup } from './types';

const CHECKS = 4000;

/**
 * The SM2 curve check alone (digest already computed, as the batch pool gets it), on the
 * WebAssembly path and on its noble BigInt fallback: 2 issuer keys, 2,000 distinct signatures,
 * a tenth of them tampered, each verified twice (4,000 checks), after a warm-up.
 */
export const groups: BenchGroup[] = [
  {
    names: ['sm2.verify_ms', 'sm2.verify_ms_noble', 'sm2.key_ms'],
    async run() {
      const signers = ['bench-a', 'bench-b'].map((s) => createSm2Signer(sm2PrivateKeyFromSeed(s)));
      const verifiers = signers.map((s) => createSm2Verifier(s.publicKey));
      const cases = Array.from({ length: CHECKS / 2 }, (_, i) => {
        const k = i % 2;
        const text = `{"line":${i}}`;
        const sig = signers[k]!.sign(i % 10 === 9 ? text + ' ' : text);
        return { k, e: verifiers[k]!.digest(text), sig, valid: i % 10 !== 9 };
      });
      const t0 = performance.now();
      const fresh = sm2Key(signers[0]!.publicKey);
      const keyMs = performance.now() - t0;
      // Mean wall time a check; the process CPU time beside it (all its threads) shows what a loaded machine took.
      const measure = (keys: Sm2Key[]) => {
        for (const c of cases.slice(0, 400)) sm2VerifyDigest(keys[c.k]!, c.e, c.sig); // warm-up (and tier-up)
        let wrong = 0;
        const cpu0 = process.cpuUsage();
        const start = performance.now();
        for (let round = 0; round < 2; round++)
          for (const c of cases) if (sm2VerifyDigest(keys[c.k]!, c.e, c.sig) !== c.valid) wrong++;
        const ms = (performance.now() - start) / CHECKS;
        const cpu = process.cpuUsage(cpu0);
        if (wrong > 0) throw new Error(`${wrong} wrong verdicts`);
        return { ms, cpuMs: (cpu.user + cpu.system) / 1000 / CHECKS };
      };
      const wasm = measure([fresh, sm2Key(signers[1]!.publicKey)]);
      const noble = measure(signers.map((s) => sm2Key(s.publicKey, 'noble')));
      const load = `load ${loadavg()[0]!.toFixed(1)}`;
      return [
        {
          name: 'sm2.verify_ms',
          value: +wasm.ms.toFixed(4),
          unit: 'ms',
          note: `${sm2Backend}, ${CHECKS} checks, process CPU ${wasm.cpuMs.toFixed(4)} ms a check, ${load}`,
        },
        {
          name: 'sm2.verify_ms_noble',
          value: +noble.ms.toFixed(4),
          unit: 'ms',
          note: `noble fallback, ${CHECKS} checks, process CPU ${noble.cpuMs.toFixed(4)} ms a check, ${load}`,
        },
        {
          name: 'sm2.key_ms',
          value: Math.round(keyMs),
          unit: 'ms',
          note: "one key's table built in WebAssembly memory (G's was built before)",
        },
      ];
    },
  },
];
