import { AppError } from '../errors';

/** Every code of the means test with the parameters its text uses; the renderer words each (errors.<CODE>). */
export const MEANS_ERRORS = {
  /** Whose authorisation is not on record (names, comma-separated); no source was queried. */
  MEANS_CONSENT_MISSING: ['names'],
  /** Someone refused: the check cannot run for this household. */
  MEANS_CONSENT_REFUSED: ['names'],
  /** The case's item is not a means-tested one (resources/meanstest/items.json). */
  MEANS_NOT_MEANS_ITEM: ['item'],
  /** No verified household register for the applicant: the members are not known. */
  MEANS_NO_HOUSEHOLD: [],
  /** No member with this ID number in the household. */
  MEANS_NO_MEMBER: [],
  /** The signature was given for another version of the authorisation. */
  MEANS_OTHER_DOCUMENT: [],
  /** Nothing waits for the citizen's signature. */
  MEANS_NO_SIGNATURE_PENDING: [],
  /** The check has not been run yet (report, submit). */
  MEANS_NOT_RUN: [],
  /** Some sources did not answer (names): re-run before submitting. */
  MEANS_SOURCES_MISSING: ['sources'],
  /** The resources/meanstest files are invalid (field). */
  MEANS_CONFIG_INVALID: ['field'],
  /** A guardian must be someone else, and an adult. */
  MEANS_GUARDIAN_INVALID: [],
  /** Training: the source switches need the sandbox this terminal started, and it did not answer or is not there. */
  MEANS_TRAINING_SANDBOX: [],
} as const satisfies Record<string, readonly string[]>;

export type MeansErrorCode = keyof typeof MEANS_ERRORS;

export class MeansError extends AppError {
  declare readonly code: MeansErrorCode;
  constructor(code: MeansErrorCode, message: string, params?: Record<string, string>) {
    super(code, message, params ? { params } : undefined);
    this.name = 'MeansError';
  }
}
