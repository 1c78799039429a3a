import type { ApiResult } from './types';

/** What window.counter offers the page; the web client implements the same shape over HTTP. */
export interface CounterBridge {
  invoke(name: string, args: unknown): Promise<ApiResult<unknown>>;
  on(event: string, fn: (payload: unknown) => void): () => void;
}
