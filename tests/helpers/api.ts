import { dispatch } from '../../electron/api/dispatch';
import type { OpInput, OpName, OpResult } from '../../electron/api/contract';
import type { ApiResult } from '../../electron/api/types';
import type { Core } from '../../electron/services/core/core';

/**
 * The one API caller of the tests, typed from the contract: the operation name picks the input
 * and the result type, so a test that calls an operation wrongly fails to compile, as a renderer would.
 */
export type ApiCall = <N extends OpName>(op: N, ...input: InputArg<N>) => Promise<ApiResult<OpResult<N>>>;

/** The input may be left out when the operation takes none (or only optional fields). */
export type InputArg<N extends OpName> = Record<string, never> extends OpInput<N> ? [OpInput<N>?] : [OpInput<N>];

/** For tests that send what the contract forbids on purpose (fuzzing, access checks): any name, any input. */
export type RawCall = (op: string, input?: unknown) => Promise<ApiResult<unknown>>;

/** Calls `dispatch` in this process, as either host does. */
export function inProcess(core: Core, host: 'web' | 'desktop' = 'web'): { call: ApiCall; raw: RawCall } {
  const raw: RawCall = (op, input = {}) => dispatch({ core, host }, op, input);
  return { call: ((op: string, input: unknown = {}) => raw(op, input)) as ApiCall, raw };
}

/** Calls a running web host over HTTP with its per-launch secret. */
export function overHttp(origin: string, secret: string): { call: ApiCall; raw: RawCall } {
  const raw: RawCall = async (op, input = {}) => {
    const r = await fetch(`${origin}/api/${encodeURIComponent(op)}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    return (await r.json()) as ApiResult<unknown>;
  };
  return { call: ((op: string, input: unknown = {}) => raw(op, input)) as ApiCall, raw };
}

/** The value of a call that must succeed; a failure throws with its code, for tests that walk a flow. */
export function unwrapping(call: ApiCall) {
  return async <N extends OpName>(op: N, ...input: InputArg<N>): Promise<OpResult<N>> => {
    const r = await call(op, ...input);
    if (!r.ok) throw Object.assign(new Error(`${op}: ${r.error.code} ${r.error.message}`), { code: r.error.code });
    return r.value;
  };
}
