/**
 * Data transfer shapes that cross the API boundary. Pure types: the renderer compiles this file,
 * so it imports nothing from Node, electron or native/.
 */

import type { ApiErrorCode } from './codes';

export type { ApiErrorCode };

export type Role = 'clerk' | 'station' | 'supervisor' | 'admin';
export type Mode = 'training' | 'production';
export type Language = 'zh-CN' | 'en';

/** Values a code's text interpolates ({{name}} in errors.<CODE>). */
export type ErrorParams = Readonly<Record<string, string | number>>;

/** A code with the values its text needs; the renderer words it in the clerk's language. */
export interface Coded {
  code: ApiErrorCode;
  params?: ErrorParams;
}

export interface ApiError extends Coded {
  /** English, for logs and developers; the page shows errors.<CODE>, never this. */
  message: string;
  /** Field path for INVALID_ARGUMENT and form errors. */
  field?: string;
}

export type ApiResult<R> = { ok: true; value: R } | { ok: false; error: ApiError };

export interface AppInfo {
  version: string;
  mode: Mode;
  host: 'desktop' | 'web';
  hall: { id: string; name: string };
  counter: string;
  language: Language;
}

export interface SessionInfo {
  userId: string;
  displayName: string;
  roles: Role[];
  demo: boolean;
  /** Locked after idle time or on request: only unlock / sign-out are accepted until the password is given. */
  locked?: boolean;
  /** New or reset account: only a password change is accepted until it is done. */
  mustChangePassword?: boolean;
  /** Idle time before the lock, so the page can show its countdown. */
  idleLockSeconds?: number;
  /** Whether this session opens cases (clerk, station) or only finishes them (supervisor); absent: no case screen. */
  cases?: 'open' | 'finish';
}

export type DeviceState = 'unavailable' | 'searching' | 'connected' | 'reading' | 'disconnected' | 'error';

export interface ReaderStatus {
  state: DeviceState;
  /** Reader model or port, when known. */
  device?: string;
  /** Why the reader is in error or unavailable: a reader code (READER_ERRORS) and its values. */
  code?: ApiErrorCode;
  params?: ErrorParams;
  /** Reader-like USB/serial devices the last search saw, for the status tooltip and the admin's device view. */
  devices?: ReaderDeviceView[];
  at: string;
}

/** One device the reader search saw: what it is, how it is reached, and why it could not be used. */
export interface ReaderDeviceView {
  vidPid: string;
  vendor: string;
  vendorZh?: string;
  model: string;
  /** hid-raw, usb-bulk-4ep, usb-bulk-2ep, serial-bridge, or none. */
  transport: string;
  /** Where the table's facts come from: public-code, capture, guessed. */
  confirmed: string;
  /** Found by a SAM-status probe rather than from the table. */
  probed?: boolean;
  where?: string;
  state: 'found' | 'ready' | 'failed' | 'unsupported';
  code?: ApiErrorCode;
  params?: ErrorParams;
  message?: string;
}

export interface PrinterStatus {
  state: 'unavailable' | 'ready' | 'busy' | 'error';
  printer?: string;
  /** Stable code, e.g. PRINTER_OFFLINE, when state is error, and the values its text uses. */
  code?: ApiErrorCode;
  params?: ErrorParams;
  at: string;
}

export interface RegistryStatus {
  state: 'unavailable' | 'online' | 'offline' | 'training';
  /** ISO time the registry went offline. */
  since?: string;
  /** Newest cached entry, so the clerk sees how old offline data is. */
  cacheAsOf?: string;
  /** Why it is unavailable (no registry configured, a broken pinned-issuers file…). */
  code?: ApiErrorCode;
  params?: ErrorParams;
  at: string;
}

export interface StatusSnapshot {
  reader: ReaderStatus;
  printer: PrinterStatus;
  registry: RegistryStatus;
  session: SessionInfo | null;
}

export type CardKind = 'resident' | 'hmt_permit' | 'foreign_2017' | 'foreign_2023';

/** A decoded card as the UI sees it: the document number is masked, photo and fingerprint never cross. */
export interface CardView {
  /** Opaque per-read id; the case layer keys the open case on it. */
  readId: string;
  kind: CardKind;
  name: string;
  nameEn?: string;
  sex: { code: string; label: string; labelEn?: string };
  nation?: { code: string; label: string; labelEn?: string };
  birth: string;
  address?: string;
  numberMasked: string;
  authority?: string;
  validFrom: string;
  validTo: string;
  extra: Record<string, string>;
  warnings: { code: string; message: string }[];
  readAt: string;
}

export interface PrintJobEvent {
  jobId: string;
  caseId?: string;
  printer: string;
  state: 'queued' | 'processing' | 'completed' | 'error' | 'cancelled';
  /** The printer code when state is error, with its values. */
  code?: ApiErrorCode;
  params?: ErrorParams;
  at: string;
}

// --- cases ---

export interface Bilingual {
  zh: string;
  en: string;
}

export interface ItemView {
  code: string;
  names: Bilingual;
  initials: string[];
  page: 'A4' | 'CR80';
  /** Why it is ranked where it is: initials match, eligible for this resident, used often here. */
  hint?: 'initials' | 'eligible' | 'frequent' | 'recent';
  /** 事项编码, the owning department and what the citizen need not bring (免提交材料). */
  itemCode?: string;
  department?: Bilingual;
  exempts?: Bilingual[];
}

export type LicenseState = 'verified' | 'unverified' | 'cache' | 'missing' | 'pending';

export interface LicenseView {
  typeCode: string;
  typeName: string;
  typeNameEn?: string;
  number?: string;
  issuer?: string;
  validTo?: string;
  state: LicenseState;
  /** Why unverified or missing, in English for logs; the page words reasonCode. */
  reason?: string;
  /** Stable code the UI translates: a signature problem (SIG_*) or a fetch error code. */
  reasonCode?: string;
  reasonParams?: ErrorParams;
  asOf?: string;
}

export interface CheckView {
  id: string;
  label: Bilingual;
  result: 'passed' | 'failed' | 'unknown';
  sentence: Bilingual;
  source?: { typeName: string; number: string; issuer: string; asOf?: string };
}

export type CaseState = 'open' | 'accepted' | 'completed' | 'voided';

/** What the signed-in clerk may do with a case now; the page shows its buttons from this. */
// --- application forms (services/forms): the item's form prefilled, each value marked by its source ---

/** Where a prefilled value came from; the case screen marks each field with it. */
export type PrefillSource = 'card' | 'license' | 'case' | 'hall' | 'clerk';

export interface FormFieldView {
  key: string;
  label: Bilingual;
  type: 'text' | 'number' | 'date' | 'phone' | 'idNumber' | 'select' | 'bankAccount' | 'address';
  required: boolean;
  pattern?: string;
  maxLength?: number;
  min?: number;
  max?: number;
  options?: { value: string; label: Bilingual }[];
  /** The prefilled value, '' when the clerk types it. */
  value: string;
  /** 'clerk' when no source had a value. */
  source: PrefillSource;
  /** Which license, which earlier case: shown beside the mark. */
  from?: Bilingual;
  /** Card and license values are evidence: the clerk may not retype them. */
  locked: boolean;
}

export interface FormView {
  fields: FormFieldView[];
  /** Required fields left for the clerk to type (no source had a value). */
  toType: number;
  /** The values as confirmed by the clerk, once the application is submitted. */
  submitted?: { at: string; by: string };
}

export interface ApplicationView {
  submittedAt: string;
  departments: { id: string; names: Bilingual }[];
}

export interface CaseActions {
  chooseItem: boolean;
  preview: boolean;
  print: boolean;
  override: boolean;
  retry: boolean;
  reprint: boolean;
  void: boolean;
  /** Submit the item's application form (items with an application output). */
  apply: boolean;
}

export interface CaseView {
  caseId: string;
  /** Increases with every view the terminal builds, so a page keeps the newest of racing answers. */
  rev: number;
  state: CaseState;
  source: 'card' | 'manual';
  card: CardView;
  /** PNG data URL of the portrait from the registry's resident-ID license, when verified. */
  photo?: string;
  registry: { state: 'pending' | 'done'; online: boolean; offlineSince?: string; errors: ApiError[] };
  licenses: LicenseView[];
  item?: ItemView;
  checks: CheckView[];
  eligible: boolean;
  blocking: string[];
  dataAsOf?: string;
  serial?: string;
  job?: { jobId: string; printer: string; state: PrintJobEvent['state']; code?: ApiErrorCode; params?: ErrorParams };
  voidReason?: string;
  /** A supervisor let a blocked case be issued; the certificate says so. */
  override?: { by: string; byName: string; reason: string };
  /** The item's application form, prefilled; absent for items without one. */
  form?: FormView;
  /** Set once the application is submitted (its submissions: submissions.forCase). */
  application?: ApplicationView;
  timings: {
    cardReadAt: string;
    itemChosenAt?: string;
    generatedAt?: string;
    jobAcceptedAt?: string;
    jobCompletedAt?: string;
  };
  can: CaseActions;
}

export interface PreviewView {
  /** Base64 PDF; the page shows it in an isolated frame. */
  pdfBase64: string;
  pages: number;
}

export interface VerifyView {
  status: 'valid' | 'tampered' | 'unknown-key' | 'malformed';
  fields?: Record<string, string>;
  /** For malformed: what is wrong, in English for logs; the page words the status. */
  reason?: string;
}

/** The hall's public signing key as a file verifiers pass to `npm run verify -- --keys FILE`. */
export interface HallKeyExport {
  filename: string;
  /** JSON: [{ keyId, publicKey, hallName }], the trusted-hall-keys.json format. */
  content: string;
  keyId: string;
  hallName: string;
}

export interface TrainingCardsView {
  cards: { id: string; label: string; kind: CardKind; name: string }[];
  placed: string | null;
  plugged: boolean;
}

export interface PrinterView {
  name: string;
  description?: string;
  state: 'idle' | 'processing' | 'stopped' | string;
  accepting: boolean;
  isDefault: boolean;
  /** Why it cannot print now (a printer code the page words); absent when it can. */
  problem?: Coded;
}

/** One message in the outbox as the clerk sees it: a submission to a department (later also ratings, hall events). */
export interface SubmissionView {
  id: number;
  kind: string;
  caseId?: string;
  /** The receiver's code, e.g. the department (DMCAB01). */
  receiver: string;
  itemCode?: string;
  /** Delivery from this terminal: waiting to be sent (retrying), delivered, or refused for good. */
  delivery: 'pending' | 'delivered' | 'dead';
  attempts: number;
  /** Error code of the last failed attempt, worded by the UI (errors.<code>). */
  lastError?: string;
  nextAttemptAt?: string;
  /** The department's word: accepted (受理), approved, rejected, more-info (需补正). */
  status?: string;
  receiptId?: string;
  reason?: { zh: string; en: string };
  decidedAt?: string;
  final: boolean;
  /** Rejected, more information needed, or refused delivery, and not yet marked handled. */
  needsAction: boolean;
  createdAt: string;
  deliveredAt?: string;
}

/** A case's submissions; completion is derived: 办结 when every submission has a final decision. */
export interface CaseSubmissionsView {
  caseId: string;
  completion: 'no-submissions' | 'pending' | 'completed';
  submissions: SubmissionView[];
}

// --- the hall server (issue 13): what the statistics screen and the hall link show ---
export type {
  HallExportFile,
  HallHandlingRow,
  HallLinkState,
  HallPoolReadRow,
  HallStatsRow,
  HallStatsView,
  LocalBadRatings,
  HallPrefillSource,
} from '../services/hall/types';
// --- worklists (主动服务, services/worklist): what a worklist and its tasks look like (no full ID number, ever) ---
// The states and their order come from the step rules the hall shares (protocol/worklist-steps.ts).
export type { TaskState } from '../../protocol/worklist-steps';
import type { TaskState } from '../../protocol/worklist-steps';

/** The person as stored (sealed): exactly what the registry answered for the programme. */
export interface TaskPerson {
  idNumber: string;
  name: string;
  sex?: string;
  birth?: string;
  address?: string;
  licenses?: Record<string, Record<string, string>>;
}

export interface ProgrammeView {
  code: string;
  names: { zh: string; en: string };
  item: string;
  itemName: { zh: string; en: string };
  output: 'card' | 'application';
  withinDays?: number;
  visit: boolean;
}

export interface WorklistSummary {
  id: string;
  programme: string;
  programmeName: { zh: string; en: string };
  area: string;
  asOf: string;
  createdBy: string;
  createdAt: string;
  state: 'building' | 'ready' | 'failed';
  error?: string;
  total: number;
  /** Tasks per state, every state present. */
  counts: Record<TaskState, number>;
  /** Delivered, plus declined (closed either way), over the total: 0..1. */
  progress: number;
}

export interface TaskView {
  id: number;
  seq: number;
  state: TaskState;
  name: string;
  /** 110901********0151: enough to tell people apart on the list. */
  idMasked: string;
  sex?: string;
  birth?: string;
  age?: number;
  /** The day they turn the programme's age, when it has one. */
  turns?: string;
  /** Only when the programme visits people at home. */
  address?: string;
  /** Programme-specific facts the registry answered (e.g. disability grade). */
  facts: Array<{ label: { zh: string; en: string }; value: string }>;
  assignedTo?: string;
  caseId?: string;
  outputRef?: string;
  deliveredBy?: string;
  deliveredAt?: string;
  signed: boolean;
  /** The steps this state allows, for the buttons. */
  can: Array<'reached' | 'not-reached' | 'declined' | 'confirm' | 'output' | 'deliver'>;
  /** `hall`: queued (recorded here, not yet at the hall) or not-applied (the hall did not take it). */
  history: Array<{ step: string; by: string; at: string; note?: string; hall?: 'queued' | 'not-applied' }>;
  /** A shared task with steps recorded here while the hall did not answer (docs/worklists.md). */
  hall?: {
    /** Steps on their way to the hall (through the outbox). */
    pending: number;
    /** Steps the hall did not take (another window had moved the task): what the hall had. */
    notApplied: Array<{
      step: string;
      at: string;
      /** The hall's state, who moved it and where; empty when the hall refused for another reason (`code`). */
      hallState: string;
      by: string;
      terminal: string;
      code: string;
    }>;
  };
}

export interface WorklistView extends WorklistSummary {
  tasks: TaskView[];
  /** Tasks matching the filter before paging. */
  matched: number;
}
