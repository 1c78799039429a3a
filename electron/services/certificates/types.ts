import { z } from 'zod';

const text = z.string().trim().min(1);
const isoInstant = z.iso.datetime({ offset: true });

/** A fact whose value is a table (e.g. household members with their relation to the head). */
export const factTableSchema = z.object({
  columns: z
    .array(
      z.object({
        key: text,
        label: text,
        labelEn: z.string().optional(),
        /** relative column width, default 1 */ width: z.number().positive().optional(),
      }),
    )
    .min(1),
  rows: z.array(z.record(z.string(), z.string())),
});

export const factSchema = z.object({
  /** Lets templates address a fact directly (`fact:cardNumber`); optional for plain lists. */
  key: z.string().optional(),
  label: text,
  labelEn: z.string().optional(),
  value: z.union([z.string(), factTableSchema]),
});

export const checkSchema = z.object({
  id: text,
  label: text,
  result: z.enum(['passed', 'failed', 'unknown']),
  /** The human sentence saying what was checked and what was found. */
  sentence: z.string(),
  source: z
    .object({
      typeName: text,
      number: text,
      issuer: text,
      /** ISO date/time the license data was current at (fetch time, or cache age). */
      asOf: z.string().optional(),
    })
    .optional(),
});

export const certificateDataSchema = z.object({
  serial: z.string().regex(/^[A-Za-z0-9-]{4,40}$/, 'serial: 4-40 letters, digits or dashes'),
  itemCode: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, 'itemCode: 1-40 letters, digits, dot, dash, underscore'),
  holder: z.object({
    name: text,
    idNumberMasked: text,
    sex: z.string().optional(),
    birth: z.string().optional(),
    address: z.string().optional(),
  }),
  facts: z.array(factSchema).default([]),
  checks: z.array(checkSchema).default([]),
  result: z.string(),
  hall: z.object({ id: text, name: text }),
  counter: text,
  clerk: z.object({ id: text, name: text }),
  issuedAt: isoInstant,
  dataAsOf: isoInstant.optional(),
  photo: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'photo must be PNG bytes (Uint8Array/Buffer)').optional(),
  training: z.boolean(),
  reprint: z.boolean().optional(),
  override: z.object({ by: text, reason: text }).optional(),
});

export type FactTable = z.infer<typeof factTableSchema>;
export type Fact = z.infer<typeof factSchema>;
export type CertificateCheck = z.infer<typeof checkSchema>;
/** What a certificate says. `photo` is PNG bytes (the resident-ID license photo). */
export type CertificateData = z.input<typeof certificateDataSchema>;
export type ParsedCertificateData = z.output<typeof certificateDataSchema>;
