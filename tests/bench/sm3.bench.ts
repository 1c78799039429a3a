import { loadavg } from 'node:os';
import { sm3Backend, sm3Implementations, type Sm3Backend, type Sm3Impl } from '../../protocol/sm3';
import type { BenchGroup } from './types';

const BACKENDS: Sm3Backend[] = ['native', 'wasm', 'js'];
const ROUNDS = 5;
/** License-like text of exactly n UTF-8 bytes (ASCII with some Chinese), as canonical JSON is. */
const text = (n: number) => {
  const head = '{"identifier":"1.2.156.3005.2.111002.DMPSB01.7","surface":{"name":"张建国","x":"';
  let s = head + 'aaaaaa户'.repeat(Math.floor((n - Buffer.byteLength(head) - 2) / 9)); // 9 bytes a repeat
  s += 'a'.repeat(n - 2 - Buffer.byteLength(s));
  return s + '"}';
};
const z = new Uint8Array(32).fill(7); // an SM2 Z value: the digest SM2 signs is SM3(Z ‖ text)
const key = new Uint8Array(32).fill(9); // a terminal's request-signing key

/**
 * µs a call of each SM3 implementation on the sizes this product hashes: a license's canonical
 * text (~0.5–3 KB, with its SM2 Z in front), a request signing string (~200 B, HMAC), an audit
 * entry (~300 B) and the occasional MB. Each (backend, size) is timed in 5 rounds interleaved with
 * the others, so a load spike on the shared machine hits all of them; the best round is kept, in wall time (the figure) and in process CPU time (the note).
 * The backends the runtime lacks are left out (Node has all three; Electron has no native).
 */
export const groups: BenchGroup[] = [
  {
    names: [...BACKENDS.map((b) => `sm3.digest_us_1k_${b}`), ...BACKENDS.map((b) => `sm3.hmac_us_200b_${b}`)],
    async run() {
      const impls = BACKENDS.map((b) => [b, sm3Implementations[b]] as const).filter(
        (x): x is [Sm3Backend, Sm3Impl] => x[1] !== null,
      );
      // The calls under timing reuse one prebuilt input each (no text building in the loop).
      const prepared = {
        '1k': (
          (t) => (i: Sm3Impl) =>
            i.digest(z, t)
        )(text(1024 - 32)),
        '200b_hmac': (
          (t) => (i: Sm3Impl) =>
            i.hmac(key, t)
        )(text(200)),
        '300b': (
          (t) => (i: Sm3Impl) =>
            i.digest(t)
        )(text(300)),
        '3k': (
          (t) => (i: Sm3Impl) =>
            i.digest(z, t)
        )(text(3000)),
        '1m': (
          (t) => (i: Sm3Impl) =>
            i.digest(t)
        )(text(1 << 20)),
      };
      type Case = keyof typeof prepared;
      const budgetBytes = 8 << 20; // per (backend, size, round): enough calls to average out timer noise
      const best = new Map<string, number>();
      const bestCpu = new Map<string, number>(); // process CPU a call: less swayed by other helpers' load
      for (const c of Object.keys(prepared) as Case[]) {
        const want = prepared[c](impls[0]![1]).toString('hex');
        const size = c === '1m' ? 1 << 20 : c === '3k' ? 3032 : c === '1k' ? 1024 : c === '300b' ? 300 : 200;
        for (let round = 0; round < ROUNDS; round++)
          for (const [b, impl] of impls) {
            const calls = Math.max(3, Math.floor(budgetBytes / size / (b === 'js' ? 4 : 1)));
            if (round === 0) {
              if (prepared[c](impl).toString('hex') !== want) throw new Error(`${b} disagrees on ${c}`);
              for (let i = 0; i < calls / 10; i++) prepared[c](impl); // warm-up (and tier-up)
            }
            const cpu0 = process.cpuUsage();
            const start = performance.now();
            for (let i = 0; i < calls; i++) prepared[c](impl);
            const wall = ((performance.now() - start) * 1000) / calls;
            const cpu = process.cpuUsage(cpu0);
            const k = `${b} ${c}`;
            best.set(k, Math.min(best.get(k) ?? Infinity, wall));
            bestCpu.set(k, Math.min(bestCpu.get(k) ?? Infinity, (cpu.user + cpu.system) / calls));
          }
      }
      const load = `load ${loadavg()[0]!.toFixed(1)}`;
      const us = (b: Sm3Backend, c: Case) => +best.get(`${b} ${c}`)!.toFixed(2);
      const cpuUs = (b: Sm3Backend, c: Case) => +bestCpu.get(`${b} ${c}`)!.toFixed(2);
      return impls.flatMap(([b]) => [
        {
          name: `sm3.digest_us_1k_${b}`,
          value: us(b, '1k'),
          unit: 'µs',
          note: `${b}${b === sm3Backend ? ' (chosen here)' : ''}, SM3(Z ‖ 992 B text), CPU ${cpuUs(b, '1k')} µs; 300 B ${us(b, '300b')} (CPU ${cpuUs(b, '300b')}) µs, 3 KB ${us(b, '3k')} (CPU ${cpuUs(b, '3k')}) µs, 1 MB ${us(b, '1m')} (CPU ${cpuUs(b, '1m')}) µs; best of ${ROUNDS} rounds, ${load}`,
        },
        {
          name: `sm3.hmac_us_200b_${b}`,
          value: us(b, '200b_hmac'),
          unit: 'µs',
          note: `${b}, HMAC-SM3 of a 200 B signing string with a 32 B key, CPU ${cpuUs(b, '200b_hmac')} µs; best of ${ROUNDS} rounds, ${load}`,
        },
      ]);
    },
  },
];
