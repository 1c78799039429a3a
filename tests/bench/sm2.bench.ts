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
      const measure = (keys: Sm2Key[]) => {
        for (const c of cases.slice(0, 200)) sm2VerifyDigest(keys[c.k]!, c.e, c.sig); // warm-up
        let wrong = 0;
        const start = performance.now();
        for (let round = 0; round < 2; round++)
          for (const c of cases) if (sm2VerifyDigest(keys[c.k]!, c.e, c.sig) !== c.valid) wrong++;
        const ms = (performance.now() - start) / CHECKS;
        if (wrong > 0) throw new Error(`${wrong} wrong verdicts`);
        return ms;
      };
      const wasmMs = measure([fresh, sm2Key(signers[1]!.publicKey)]);
      const nobleMs = measure(signers.map((s) => sm2Key(s.publicKey, 'noble')));
      const load = `load ${loadavg()[0]!.toFixed(1)}`;
      return [
        {
          name: 'sm2.verify_ms',
          value: +wasmMs.toFixed(4),
          unit: 'ms',
          note: `${sm2Backend}, ${CHECKS} checks, ${load}`,
        },
        {
          name: 'sm2.verify_ms_noble',
          value: +nobleMs.toFixed(4),
          unit: 'ms',
          note: `noble fallback, ${CHECKS} checks, ${load}`,
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
