/** A value this person confirmed in an earlier case, as prefill reads it. */
export interface PooledValue {
  value: string;
  itemCode: string;
  caseId: string;
  confirmedAt: string;
}

export interface PoolWrite {
  /** The case the values were confirmed in; its citizen is the one they are kept for. */
  caseId: string;
  /** auditSubject() of that citizen: the keyed hash of the ID number. */
  subject: string;
  itemCode: string;
  clerkId: string;
  /** Confirmed form values by field key; empty strings are not kept. */
  values: Record<string, string>;
  retentionDays: number;
  now?: Date;
}

/**
 * The data pool as the case flow sees it. This terminal's implementation is SQLite (sqlite.ts);
 * the hall server extends it to every terminal of a hall behind this same interface.
 *
 * - `read` works only inside a case that is open and belongs to the signed-in clerk (or a
 *   supervisor), returns only that case's citizen's values, and audits every read.
 * - `write` runs inside the caller's transaction (the case step that confirmed the values).
 */
export interface DataPool {
  read(caseId: string, keys: readonly string[]): Map<string, PooledValue>;
  write(w: PoolWrite): void;
}
