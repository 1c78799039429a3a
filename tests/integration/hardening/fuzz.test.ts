import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/api/dispatch';
import { operations, type OpName } from '../../../electron/api/contract';
import type { ApiResult, Role } from '../../../electron/api/types';
import { hashPassword, resetSignInLimits } from '../../../electron/services/accounts';
import { wireReader } from '../../../electron/services/wiring/reader';
import { FAST_KDF, PASSWORD, makeCore } from '../../helpers/core';
import { mutate, randomValue, rng, sample } from './fuzz-gen';
import { testSeed } from '../../helpers/rng';
import { LEAK, startWeb, type WebFixture } from '../../helpers/web';

/**
 * Fuzzes the API boundary: every operation, as every role and signed out, with random and mutated
 * arguments; >= 100,000 calls through dispatch plus a sample over HTTP. Every answer must be a
 * typed ok/error value: nothing thrown out of dispatch, no INTERNAL carrying internals, no 500.
 * Runs over a fresh temp data dir with no reader, printer or registry attached.
 */
// TEST_SEED replays a run.
const SEED = testSeed('API fuzz');
const REPLAY = `replay with TEST_SEED=${SEED}`;
const TOTAL = 100_000;
const GENERIC_INTERNAL = /^An internal error occurred; the details were logged/;
const CODE = /^[A-Z][A-Z0-9_]{2,63}$/;
const ROLES: (Role | null)[] = [null, 'clerk', 'station', 'supervisor', 'admin'];
/** Operations capped to fewer calls, each with the reason printed (none reach a device or network here). */
const SLOW_CAP = 300;

let w: WebFixture;
let hash: string;
beforeAll(async () => {
  console.log(`fuzz seed ${SEED} (${REPLAY})`);
  w = await startWeb();
  // Durability is the crash test's subject; here an fsync per audit commit would only slow the fuzz down.
  w.core.db.pragma('synchronous = NORMAL');
  hash = await hashPassword(PASSWORD, FAST_KDF);
  for (const r of ROLES) if (r) await w.addAccount(`f.${r}`, [r]);
});
afterAll(() => w.close());

/** Puts back the wanted session; fuzzed calls may sign out, lock, or change the fuzz accounts. */
async function ensure(role: Role | null): Promise<void> {
  const s = w.core.session;
  if (!role) {
    if (s) await dispatch({ core: w.core, host: 'web' }, 'auth.signOut', {});
    return;
  }
  const id = `f.${role}`;
  if (s && s.userId === id && !s.locked && !s.mustChangePassword) return;
  if (s) await dispatch({ core: w.core, host: 'web' }, 'auth.signOut', {});
  w.core.db
    .prepare(
      'UPDATE accounts SET password = ?, roles = ?, must_change = 0, disabled = 0, failed_count = 0, next_attempt_at = 0 WHERE id = ?',
    )
    .run(hash, JSON.stringify([role]), id);
  resetSignInLimits(w.core);
  const r = await dispatch({ core: w.core, host: 'web' }, 'auth.signIn', { userId: id, password: PASSWORD });
  if (!r.ok) throw new Error(`fuzz could not sign in as ${id}: ${r.error.code}`);
}

function check(op: string, r: unknown, problems: string[], input?: unknown): void {
  const res = r as ApiResult<unknown>;
  if (!res || typeof res !== 'object' || typeof res.ok !== 'boolean')
    return void problems.push(`${op}: not a result: ${JSON.stringify(r)?.slice(0, 100)}`);
  if (res.ok) return;
  const { code, message } = res.error ?? {};
  if (typeof code !== 'string' || !CODE.test(code) || typeof message !== 'string')
    return void problems.push(`${op}: untyped error ${JSON.stringify(res.error)}`);
  // INTERNAL means a bug let an untyped error through (a RangeError, a TypeError): the caller deserves a typed code.
  if (code === 'INTERNAL')
    problems.push(
      `${op}: INTERNAL${GENERIC_INTERNAL.test(message) ? '' : ` with details: ${message}`} for ${JSON.stringify(input)?.slice(0, 120)}`,
    );
  if (LEAK.test(message)) problems.push(`${op}: ${code} leaks internals: ${message.slice(0, 200)}`);
}

describe('API fuzz', () => {
  it(`>= ${TOTAL} dispatch calls across operations and roles give only typed results`, async () => {
    const r = rng(SEED);
    const ops = Object.keys(operations) as OpName[];
    const problems: string[] = [];
    const internals = new Map<string, number>();
    const calls = new Map<string, number>();
    const time = new Map<string, number>();
    const capped = new Set<string>();
    let total = 0;
    for (let round = 0; total < TOTAL; round++) {
      // Ten rounds per role between switches: a switch costs a sign-in (scrypt and two audit commits).
      const role = ROLES[Math.floor(round / 10) % ROLES.length]!;
      await ensure(role);
      for (const op of ops) {
        if (capped.has(op)) continue;
        const spec = operations[op];
        const input =
          r.next() < 0.25
            ? randomValue(r)
            : r.next() < 0.5
              ? sample(spec.input as never, r)
              : mutate(sample(spec.input as never, r), r);
        const t0 = performance.now();
        let res: unknown;
        try {
          res = await dispatch({ core: w.core, host: 'web' }, op, input);
        } catch (err) {
          problems.push(`${op}: dispatch threw ${String(err)}`);
          continue;
        }
        time.set(op, (time.get(op) ?? 0) + performance.now() - t0);
        const n = (calls.get(op) ?? 0) + 1;
        calls.set(op, n);
        total++;
        check(op, res, problems, input);
        if (!(res as ApiResult<unknown>).ok && (res as { error: { code: string } }).error.code === 'INTERNAL')
          internals.set(op, (internals.get(op) ?? 0) + 1);
        if (n >= SLOW_CAP && !capped.has(op) && time.get(op)! / n > 2) {
          capped.add(op);
          console.log(
            `fuzz: ${op} capped at ${n} calls: ${(time.get(op)! / n).toFixed(1)} ms per call (it does real work: hashing, PDF, export)`,
          );
        }
        if (
          w.core.session?.userId !== (role ? `f.${role}` : undefined) ||
          w.core.session?.locked ||
          w.core.session?.mustChangePassword
        )
          await ensure(role);
      }
    }
    if (internals.size)
      console.log(`fuzz: INTERNAL (generic message) per operation: ${JSON.stringify(Object.fromEntries(internals))}`);
    const slowest = [...time]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([o, t]) => `${o} ${(t / 1000).toFixed(1)}s`);
    console.log(`fuzz: ${total} calls over ${ops.length} operations; most time in ${slowest.join(', ')}`);
    expect(problems.slice(0, 20), REPLAY).toEqual([]);
    expect(total).toBeGreaterThanOrEqual(TOTAL);
  }, 120_000);

  it('a sample over HTTP: no 500, always a JSON typed result', async () => {
    const r = rng(SEED ^ 0x5f5f);
    const ops = [...Object.keys(operations), 'no.such', '__proto__', '%E0%A4%A', 'auth.signIn/../x'];
    const problems: string[] = [];
    for (let i = 0; i < 1500; i++) {
      if (i % 300 === 0) await ensure(ROLES[(i / 300) % ROLES.length]!);
      const op = r.pick(ops);
      const body =
        r.next() < 0.1
          ? '{"unterminated'
          : (JSON.stringify(
              r.next() < 0.5
                ? randomValue(r)
                : sample((operations as unknown as Record<string, { input: never }>)[op]?.input ?? ({} as never), r),
            ) ?? '');
      const res = await w.raw({
        method: 'POST',
        path: `/api/${op.startsWith('%') ? op : encodeURIComponent(op)}`,
        headers: { Authorization: `Bearer ${w.host.secret}`, 'Content-Type': 'application/json' },
        body,
      });
      if (res.status >= 500) problems.push(`${op}: HTTP ${res.status}`);
      if (LEAK.test(res.text)) problems.push(`${op}: leak ${res.text.slice(0, 200)}`);
      try {
        check(op, JSON.parse(res.text), problems, body);
      } catch {
        problems.push(`${op}: not JSON: ${res.text.slice(0, 100)}`);
      }
    }
    expect(problems.slice(0, 20), REPLAY).toEqual([]);
  }, 60_000);

  it('training mode with the simulated reader attached: its operations, with ids the page could send', async () => {
    // The production core above refuses training.* before reaching the reader; this one lets the
    // fuzz reach the simulator (where "nope" and "__proto__" once became INTERNAL).
    const t = await makeCore({ mode: 'training' });
    try {
      wireReader(t.core);
      await t.addAccount('t.clerk', ['clerk']);
      const signIn = await dispatch({ core: t.core, host: 'web' }, 'auth.signIn', {
        userId: 't.clerk',
        password: PASSWORD,
      });
      expect(signIn.ok).toBe(true);
      const r = rng(SEED ^ 0x7a7a);
      const ids = [
        ...t.core.services.reader!.demoCards().map((c) => c.id),
        'nope',
        '__proto__',
        'constructor',
        'toString',
        '',
      ];
      const ops = (Object.keys(operations) as OpName[]).filter((o) => o.startsWith('training.'));
      const problems: string[] = [];
      for (let i = 0; i < 3000; i++) {
        const op = r.pick(ops);
        const input =
          r.next() < 0.5
            ? { id: r.pick(ids) }
            : r.next() < 0.5
              ? sample(operations[op].input as never, r)
              : mutate(sample(operations[op].input as never, r), r);
        check(op, await dispatch({ core: t.core, host: 'web' }, op, input), problems, input);
      }
      expect(problems.slice(0, 20), REPLAY).toEqual([]);
    } finally {
      await t.close();
    }
  }, 60_000);
});
