import type { Core } from '../../services/core/core';
import type { OpName, OpParsed, OpResult } from '../contract';

export interface HandlerContext {
  core: Core;
  host: 'desktop' | 'web';
  /** Who holds the channel: the clerk's page (default) or the citizen's screen. */
  caller?: 'clerk' | 'citizen';
}

export type Handler<K extends OpName> = (ctx: HandlerContext, input: OpParsed<K>) => Promise<OpResult<K>> | OpResult<K>;

/** A slice of the table; each area file exports one and index.ts merges them. */
export type HandlerSlice<K extends OpName> = { [P in K]: Handler<P> };
export type HandlerTable = HandlerSlice<OpName>;
