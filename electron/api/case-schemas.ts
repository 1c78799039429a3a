import { z } from 'zod';
import { idNumberProblem, isCalendarDate, type IdNumberProblem } from '../../protocol/id-number';

const id = z.string().min(1).max(64);
const reason = z.string().trim().min(2, 'give a reason of at least 2 characters').max(200);

export const caseRef = z.object({ caseId: id }).strict();
/**
 * A refusal the form words in the clerk's language: `params.code` becomes the API error's code
 * (errors.<CODE> in the renderer's i18n) and the issue path its field.
 */
function refuse(ctx: z.RefinementCtx, code: string, message: string): void {
  ctx.addIssue({ code: 'custom', message, params: { code } });
}

/** The counter's local calendar date, as the card's dates are read. */
function today(): string {
  const n = new Date();
  const p = (x: number) => String(x).padStart(2, '0');
  return `${n.getFullYear()}-${p(n.getMonth() + 1)}-${p(n.getDate())}`;
}

const ID_PROBLEMS: Record<Exclude<IdNumberProblem, 'format'>, [string, string]> = {
  check: ['CASE_ID_INVALID', 'The ID number check digit is wrong; check the number on the card and type it again.'],
  region: ['CASE_ID_REGION_INVALID', 'Digits 1-6 of the ID number are not a region code; check them against the card.'],
  birth: [
    'CASE_ID_BIRTH_INVALID',
    'Digits 7-14 of the ID number are not a real birth date; check them against the card.',
  ],
  birth_future: [
    'CASE_ID_BIRTH_FUTURE',
    'The birth date in the ID number (digits 7-14) is in the future; check them against the card.',
  ],
};

// Checked here, at the boundary, so an impossible number never reaches a case or the registry.
const manualIdNumber = z
  .string()
  .trim()
  .regex(/^\d{17}[\dXx]$/, '18 characters: 17 digits and a check digit or X')
  .superRefine((v, ctx) => {
    const problem = idNumberProblem(v, today());
    if (problem && problem !== 'format') refuse(ctx, ...ID_PROBLEMS[problem]);
  });
const manualValidTo = z.string().superRefine((v, ctx) => {
  if (v === '长期') return;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || !isCalendarDate(v)) {
    refuse(
      ctx,
      'CASE_VALID_TO_INVALID',
      'Not a real date; type the date printed on the card as YYYY-MM-DD, or 长期 for a long-term card.',
    );
  }
});

export const openManualInput = z
  .object({
    idNumber: manualIdNumber,
    name: z.string().trim().min(1).max(60),
    /** As printed on the card: YYYY-MM-DD, or 长期 for a long-term card. */
    validTo: manualValidTo,
    reason,
  })
  .strict();
export const searchItemsInput = z.object({ query: z.string().max(40).default(''), caseId: id.optional() }).strict();
export const chooseItemInput = z.object({ caseId: id, itemCode: z.string().min(1).max(40) }).strict();
/** The form as the clerk confirmed it: field key -> typed or prefilled value (the item's form schema checks it). */
export const applyInput = z
  .object({
    caseId: id,
    values: z
      .record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/), z.string().max(500))
      .refine((v) => Object.keys(v).length <= 100),
  })
  .strict();
/** A signature as the citizen screen's pad gives it: strokes of points in 0..1 of the `signature` box. */
const strokes = z.array(z.array(z.object({ x: z.number(), y: z.number() }).strict()).max(2000)).max(200);
export const applicationDocInput = z
  .object({ caseId: id, kind: z.enum(['application', 'receipt']), strokes: strokes.optional() })
  .strict();
export const printInput = z.object({ caseId: id, printer: z.string().max(128).optional() }).strict();
export const reasonInput = z.object({ caseId: id, reason }).strict();
export const verifyInput = z.object({ payload: z.string().trim().min(1).max(4000) }).strict();
export const trainingCardInput = z.object({ id: z.string().min(1).max(64) }).strict();
export const trainingFaultInput = z.object({ kind: z.enum(['no_card', 'checksum', 'read_failed', 'unplug']) }).strict();
export const overrideInput = z
  .object({ caseId: id, supervisorId: z.string().trim().min(1).max(64), password: z.string().min(1).max(200), reason })
  .strict();
