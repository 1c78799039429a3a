import type { z } from 'zod';
import { accountsOf, sessionGate } from '../services/accounts';
import { isOpName, operations, type OpName } from './contract';
import type { Access } from './define';
import { isErrorCode } from './codes';
import { toApiError } from './public-error';
import { handlers } from './handlers';
import type { HandlerContext } from './handlers/types';
import type { ApiResult, SessionInfo } from './types';

const citizenOnly = (citizen: boolean): ApiResult<never> => ({
  ok: false,
  error: {
    code: 'AUTH_FORBIDDEN',
    message: citizen
      ? "The citizen's screen may call only its own operations."
      : "Only the citizen's screen calls this.",
  },
});

function allowed(access: Access, session: SessionInfo | null, citizen: boolean): ApiResult<never> | null {
  // The citizen's secret opens the citizen operations and nothing else, whatever the session; and
  // the clerk's page cannot call them (a clerk must not rate on the citizen's behalf).
  if (citizen || access === 'citizen') return citizen && access === 'citizen' ? null : citizenOnly(citizen);
  if (access === 'public') return null;
  if (!session) return { ok: false, error: { code: 'AUTH_REQUIRED', message: 'Sign in first.' } };
  if (access === 'signed-in') return null;
  if (session.roles.some((r) => access.includes(r))) return null;
  return {
    ok: false,
    error: { code: 'AUTH_FORBIDDEN', message: `Your role does not allow this; it needs one of: ${access.join(', ')}.` },
  };
}

function invalid(err: z.ZodError): ApiResult<never> {
  const issue = err.issues[0];
  const field = issue?.path.join('.') ?? '';
  // A schema refinement may name its own error code (CASE_VALID_TO_INVALID…) so the form can word it.
  const own = issue?.code === 'custom' ? (issue.params as { code?: unknown } | undefined)?.code : undefined;
  const code = isErrorCode(own) ? own : 'INVALID_ARGUMENT';
  return {
    ok: false,
    error: {
      code,
      message: `${field || 'argument'}: ${issue?.message ?? 'invalid'}`,
      params: { field: field || '-' },
      ...(field ? { field } : {}),
    },
  };
}

function failure(ctx: HandlerContext, name: string, err: unknown): ApiResult<never> {
  const apiErr = toApiError(err);
  if (apiErr.code === 'INTERNAL')
    ctx.core.log(`operation ${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return { ok: false, error: apiErr };
}

/**
 * The single entry point both hosts call: checks the operation exists, enforces its declared access,
 * validates the arguments with its schema and turns every failure into a typed {code, message}.
 */
export async function dispatch(ctx: HandlerContext, name: string, raw: unknown): Promise<ApiResult<unknown>> {
  if (!isOpName(name))
    return {
      ok: false,
      error: {
        code: 'UNKNOWN_OPERATION',
        message: `No operation named "${name.slice(0, 64)}".`,
        params: { name: name.slice(0, 64) },
      },
    };
  const spec = operations[name];
  try {
    // An idle session is locked before the call is judged, so nothing slips in between timer ticks.
    accountsOf(ctx.core).sessions.expireIfIdle();
  } catch (err) {
    return failure(ctx, name, err);
  }
  const citizen = ctx.caller === 'citizen';
  // The citizen operations answer (with nothing personal) whatever the clerk's session state.
  const denied =
    citizen || spec.access === 'citizen'
      ? allowed(spec.access, ctx.core.session, citizen)
      : (sessionGate(name, ctx.core.session) ?? allowed(spec.access, ctx.core.session, false));
  if (denied) return denied;
  const parsed = spec.input.safeParse(raw ?? {});
  if (!parsed.success) return invalid(parsed.error);
  try {
    const handler = handlers[name] as (c: HandlerContext, i: unknown) => unknown;
    return { ok: true, value: await handler(ctx, parsed.data) };
  } catch (err) {
    return failure(ctx, name, err);
  }
}

export type { OpName };
