import { z } from 'zod';

const mm = z.number().nonnegative();
const bilingual = z.object({ zh: z.string(), en: z.string().optional() });

/** A box in millimetres from the page's top-left corner; sections without one flow down the page. */
const box = z.object({ x: mm, y: mm, w: mm.positive(), h: mm.positive().optional() });

/**
 * Where a field value comes from. `fact:<key>` reads a keyed fact; the rest name CertificateData fields.
 * Kept as an explicit list so a typo in a template fails at load time, not as a blank on paper.
 */
export const VALUE_REFS = [
  'holder.name',
  'holder.idNumberMasked',
  'holder.sex',
  'holder.birth',
  'holder.address',
  'serial',
  'itemCode',
  'hall.name',
  'hall.id',
  'counter',
  'clerk.name',
  'clerk',
  'issuedAt',
  'issuedDate',
  'dataAsOf',
] as const;
const valueRef = z.union([z.enum(VALUE_REFS), z.string().regex(/^fact:[\w.-]+$/, 'fact:<key>')]);

const fieldItem = z.object({
  label: bilingual,
  value: valueRef,
  /** Omit the row instead of printing a dash when the value is absent. */
  optional: z.boolean().optional(),
});

const base = { box: box.optional(), heading: bilingual.optional() };

export const sectionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('title'),
    ...base,
    sizePt: z.number().positive().optional(),
    subtitle: valueRef.optional(),
  }),
  z.object({ type: z.literal('marks'), ...base }),
  z.object({
    type: z.literal('fields'),
    ...base,
    labelWidthMm: mm.optional(),
    fontSizePt: z.number().positive().optional(),
    items: z.array(fieldItem).min(1),
  }),
  z.object({ type: z.literal('facts'), ...base }),
  z.object({ type: z.literal('checks'), ...base }),
  z.object({ type: z.literal('result'), ...base }),
  z.object({ type: z.literal('dataAsOf'), ...base }),
  z.object({ type: z.literal('note'), ...base, text: bilingual, fontSizePt: z.number().positive().optional() }),
  z.object({ type: z.literal('photo'), box: box.extend({ h: mm.positive() }), required: z.boolean().optional() }),
  z.object({ type: z.literal('qr'), box, caption: bilingual.optional() }),
  z.object({ type: z.literal('footer'), ...base, qrSizeMm: mm.positive().optional() }),
  z.object({ type: z.literal('pageBreak') }),
]);

export const templateSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  version: z.literal(1),
  page: z.object({
    size: z.enum(['A4', 'CR80']),
    /** top, right, bottom, left */
    marginMm: z.tuple([mm, mm, mm, mm]),
  }),
  title: bilingual.extend({ en: z.string() }),
  fontSizePt: z.number().positive().default(10),
  accentColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .default('#8b1a1a'),
  /** Shown on every page in training mode; size and angle differ between A4 and card. */
  watermark: z.object({
    text: z.string().default('TRAINING / 培训 样本'),
    fontSizePt: z.number().positive(),
    angleDeg: z.number().default(-35),
    opacity: z.number().min(0).max(1).default(0.18),
    color: z.string().default('#c00000'),
  }),
  /** Page number + serial on every page; off for cards. */
  pageFooter: z.boolean().default(true),
  sections: z.array(sectionSchema).min(1),
});

export type Bilingual = z.infer<typeof bilingual>;
export type Box = z.infer<typeof box>;
export type ValueRef = z.infer<typeof valueRef>;
export type Section = z.infer<typeof sectionSchema>;
export type CertificateTemplate = z.output<typeof templateSchema>;
export type CertificateTemplateInput = z.input<typeof templateSchema>;
