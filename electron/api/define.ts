import type { z } from 'zod';
import type { Role } from './types';

/**
 * Who may call an operation: anyone (no sign-in), any signed-in user, the listed roles, or only the
 * citizen's screen ('citizen': its own capability secret, and nothing else is open to it).
 */
export type Access = 'public' | 'signed-in' | 'citizen' | readonly Role[];

export interface OpSpec<I extends z.ZodType, R> {
  input: I;
  access: Access;
  summary: string;
  /** Phantom: carries the result type only. */
  readonly result?: R;
}

/** Curried so the result type is written once and the input type is inferred from the schema. */
export const op =
  <R>() =>
  <I extends z.ZodType>(input: I, access: Access, summary: string): OpSpec<I, R> => ({ input, access, summary });

export interface EventSpec<P> {
  readonly payload?: P;
}
export const ev = <P>(): EventSpec<P> => ({});
