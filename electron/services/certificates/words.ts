import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CertificateError, describeIssues } from './errors';
import { resourcesDir } from './resources';

const text = z.object({ zh: z.string().min(1), en: z.string().min(1) });

/** The fixed words of every certificate; resources/templates/words/certificate.json holds them. */
const wordsSchema = z.object({
  training: text,
  reprint: text,
  override: text,
  dataAsOf: text,
  resultHeading: text,
  result: z.object({ passed: text, failed: text, unknown: text }),
  checksHeader: z.object({ no: text, check: text, result: text, source: text }),
  sourceNumber: text,
  sourceIssuer: text,
  sourceAsOf: text,
  noChecks: text,
  none: text,
  noPhoto: text,
  scanToVerify: text,
  footer: z.object({ serial: text, issuedBy: text, counter: text, clerk: text, issuedAt: text }),
  pageFooter: text,
});

export type DocumentWords = z.infer<typeof wordsSchema>;
export type Words = z.infer<typeof text>;

/** The citizen's access slip (audit/slip.ts). */
const slipSchema = z.object({
  title: text,
  training: text,
  empty: text,
  footnote: text,
  actions: z.record(z.string(), text),
});

export type SlipWords = z.infer<typeof slipSchema>;

export const WORDS_FILE = join('templates', 'words', 'certificate.json');
export const SLIP_WORDS_FILE = join('templates', 'words', 'access-slip.json');

const cache = new Map<string, unknown>();

/** Loaded once per resources folder; a broken file stops printing with a code, never prints a blank. */
function loadWords<T>(dir: string, name: string, schema: z.ZodType<T>): T {
  const file = join(dir, name);
  const hit = cache.get(file);
  if (hit) return hit as T;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new CertificateError(
      'CERT_TEMPLATE_INVALID',
      `Certificate words ${file} cannot be read as JSON (${(cause as Error).message}); reinstall the app's resources.`,
      { cause },
    );
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new CertificateError(
      'CERT_TEMPLATE_INVALID',
      `Certificate words ${file} are incomplete (${describeIssues(parsed.error.issues)}); fix the file.`,
    );
  cache.set(file, parsed.data);
  return parsed.data;
}

export const documentWords = (dir = resourcesDir()): DocumentWords => loadWords(dir, WORDS_FILE, wordsSchema);
export const slipWords = (dir = resourcesDir()): SlipWords => loadWords(dir, SLIP_WORDS_FILE, slipSchema);

const fill = (s: string, values: Record<string, string | number>): string =>
  s.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));

/** One entry in both languages with its {values}: "zh en", as the certificate prints it. */
export function both(w: Words, values: Record<string, string | number> = {}, sep = ' '): string {
  return `${fill(w.zh, values)}${sep}${fill(w.en, values)}`;
}

export function wordIn(w: Words, lang: 'zh' | 'en', values: Record<string, string | number> = {}): string {
  return fill(w[lang], values);
}
