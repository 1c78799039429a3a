import type { ApiError } from '../../../electron/api/types';
import { ApiCallError } from '../api/client';
import { i18n, errorText } from '../i18n';

/** An API error in the UI language: our auth.errors.<CODE> first (wording for these screens), then the shared errors.<CODE>. */
export function authErrorText(err: unknown): string {
  const e: Pick<ApiError, 'code' | 'params'> = err instanceof ApiCallError ? err.error : { code: 'INTERNAL' };
  return String(i18n.t(`auth.errors.${e.code}`, { defaultValue: errorText(e), ...e.params }));
}
