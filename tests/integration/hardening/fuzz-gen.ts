import type { z } from 'zod';

/** Small seeded PRNG (mulberry32) so a failing run can be replayed from its printed seed. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}
export type Rng = ReturnType<typeof rng>;

const STRINGS = [
  '',
  ' ',
  'a',
  'clerk',
  'admin',
  'f.clerk',
  'f.admin',
  'demo-admin',
  '2024-01-01',
  '2024-02-30',
  '9999-99-99',
  '110101199003071234',
  'x'.repeat(300),
  '\u0000',
  '\ud800',
  '<script>alert(1)</script>',
  "'; DROP TABLE audit_log; --",
  '../../etc/passwd',
  '%E0%A4%A',
  '__proto__',
  'constructor',
  '{"a":1}',
  '张三',
  '🙂',
  'NaN',
  '-1',
  'true',
  'null',
  'csv',
  'json',
  'Correct-horse-9',
];
const KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'userId',
  'password',
  'roles',
  'caseId',
  'idNumber',
  'reason',
  'from',
  'to',
  'format',
  'pdf',
  'x',
];

export function randomValue(r: Rng, depth = 0): unknown {
  switch (r.int(depth > 2 ? 6 : 9)) {
    case 0:
      return null;
    case 1:
      return r.pick([0, -1, 1, 2 ** 53, -0, 1.5, Number.MAX_VALUE, 1e-300]);
    case 2:
      return r.next() < 0.5;
    case 3:
      return r.pick(STRINGS);
    case 4:
      return String.fromCharCode(...Array.from({ length: r.int(40) }, () => r.int(0xffff)));
    case 5:
      return undefined;
    case 6:
      return Array.from({ length: r.int(4) }, () => randomValue(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = r.int(4); i > 0; i--) o[r.pick(KEYS)] = randomValue(r, depth + 1);
      return o;
    }
  }
}

type AnySchema = z.ZodType & { def?: Record<string, unknown>; shape?: Record<string, z.ZodType>; options?: unknown[] };

/** A value shaped like the schema (often valid), generated from zod 4's schema definition. */
export function sample(s: AnySchema, r: Rng, depth = 0): unknown {
  const def = (s.def ?? {}) as Record<string, unknown> & { type?: string };
  if (depth > 5) return null;
  switch (def.type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.shape ?? {})) o[k] = sample(v as AnySchema, r, depth + 1);
      return o;
    }
    case 'union':
      return sample(r.pick(def.options as AnySchema[]), r, depth + 1);
    case 'enum':
      return r.pick(Object.values(def.entries as Record<string, string>));
    case 'literal':
      return r.pick(def.values as unknown[]);
    case 'array':
      return Array.from({ length: 1 + r.int(2) }, () => sample(def.element as AnySchema, r, depth + 1));
    case 'boolean':
      return r.next() < 0.5;
    case 'number':
      return r.int(100);
    case 'string':
      return r.pick(STRINGS);
    case 'optional':
    case 'default':
    case 'nullable':
    case 'readonly':
    case 'catch':
    case 'prefault':
      return r.next() < 0.2 ? undefined : sample(def.innerType as AnySchema, r, depth + 1);
    case 'pipe':
      return sample(def.in as AnySchema, r, depth + 1);
    default:
      return randomValue(r, depth);
  }
}

/** A small mutation of a value: drop, add or replace a key, change the type, or wrap it. */
export function mutate(v: unknown, r: Rng): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v) && r.next() < 0.7) {
    const o = { ...(v as Record<string, unknown>) };
    const keys = Object.keys(o);
    const k = keys.length ? r.pick(keys) : 'x';
    switch (r.int(4)) {
      case 0:
        delete o[k];
        break;
      case 1:
        o[r.pick(KEYS)] = randomValue(r);
        break;
      case 2:
        o[k] = randomValue(r);
        break;
      default:
        o[k] = mutate(o[k], r);
    }
    return o;
  }
  return r.pick([() => randomValue(r), () => [v], () => JSON.stringify(v), () => ({ value: v }), () => null])();
}
