import type { CounterBridge } from '../../../electron/api/bridge';
import type { EventName, EventPayload, OpInput, OpName, OpResult } from '../../../electron/api/contract';
import type { ApiError } from '../../../electron/api/types';
import { takeSecret, webTransport } from './web-transport';

declare global {
  interface Window {
    counter?: CounterBridge;
  }
}

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
  }
  get code(): string {
    return this.error.code;
  }
}

function bridge(): CounterBridge {
  if (window.counter) return window.counter;
  const secret = takeSecret();
  if (!secret)
    throw new ApiCallError({ code: 'APP_NO_SECRET', message: 'Open the address printed by the terminal at start-up.' });
  return webTransport(secret);
}

/** Null when the page can reach the terminal's API; otherwise why not, for a full-page message. */
export function connectionProblem(): ApiError | null {
  try {
    get();
    return null;
  } catch (err) {
    return err instanceof ApiCallError ? err.error : { code: 'APP_HOST_UNREACHABLE', message: String(err) };
  }
}

let cached: CounterBridge | undefined;
const get = () => (cached ??= bridge());

/** Typed call: the operation name fixes the input and result types from the contract. */
export async function call<K extends OpName>(name: K, input: OpInput<K>): Promise<OpResult<K>> {
  const r = await get().invoke(name, input);
  if (!r.ok) throw new ApiCallError(r.error);
  return r.value as OpResult<K>;
}

export function subscribe<K extends EventName>(name: K, fn: (payload: EventPayload<K>) => void): () => void {
  return get().on(name, fn as (p: unknown) => void);
}
