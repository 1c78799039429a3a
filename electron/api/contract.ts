import { z } from 'zod';
import { ev, op, type EventSpec, type OpSpec } from './define';
import type * as T from './types';

/**
 * The one API contract. Every operation (input schema, access, result type) and every event is
 * declared here once; the preload, the web client and the handler table all derive from it.
 * Adding an operation: one entry here plus its handler in handlers/.
 */

const empty = z.object({}).strict();

export const operations = {
  'app.info': op<T.AppInfo>()(empty, 'public', 'Terminal identity, mode and host'),
  'status.get': op<T.StatusSnapshot>()(empty, 'public', 'Reader, printer and registry state for the status bar'),
  'prefs.setLanguage': op<{ language: T.Language }>()(
    z.object({ language: z.enum(['zh-CN', 'en']) }).strict(),
    'public',
    'Remember the UI language on this terminal',
  ),
} as const;

export const events = {
  'reader.status': ev<T.ReaderStatus>(),
  'card.placed': ev<T.CardView>(),
  'card.removed': ev<{ readId: string; at: string }>(),
  'print.job': ev<T.PrintJobEvent>(),
  'registry.status': ev<T.RegistryStatus>(),
  'printer.status': ev<T.PrinterStatus>(),
  'session.changed': ev<T.SessionInfo | null>(),
} as const;

export type Operations = typeof operations;
export type OpName = keyof Operations;
export type OpInput<K extends OpName> = z.input<Operations[K]['input']>;
export type OpParsed<K extends OpName> = z.output<Operations[K]['input']>;
export type OpResult<K extends OpName> = Operations[K] extends OpSpec<z.ZodType, infer R> ? R : never;
export type EventName = keyof typeof events;
export type EventPayload<K extends EventName> = (typeof events)[K] extends EventSpec<infer P> ? P : never;

export const opNames = Object.keys(operations) as OpName[];
export const eventNames = Object.keys(events) as EventName[];
export const isOpName = (s: string): s is OpName => Object.prototype.hasOwnProperty.call(operations, s);
export const isEventName = (s: string): s is EventName => Object.prototype.hasOwnProperty.call(events, s);

/** Channel names shared by main and preload. */
export const IPC_INVOKE = 'counter:invoke';
export const IPC_EVENT = 'counter:event';
