/**
 * The wire between a terminal and the hall server (hall/README.md). Calls after pairing are signed
 * like registry calls (protocol/request-auth.ts): X-App-Key is the terminal id, the secret is the
 * one the hall gave at pairing. No body ever carries an ID number, a name or a clerk's password.
 */
export const HALL_PATH = {
  pair: '/v1/pair',
  events: '/v1/events',
  stats: '/v1/stats',
  badRatings: '/v1/stats/bad-ratings',
  poolPut: '/v1/pool/put',
  poolRead: '/v1/pool/read',
  poolReads: '/v1/pool/reads',
  // worklists shared by a station's terminals (docs/worklists.md)
  worklistPut: '/v1/worklists/put',
  worklistTasks: '/v1/worklists/tasks',
  worklistClaim: '/v1/worklists/claim',
  worklistStep: '/v1/worklists/step',
  /** The area's worklists with their counts (the caller's area, fixed at pairing). */
  worklistList: '/v1/worklists',
} as const;

export const CASE_EVENT_TYPES = [
  'opened',
  'checked',
  'issued',
  'printed',
  'submitted',
  'decided',
  'voided',
  'rated',
  'followed-up',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

/** One case event; ids and codes only. `at` is the terminal's clock, ms since the epoch. */
export interface HallCaseEvent {
  type: CaseEventType;
  caseId: string;
  at: number;
  clerkId: string;
  window: string;
  itemCode: string;
  /** decided: the department's final word. */
  decision?: 'approved' | 'rejected';
  /** rated: 1 (very bad) … 5 (very good), 好差评's five grades. */
  rating?: number;
  /**
   * rated, a bad one (1 or 2): the day (hall-local YYYY-MM-DD) its follow-up is due, computed at the
   * terminal in working days with its holiday calendar.
   */
  deadline?: string;
  /** followed-up: which step of a bad rating's follow-up (核实, 整改, 回访, close); no note, no text. */
  followUp?: FollowUpKind;
}

export const FOLLOW_UP_KINDS = ['verify', 'rectify', 'callback', 'close'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

/** Bad ratings still being followed up, hall-wide or a clerk's own (GET HALL_PATH.badRatings). */
export interface BadRatingCounts {
  open: number;
  overdue: number;
}

/** The terminal's audit chain head, so the hall can later show that a terminal's log was not cut. */
export interface HallAuditHead {
  type: 'audit-head';
  at: number;
  head: string;
  count: number;
}

export type HallEventBody = HallCaseEvent | HallAuditHead;

/** One outbox message as it travels: seq is the terminal's per-receiver sequence (1, 2, 3…). */
export interface HallEventEnvelope {
  seq: number;
  key: string;
  body: HallEventBody;
}

export interface PairRequest {
  code: string;
  name: string;
  /** The terminal's station area (config `station.area`), fixed at the hall for worklists. */
  area?: string;
}
export interface PairResponse {
  terminalId: string;
  secret: string;
  /** The station area the hall paired this terminal for (null: no worklists shared with it). */
  area?: string | null;
  /**
   * Hall-wide key (hex) for the pool's person hash, HMAC-SHA256(key, ID number): the same person
   * hashes alike at every terminal of the hall, and the hall itself never sees the number.
   */
  personKey?: string;
}

export interface EventsResponse {
  /** Highest seq the hall holds for this terminal, after this call. */
  lastSeq: number;
  accepted: number;
  duplicates: number;
}

/**
 * One row of a hall statistics table, as the hall answers it (hall/stats.ts) and the terminal's
 * screen shows it. Counts only: no row ever names a person.
 */
export interface HallStatsRow {
  key: string;
  accepted: number;
  completed: number;
  completionRate: number;
  voided: number;
  pending: number;
  approved: number;
  rejected: number;
  ratedBad: number;
  ratedGood: number;
  /** 好差评's five grades, counted: [1 very dissatisfied, 2, 3, 4, 5 very satisfied]. Absent from a hall older than PG 004. */
  ratings?: [number, number, number, number, number];
}

/** A shared worklist task as the hall has it (GET tasks, claim, step, and a 409's `params.task`). */
export interface HallWorklistTask {
  worklistId: string;
  seq: number;
  /** The task's person, opened for the caller (TaskPerson JSON as the building terminal sent it). */
  person: string;
  state: string;
  version: number;
  assignedTo: string | null;
  /** Terminal id holding a live or lapsed claim, its name (e.g. `HALL01/W2`) and the user. */
  claimedBy: string | null;
  claimedByName: string | null;
  claimedUser: string | null;
  claimedUntil: number | null;
  caseRef: string | null;
  outputRef: string | null;
  updatedMs: number;
  /** The last step taken, by whom and where: who "holds" a task that moved on. */
  last: { step: string; byUser: string; terminal: string; atMs: number; note: string | null } | null;
}

/**
 * A step on a shared task under the caller's claim (POST HALL_PATH.worklistStep): at the version
 * the terminal saw; `state`, when sent, must agree with what the step rules make of it.
 */
export interface HallWorklistStepBody {
  id: string;
  seq: number;
  version: number;
  step: string;
  state?: string;
  byUser: string;
  note?: string;
  caseRef?: string;
  outputRef?: string;
  assignedTo?: string;
  /**
   * The terminal's own id for this step (8–64 of `[0-9A-Za-z._:-]`), kept with the step row (PG
   * 008): the same step sent again (a resend after a lost answer) is answered with the task as it
   * is now and `repeated`, and not taken twice.
   */
  stepId?: string;
  /**
   * Claim and step in one (a step recorded while the hall did not answer, sent by the outbox): no
   * claim is held beforehand; the hall takes the step at `version` unless another terminal holds a
   * live claim, in one transaction. At `version + 1` too when the caller holds the task's claim:
   * the caller's own claim at `version`, whose answer it never heard.
   */
  claim?: boolean;
}

/** The hall's answer to a step: the task after it; `repeated` when the stepId was already taken. */
export interface HallWorklistStepAnswer {
  task: HallWorklistTask;
  repeated?: boolean;
  /** The task's version right after this step (for a repeat, as it was then; the task may have moved since). */
  versionAfter?: number;
}

/** A worklist of the caller's area with its task counts by state (GET HALL_PATH.worklistList). */
export interface HallWorklistSummary {
  id: string;
  area: string;
  programme: string;
  itemCode: string;
  builtBy: string;
  asOf: string;
  createdMs: number;
  counts: Record<string, number>;
}
