import { i18n, errorText } from '../i18n';

/** An API error in the UI language: our auth.errors.<CODE> first, then the shared errors, then the server's text. */
export function authErrorText(err: unknown): string {
  const e = err && typeof err === 'object' && 'code' in err && 'message' in err ? (err as { code: string; message: string }) : { code: 'INTERNAL', message: String(err) };
  return i18n.t(`auth.errors.${e.code}`, { defaultValue: errorText(e), message: e.message });
}
