import { describe, expect, it } from 'vitest';
import { CARD_WARNINGS } from '../../../native/id-reader/card';
import { ERROR_TABLES, isErrorCode } from '../../../electron/api/codes';
import { en } from '../../../renderer/src/i18n/en';
import { zhCN } from '../../../renderer/src/i18n/zh-CN';

/**
 * Every code that can cross the API (the code tables in electron/api/codes.ts) has a text in both
 * languages, each in its own language, using only the parameters the code sends.
 */
const LANGS = { 'zh-CN': zhCN, en } as const;
const CJK = /[\u4e00-\u9fff]/;
const placeholders = (text: string): string[] => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]!);

const codes = new Map<string, { domain: string; params: readonly string[] }[]>();
for (const [domain, table] of Object.entries(ERROR_TABLES)) {
  for (const [code, params] of Object.entries(table)) codes.set(code, [...(codes.get(code) ?? []), { domain, params }]);
}

describe('error texts', () => {
  it('the tables are not empty and every code looks like a code', () => {
    expect(codes.size).toBeGreaterThan(100);
    for (const code of codes.keys()) expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
  });

  it('a code in two tables means the same thing in both (same parameters)', () => {
    for (const [code, uses] of codes) {
      for (const u of uses) expect(u.params, `${code} in ${u.domain} vs ${uses[0]!.domain}`).toEqual(uses[0]!.params);
    }
  });

  for (const [lang, strings] of Object.entries(LANGS)) {
    it(`every code has a ${lang} text under errors.<CODE>`, () => {
      const texts = strings.errors as Record<string, string | undefined>;
      const missing = [...codes.keys()].filter((c) => typeof texts[c] !== 'string' || !texts[c]!.trim());
      expect(missing, `codes with no ${lang} text`).toEqual([]);
    });

    it(`every ${lang} text is in ${lang} and uses only the parameters its code sends`, () => {
      const texts = strings.errors as Record<string, string>;
      for (const [code, uses] of codes) {
        const text = texts[code]!;
        if (lang === 'zh-CN') expect(text, code).toMatch(CJK);
        // A value the clerk types as printed on the card (“长期”) may stand quoted in an English text.
        else expect(text.replace(/“[^”]*”/g, ''), code).not.toMatch(CJK);
        const allowed = new Set([...uses[0]!.params, 'field']);
        for (const p of placeholders(text))
          expect(allowed.has(p), `${lang} errors.${code} uses {{${p}}}, which the code does not send`).toBe(true);
      }
    });

    it(`${lang}: the auth screens' own wording of a code uses only its parameters`, () => {
      for (const [code, text] of Object.entries(strings.auth.errors as Record<string, string>)) {
        expect(isErrorCode(code), `auth.errors.${code} is not a code any table knows`).toBe(true);
        const allowed = new Set([...(codes.get(code)?.[0]?.params ?? []), 'field']);
        for (const p of placeholders(text))
          expect(allowed.has(p), `${lang} auth.errors.${code} uses {{${p}}}`).toBe(true);
      }
    });
  }

  it('every card warning (CardView.warnings) has a text in both languages', () => {
    for (const [lang, strings] of Object.entries(LANGS)) {
      const texts = strings.cardWarning as Record<string, string | undefined>;
      expect(
        CARD_WARNINGS.filter((c) => !texts[c]),
        `card warnings with no ${lang} text`,
      ).toEqual([]);
    }
  });

  it('a parameter a code declares is used by its text in both languages', () => {
    for (const [code, uses] of codes) {
      for (const p of uses[0]!.params) {
        if (p === 'field') continue;
        for (const [lang, strings] of Object.entries(LANGS))
          expect(
            placeholders((strings.errors as Record<string, string>)[code]!),
            `${lang} errors.${code} drops {{${p}}}`,
          ).toContain(p);
      }
    }
  });
});
