import { appHandlers } from './app';
import type { HandlerTable } from './types';

/** The whole table; the type makes a missing handler for any contract operation a compile error. */
export const handlers: HandlerTable = {
  ...appHandlers,
};
