/**
 * The WebAssembly text of the SM2 verifier's curve arithmetic. This file is the source:
 * `npm run sm2:wasm` turns its output into `sm2.wat` (to read) and `module.ts` (the bytes, what
 * runs), and `tests/unit/registry/sm2-wasm.test.ts` fails when either differs from a fresh build.
 *
 * The point formulas below are written out by hand. The field operations are straight-line code
 * over eight 32-bit limbs held in i64 locals (so V8 can keep them in registers), and that code is
 * emitted by the loops here instead of typed out: 64 near-identical multiply-add steps are easier
 * to check as one loop than as 400 lines. The product goes row by row (operand scanning); a
 * column-by-column version with the reduction interleaved was measured ~1.5× slower here (it
 * keeps 8 more limbs live and spills).
 *
 * Field representation: Montgomery form (x·2²⁵⁶ mod p), always fully reduced (< p), 8 limbs of 32
 * bits little-endian, products in i64. Why Montgomery and not the prime's special-form (Solinas)
 * reduction: the SM2 prime's lowest limb is 2³² − 1, so −p⁻¹ mod 2³² = 1 and each reduction round's
 * multiplier is simply the lowest limb, no extra product; p's limbs are constants (one is zero), and
 * the reduction is the same regular multiply-add pattern as the product, with one carry chain. A
 * Solinas reduction of the 512-bit product would need signed word sums with a longer, irregular
 * carry correction, which is where such code usually goes wrong (it was not tried: Montgomery
 * already meets the target, ~0.06 ms a check).
 *
 * Memory layout: `layout.ts` (the JavaScript side shares it).
 */

import { MEM, P, WINDOW_BYTES, WINDOWS } from './layout';

const words = (x: bigint) => Array.from({ length: 8 }, (_, i) => Number((x >> BigInt(32 * i)) & 0xffffffffn));
const PW = words(P);
const M = '(i64.const 0xffffffff)';
const get = (name: string) => `(local.get $${name})`;
const set = (name: string, value: string) => `(local.set $${name} ${value})`;
const add = (...xs: string[]) => xs.reduce((a, b) => `(i64.add ${a} ${b})`);
const locals = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `(local $${prefix}${i} i64)`).join(' ');
const load8 = (v: string, ptr: string) =>
  Array.from({ length: 8 }, (_, i) => set(`${v}${i}`, `(i64.load32_u offset=${4 * i} ${get(ptr)})`));
/** Stores limbs: a value string per limb. */
const store8 = (ptr: string, limb: (i: number) => string) =>
  Array.from({ length: 8 }, (_, i) => `(i64.store32 offset=${4 * i} ${get(ptr)} ${limb(i)})`);
/** x = value; limb = x mod 2³²; c = x >> 32. */
const step = (limb: string, value: string, carry = 'c') => [
  set('x', value),
  set(limb, `(i64.and ${get('x')} ${M})`),
  set(carry, `(i64.shr_u ${get('x')} (i64.const 32))`),
];
/** d = s − p (limbs d0…d7, borrow in $bw), then out = (carry or no borrow) ? d : s. */
function reduceOnce(out: string, s: (i: number) => string, carry: string): string[] {
  const lines: string[] = [set('bw', '(i64.const 0)')];
  for (let j = 0; j < 8; j++) {
    lines.push(set('x', `(i64.sub (i64.sub ${s(j)} (i64.const ${PW[j]})) ${get('bw')})`));
    lines.push(set(`d${j}`, `(i64.and ${get('x')} ${M})`));
    lines.push(set('bw', `(i64.shr_u ${get('x')} (i64.const 63))`));
  }
  lines.push(set('x', `(i64.or ${carry} (i64.xor ${get('bw')} (i64.const 1)))`));
  lines.push(...store8(out, (j) => `(select ${get(`d${j}`)} ${s(j)} (i32.wrap_i64 ${get('x')}))`));
  return lines;
}

/** o = a·b·2⁻²⁵⁶ mod p: product scanning by rows, then eight Montgomery rounds (n' = 1). */
function fieldMul(): string {
  const body: string[] = [...load8('a', 'a'), ...load8('b', 'b')];
  // The 512-bit product in t0…t15: each step is at most (2³² − 1)² + 2·(2³² − 1) < 2⁶⁴.
  for (let i = 0; i < 8; i++) {
    for (let j = 0; j < 8; j++) {
      const terms = [`(i64.mul ${get(`a${i}`)} ${get(`b${j}`)})`];
      if (i > 0) terms.push(get(`t${i + j}`));
      if (j > 0) terms.push(get('c'));
      body.push(...step(`t${i + j}`, add(...terms)));
    }
    body.push(set(`t${i + 8}`, get('c')));
  }
  // Round i adds m·p·2^(32i) with m = t_i, which clears t_i: p's lowest limb is 2³² − 1, so
  // m·(2³² − 1) + m = m·2³² (limb 0, carry m). The carry out of t_{i+8} waits in c2 for round i + 1.
  for (let i = 0; i < 8; i++) {
    body.push(set('m', get(`t${i}`)), set('c', get('m')));
    for (let j = 1; j < 8; j++) {
      const terms = PW[j] === 0 ? [] : [`(i64.mul ${get('m')} (i64.const ${PW[j]}))`];
      body.push(...step(`t${i + j}`, add(...terms, get(`t${i + j}`), get('c'))));
    }
    const top = i === 0 ? add(get(`t8`), get('c')) : add(get(`t${i + 8}`), get('c'), get('c2'));
    body.push(...step(`t${i + 8}`, top, 'c2'));
  }
  // t8…t15 + c2·2²⁵⁶ < 2p (inputs < p): one conditional subtraction makes it < p.
  body.push(...reduceOnce('o', (j) => get(`t${j + 8}`), get('c2')));
  return `(func $mul (export "mul") (param $o i32) (param $a i32) (param $b i32)
    ${locals('a', 8)} ${locals('b', 8)} ${locals('t', 16)} ${locals('d', 8)}
    (local $x i64) (local $c i64) (local $c2 i64) (local $m i64) (local $bw i64)
    ${body.join('\n    ')})`;
}

/** o = a + b mod p (inputs < p). */
function fieldAdd(): string {
  const body: string[] = [...load8('a', 'a'), ...load8('b', 'b'), set('c', '(i64.const 0)')];
  for (let j = 0; j < 8; j++) body.push(...step(`t${j}`, add(get(`a${j}`), get(`b${j}`), get('c'))));
  body.push(...reduceOnce('o', (j) => get(`t${j}`), get('c')));
  return `(func $add (export "add") (param $o i32) (param $a i32) (param $b i32)
    ${locals('a', 8)} ${locals('b', 8)} ${locals('t', 8)} ${locals('d', 8)}
    (local $x i64) (local $c i64) (local $bw i64)
    ${body.join('\n    ')})`;
}

/** o = a − b mod p (inputs < p): the difference, plus p when it borrowed. */
function fieldSub(): string {
  const body: string[] = [...load8('a', 'a'), ...load8('b', 'b'), set('bw', '(i64.const 0)')];
  for (let j = 0; j < 8; j++) {
    body.push(set('x', `(i64.sub (i64.sub ${get(`a${j}`)} ${get(`b${j}`)}) ${get('bw')})`));
    body.push(set(`t${j}`, `(i64.and ${get('x')} ${M})`));
    body.push(set('bw', `(i64.shr_u ${get('x')} (i64.const 63))`));
  }
  // mask = all ones when it borrowed: add p & mask, dropping the carry out of 2²⁵⁶.
  body.push(set('bw', `(i64.sub (i64.const 0) ${get('bw')})`), set('c', '(i64.const 0)'));
  for (let j = 0; j < 8; j++)
    body.push(...step(`t${j}`, add(get(`t${j}`), `(i64.and (i64.const ${PW[j]}) ${get('bw')})`, get('c'))));
  body.push(...store8('o', (j) => get(`t${j}`)));
  return `(func $sub (export "sub") (param $o i32) (param $a i32) (param $b i32)
    ${locals('a', 8)} ${locals('b', 8)} ${locals('t', 8)}
    (local $x i64) (local $c i64) (local $bw i64)
    ${body.join('\n    ')})`;
}

const R = 1n << 256n;
const dataBytes = (x: bigint) =>
  words(x)
    .flatMap((w) => [w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, w >>> 24])
    .map((b) => '\\' + b.toString(16).padStart(2, '0'))
    .join('');

// Temporaries of the point formulas: T(k) is the k-th 32-byte slot.
const T = (k: number) => `(i32.const ${96 + 32 * k})`;
const c = (n: number) => `(i32.const ${n})`;

const HAND_WRITTEN = `
  ;; 1 when the element at a is zero (all limbs 0; elements are fully reduced, so this is x = 0).
  (func $is_zero (export "is_zero") (param $a i32) (result i32)
    (i64.eqz (i64.or (i64.or (i64.load offset=0 (local.get $a)) (i64.load offset=8 (local.get $a)))
                     (i64.or (i64.load offset=16 (local.get $a)) (i64.load offset=24 (local.get $a))))))

  (func $eq (param $a i32) (param $b i32) (result i32)
    (i32.and (i32.and (i64.eq (i64.load offset=0 (local.get $a)) (i64.load offset=0 (local.get $b)))
                      (i64.eq (i64.load offset=8 (local.get $a)) (i64.load offset=8 (local.get $b))))
             (i32.and (i64.eq (i64.load offset=16 (local.get $a)) (i64.load offset=16 (local.get $b)))
                      (i64.eq (i64.load offset=24 (local.get $a)) (i64.load offset=24 (local.get $b))))))

  (func $copy (param $o i32) (param $a i32)
    (i64.store offset=0 (local.get $o) (i64.load offset=0 (local.get $a)))
    (i64.store offset=8 (local.get $o) (i64.load offset=8 (local.get $a)))
    (i64.store offset=16 (local.get $o) (i64.load offset=16 (local.get $a)))
    (i64.store offset=24 (local.get $o) (i64.load offset=24 (local.get $a))))

  ;; Jacobian doubling in place, a = −3 (dbl-2001-b, 3M + 5S). Infinity (Z = 0) stays infinity.
  ;; Reached only from $madd when the point added equals the accumulator.
  (func $dbl (export "dbl") (param $p i32)
    (local $y i32) (local $z i32)
    (local.set $y (i32.add (local.get $p) (i32.const 32)))
    (local.set $z (i32.add (local.get $p) (i32.const 64)))
    (call $mul ${T(0)} (local.get $z) (local.get $z))            ;; delta = Z²
    (call $mul ${T(1)} (local.get $y) (local.get $y))            ;; gamma = Y²
    (call $mul ${T(2)} (local.get $p) ${T(1)})                   ;; beta = X·gamma
    (call $sub ${T(3)} (local.get $p) ${T(0)})
    (call $add ${T(4)} (local.get $p) ${T(0)})
    (call $mul ${T(3)} ${T(3)} ${T(4)})
    (call $add ${T(4)} ${T(3)} ${T(3)})
    (call $add ${T(3)} ${T(4)} ${T(3)})                          ;; alpha = 3(X − delta)(X + delta)
    (call $mul ${T(5)} ${T(3)} ${T(3)})
    (call $add ${T(6)} ${T(2)} ${T(2)})
    (call $add ${T(6)} ${T(6)} ${T(6)})                          ;; 4·beta
    (call $add ${T(7)} ${T(6)} ${T(6)})
    (call $sub ${T(5)} ${T(5)} ${T(7)})                          ;; X3 = alpha² − 8·beta
    (call $add ${T(8)} (local.get $y) (local.get $z))
    (call $mul ${T(8)} ${T(8)} ${T(8)})
    (call $sub ${T(8)} ${T(8)} ${T(1)})
    (call $sub ${T(8)} ${T(8)} ${T(0)})                          ;; Z3 = (Y + Z)² − gamma − delta
    (call $sub ${T(9)} ${T(6)} ${T(5)})
    (call $mul ${T(9)} ${T(3)} ${T(9)})
    (call $mul ${T(10)} ${T(1)} ${T(1)})
    (call $add ${T(10)} ${T(10)} ${T(10)})
    (call $add ${T(10)} ${T(10)} ${T(10)})
    (call $add ${T(10)} ${T(10)} ${T(10)})
    (call $sub ${T(9)} ${T(9)} ${T(10)})                         ;; Y3 = alpha(4·beta − X3) − 8·gamma²
    (call $copy (local.get $p) ${T(5)})
    (call $copy (local.get $y) ${T(9)})
    (call $copy (local.get $z) ${T(8)}))

  ;; Jacobian accumulator p += affine point q, or −q when neg ≠ 0 (madd, 8M + 3S). Every special
  ;; case a hostile signature can steer into is handled: p at infinity takes q; q = p doubles;
  ;; q = −p gives infinity. (A table point is never infinity: it is k·P with 0 < k < n.)
  (func $madd (export "madd") (param $p i32) (param $q i32) (param $neg i32)
    (local $y i32) (local $z i32) (local $qy i32)
    (local.set $y (i32.add (local.get $p) (i32.const 32)))
    (local.set $z (i32.add (local.get $p) (i32.const 64)))
    (local.set $qy (i32.add (local.get $q) (i32.const 32)))
    (if (local.get $neg) (then
      (call $sub ${T(11)} ${c(MEM.zero)} (local.get $qy))
      (local.set $qy ${T(11)})))
    (if (call $is_zero (local.get $z)) (then
      (call $copy (local.get $p) (local.get $q))
      (call $copy (local.get $y) (local.get $qy))
      (call $copy (local.get $z) ${c(MEM.one)})
      (return)))
    (call $mul ${T(0)} (local.get $z) (local.get $z))            ;; Z1Z1 = Z1²
    (call $mul ${T(1)} (local.get $q) ${T(0)})                   ;; U2 = x2·Z1Z1
    (call $mul ${T(2)} (local.get $z) ${T(0)})
    (call $mul ${T(2)} (local.get $qy) ${T(2)})                  ;; S2 = y2·Z1·Z1Z1
    (call $sub ${T(3)} ${T(1)} (local.get $p))                   ;; H = U2 − X1
    (call $sub ${T(4)} ${T(2)} (local.get $y))                   ;; r = S2 − Y1
    (if (call $is_zero ${T(3)}) (then
      (if (call $is_zero ${T(4)})
        (then (call $dbl (local.get $p)))                        ;; q = p
        (else (call $copy (local.get $z) ${c(MEM.zero)})))       ;; q = −p: infinity
      (return)))
    (call $mul ${T(5)} ${T(3)} ${T(3)})                          ;; HH = H²
    (call $mul ${T(6)} ${T(3)} ${T(5)})                          ;; HHH = H·HH
    (call $mul ${T(7)} (local.get $p) ${T(5)})                   ;; V = X1·HH
    (call $mul ${T(8)} ${T(4)} ${T(4)})
    (call $sub ${T(8)} ${T(8)} ${T(6)})
    (call $sub ${T(8)} ${T(8)} ${T(7)})
    (call $sub ${T(8)} ${T(8)} ${T(7)})                          ;; X3 = r² − HHH − 2V
    (call $sub ${T(9)} ${T(7)} ${T(8)})
    (call $mul ${T(9)} ${T(4)} ${T(9)})
    (call $mul ${T(10)} (local.get $y) ${T(6)})
    (call $sub ${T(9)} ${T(9)} ${T(10)})                         ;; Y3 = r(V − X3) − Y1·HHH
    (call $mul (local.get $z) (local.get $z) ${T(3)})            ;; Z3 = Z1·H
    (call $copy (local.get $p) ${T(8)})
    (call $copy (local.get $y) ${T(9)}))

  (func $copy3 (param $o i32) (param $a i32)
    (call $copy (local.get $o) (local.get $a))
    (call $copy (i32.add (local.get $o) (i32.const 32)) (i32.add (local.get $a) (i32.const 32)))
    (call $copy (i32.add (local.get $o) (i32.const 64)) (i32.add (local.get $a) (i32.const 64))))

  ;; o = a^(p − 2) = 1/a (Fermat; 0 gives 0): square and multiply from the top bit. Table building only.
  (func $inv (export "inv") (param $o i32) (param $a i32)
    (local $i i32)
    (call $copy ${T(14)} ${c(MEM.one)})
    (local.set $i (i32.const 255))
    (loop $bit
      (call $mul ${T(14)} ${T(14)} ${T(14)})
      (if (i32.and (i32.shr_u (i32.load offset=${MEM.pm2} (i32.shl (i32.shr_u (local.get $i) (i32.const 5)) (i32.const 2)))
                              (i32.and (local.get $i) (i32.const 31)))
                   (i32.const 1))
        (then (call $mul ${T(14)} ${T(14)} (local.get $a))))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (br_if $bit (i32.ge_s (local.get $i) (i32.const 0))))
    (call $copy (local.get $o) ${T(14)}))

  ;; A key's table at $at, whose first point (window 0, 1·P, affine) the caller has written: window w
  ;; holds j·B_w for j = 1…128 with B_w = 2^(8w)·P. Each window is 127 mixed additions in a staging
  ;; area (the first one doubles: B + B), plus one doubling for the next window's base, then one
  ;; batch inversion (Montgomery's trick) makes all of them affine. Slot 128 of a window is slot 0
  ;; of the next, so the next base lands where it belongs.
  (func $build_table (export "build_table") (param $at i32)
    (local $w i32) (local $b i32) (local $k i32) (local $last i32) (local $st i32) (local $dst i32)
    (loop $window
      (local.set $b (i32.add (local.get $at) (i32.mul (local.get $w) (i32.const ${WINDOW_BYTES}))))
      (call $copy ${c(MEM.stage)} (local.get $b))
      (call $copy ${c(MEM.stage + 32)} (i32.add (local.get $b) (i32.const 32)))
      (call $copy ${c(MEM.stage + 64)} ${c(MEM.one)})
      (local.set $k (i32.const 1))
      (loop $multiple
        (local.set $st (i32.add ${c(MEM.stage)} (i32.mul (local.get $k) (i32.const 96))))
        (call $copy3 (local.get $st) (i32.sub (local.get $st) (i32.const 96)))
        (call $madd (local.get $st) (local.get $b) (i32.const 0))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_if $multiple (i32.lt_u (local.get $k) (i32.const 128))))
      (local.set $last (i32.const 127))
      (if (i32.lt_u (local.get $w) (i32.const ${WINDOWS - 1})) (then
        (call $copy3 ${c(MEM.stage + 96 * 128)} ${c(MEM.stage + 96 * 127)})
        (call $dbl ${c(MEM.stage + 96 * 128)})
        (local.set $last (i32.const 128))))
      ;; prefix_k = Z_1 ⋯ Z_k
      (call $copy ${c(MEM.prefix + 32)} ${c(MEM.stage + 96 + 64)})
      (local.set $k (i32.const 2))
      (loop $prefix
        (call $mul (i32.add ${c(MEM.prefix)} (i32.shl (local.get $k) (i32.const 5)))
                   (i32.add ${c(MEM.prefix - 32)} (i32.shl (local.get $k) (i32.const 5)))
                   (i32.add ${c(MEM.stage + 64)} (i32.mul (local.get $k) (i32.const 96))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_if $prefix (i32.le_u (local.get $k) (local.get $last))))
      (call $inv ${T(15)} (i32.add ${c(MEM.prefix)} (i32.shl (local.get $last) (i32.const 5))))
      ;; from the last down: T15 = 1/(Z_1 ⋯ Z_k), so 1/Z_k = T15 · prefix_(k−1)
      (local.set $k (local.get $last))
      (loop $affine
        (local.set $st (i32.add ${c(MEM.stage)} (i32.mul (local.get $k) (i32.const 96))))
        (if (i32.gt_u (local.get $k) (i32.const 1))
          (then
            (call $mul ${T(12)} ${T(15)} (i32.add ${c(MEM.prefix - 32)} (i32.shl (local.get $k) (i32.const 5))))
            (call $mul ${T(15)} ${T(15)} (i32.add (local.get $st) (i32.const 64))))
          (else (call $copy ${T(12)} ${T(15)})))
        (local.set $dst (i32.add (local.get $b) (i32.shl (local.get $k) (i32.const 6))))
        (call $mul ${T(13)} ${T(12)} ${T(12)})
        (call $mul (local.get $dst) (local.get $st) ${T(13)})
        (call $mul ${T(13)} ${T(13)} ${T(12)})
        (call $mul (i32.add (local.get $dst) (i32.const 32)) (i32.add (local.get $st) (i32.const 32)) ${T(13)})
        (local.set $k (i32.sub (local.get $k) (i32.const 1)))
        (br_if $affine (i32.ge_u (local.get $k) (i32.const 1))))
      (local.set $w (i32.add (local.get $w) (i32.const 1)))
      (br_if $window (i32.lt_u (local.get $w) (i32.const ${WINDOWS})))))

  ;; R = s·G + t·P through the two tables (signed window-8 digits, no doublings), then 1 when
  ;; x(R) = v or v + n, checked as X = v·Z² in Montgomery form. v2 = 0 means v + n ≥ p (no second
  ;; candidate). Infinity is 0.
  (func $verify (export "verify") (param $tg i32) (param $tp i32) (param $v2 i32) (result i32)
    (local $w i32) (local $d i32) (local $zz i32) (local $cand i32)
    (call $copy ${c(MEM.acc + 64)} ${c(MEM.zero)})
    (block $done (loop $next
      (local.set $d (i32.load8_s offset=${MEM.digitsS} (local.get $w)))
      (if (local.get $d) (then
        (call $madd ${c(MEM.acc)}
          (i32.add (i32.add (local.get $tg) (i32.mul (local.get $w) (i32.const ${WINDOW_BYTES})))
                   (i32.shl (i32.sub (select (i32.sub (i32.const 0) (local.get $d)) (local.get $d)
                                             (i32.lt_s (local.get $d) (i32.const 0))) (i32.const 1)) (i32.const 6)))
          (i32.lt_s (local.get $d) (i32.const 0)))))
      (local.set $d (i32.load8_s offset=${MEM.digitsT} (local.get $w)))
      (if (local.get $d) (then
        (call $madd ${c(MEM.acc)}
          (i32.add (i32.add (local.get $tp) (i32.mul (local.get $w) (i32.const ${WINDOW_BYTES})))
                   (i32.shl (i32.sub (select (i32.sub (i32.const 0) (local.get $d)) (local.get $d)
                                             (i32.lt_s (local.get $d) (i32.const 0))) (i32.const 1)) (i32.const 6)))
          (i32.lt_s (local.get $d) (i32.const 0)))))
      (local.set $w (i32.add (local.get $w) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $w) (i32.const ${WINDOWS})))))
    (if (call $is_zero ${c(MEM.acc + 64)}) (then (return (i32.const 0))))
    (call $mul ${T(12)} ${c(MEM.acc + 64)} ${c(MEM.acc + 64)})   ;; Z²
    (call $mul ${T(13)} ${c(MEM.v)} ${c(MEM.r2)})                ;; v in Montgomery form
    (call $mul ${T(13)} ${T(13)} ${T(12)})
    (if (call $eq ${c(MEM.acc)} ${T(13)}) (then (return (i32.const 1))))
    (if (i32.eqz (local.get $v2)) (then (return (i32.const 0))))
    (call $mul ${T(13)} ${c(MEM.v2)} ${c(MEM.r2)})
    (call $mul ${T(13)} ${T(13)} ${T(12)})
    (call $eq ${c(MEM.acc)} ${T(13)}))
`;

/** The module's text; deterministic (the bytes test relies on it). */
export function sm2Wat(): string {
  return `;; Generated by protocol/sm2-wasm/wat.ts (npm run sm2:wasm): edit that file, not this one.
(module
  (memory (export "memory") 2)
  (data (i32.const ${MEM.one}) "${dataBytes(R % P)}")
  (data (i32.const ${MEM.r2}) "${dataBytes((R * R) % P)}")
  (data (i32.const ${MEM.pm2}) "${dataBytes(P - 2n)}")
  ${fieldMul()}
  ${fieldAdd()}
  ${fieldSub()}
${HAND_WRITTEN})
`;
}
