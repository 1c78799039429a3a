/** Codes of the citizen's screen, ratings and signatures; the renderer words each (errors.<CODE>). */
export const CITIZEN_ERRORS = {
  /** One rating per case (一次一评). */
  RATING_ALREADY: [],
  /** The citizen tapped a rating while none is asked for (the clerk has not pressed F8, or it timed out). */
  RATING_NOT_ASKED: [],
  /** 不满意 / 非常不满意 need at least one reason and a few words. */
  RATING_REASON_REQUIRED: [],
  /** A bad rating is closed only after the citizen was called back (回访). */
  RATING_CALLBACK_FIRST: [],
  /** A signature given for one document was offered for another. */
  SIGNATURE_OTHER_DOCUMENT: [],
  /** The citizen signed, but nothing is waiting for a signature (already signed, or withdrawn). */
  SIGNATURE_NOT_PENDING: [],
  /** A signature that is empty, too large or not numbers; `why` names which. */
  SIGNATURE_INVALID: ['why'],
  /** A signer key the signing service does not know. */
  SIGNATURE_SIGNER: ['signer'],
} as const satisfies Record<string, readonly string[]>;
