import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { ApiErrorCode, ErrorParams, Language } from '../../../electron/api/types';
import { en } from './en';
import { zhCN } from './zh-CN';

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export async function setLanguage(lang: Language): Promise<void> {
  await i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

const known = (code: string): code is ApiErrorCode => Object.hasOwn(zhCN.errors, code);

/**
 * A coded error or status in the UI language, from errors.<CODE> with its parameters (and the
 * field, for form errors). Never the server's English message: a code this page has no text for
 * (a newer terminal service) is named as such, and its details are in the terminal's log.
 */
export function errorText(err: { code: string; params?: ErrorParams | undefined; field?: string | undefined }): string {
  const values = { ...(err.field ? { field: err.field } : {}), ...err.params };
  if (!known(err.code)) return i18n.t('status.unknownError', { code: err.code });
  const key = `errors.${err.code}` as const satisfies `errors.${ApiErrorCode}`;
  return i18n.t(key, values);
}
