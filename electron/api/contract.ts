import { z } from 'zod';
import { ev, op, type EventSpec, type OpSpec } from './define';
import * as C from './case-schemas';
import type * as T from './types';
import type * as A from './auth-types';
import * as S from './auth-schemas';
import * as O from './outbox-schemas';
import type * as R from '../services/citizen/types';
import * as Z from './citizen-schemas';
import type * as H from '../services/hall/types';
import * as HS from './hall-schemas';
import * as W from './worklist-schemas';
import type * as B from '../services/batch/view-types';
import * as BS from './batch-schemas';
import * as M from './meanstest-schemas';
import type * as MT from '../services/meanstest/api-types';

/**
 * The one API contract. Every operation (input schema, access, result type) and every event is
 * declared here once; the preload, the web client and the handler table all derive from it.
 * Adding an operation: one entry here plus its handler in handlers/.
 */

const empty = z.object({}).strict();

export const operations = {
  'app.info': op<T.AppInfo>()(empty, 'public', 'Terminal identity, mode and host'),
  'status.get': op<T.StatusSnapshot>()(empty, 'public', 'Reader, printer and registry state for the status bar'),
  'prefs.setLanguage': op<{ language: T.Language }>()(
    z.object({ language: z.enum(['zh-CN', 'en']) }).strict(),
    'public',
    'Remember the UI language on this terminal',
  ),

  // --- cases: card -> items -> checks -> preview -> print ---
  'case.current': op<T.CaseView | null>()(empty, 'signed-in', 'The case open at this counter, if any'),
  'case.get': op<T.CaseView>()(C.caseRef, 'signed-in', 'One case by id'),
  'case.openManual': op<T.CaseView>()(
    C.openManualInput,
    ['clerk', 'station'],
    'Open a case by typing an ID number, with a reason',
  ),
  'case.close': op<null>()(C.caseRef, 'signed-in', 'Finish with this citizen and clear the screen'),
  'items.search': op<T.ItemView[]>()(
    C.searchItemsInput,
    'signed-in',
    'Service items by name or pinyin initials, likeliest first',
  ),
  'case.chooseItem': op<T.CaseView>()(
    C.chooseItemInput,
    ['clerk', 'station'],
    'Choose the service item and run its checks',
  ),
  'case.override': op<T.CaseView>()(
    C.overrideInput,
    ['clerk', 'station', 'supervisor'],
    'A supervisor, at the counter with their own password, lets a blocked case be issued, with a reason',
  ),
  'case.preview': op<T.PreviewView>()(C.caseRef, ['clerk', 'station'], 'The certificate as it will print'),
  'case.print': op<T.CaseView>()(
    C.printInput,
    ['clerk', 'station'],
    'Issue the serial and send the certificate to the printer',
  ),
  'case.retryPrint': op<T.CaseView>()(
    C.printInput,
    ['clerk', 'station', 'supervisor'],
    'Retry a failed or interrupted print, optionally on another printer',
  ),
  'case.reprint': op<T.CaseView>()(
    C.reasonInput,
    ['clerk', 'station', 'supervisor'],
    'Print again with the same serial, marked as a reprint',
  ),
  'case.void': op<T.CaseView>()(
    C.reasonInput,
    ['clerk', 'station', 'supervisor'],
    'Void the certificate, with a reason',
  ),
  'case.apply': op<T.CaseView>()(
    C.applyInput,
    ['clerk', 'station'],
    'Submit the application form: stored, sent to each department through the outbox, values kept for the next case',
  ),
  'case.applicationDocument': op<T.PreviewView>()(
    C.applicationDocInput,
    ['clerk', 'station'],
    'The application as a PDF for the citizen (signature box), or the 受理回执',
  ),
  'case.printApplicationDocument': op<T.CaseView>()(
    C.applicationDocInput,
    ['clerk', 'station'],
    'Print the receipt or the citizen copy of the application',
  ),
  'case.interrupted': op<T.CaseView[]>()(empty, 'signed-in', 'Prints interrupted by a crash, to finish or void'),
  'printers.list': op<T.PrinterView[]>()(empty, 'signed-in', 'Printers with their state, to send a job elsewhere'),
  'cert.verify': op<T.VerifyView>()(C.verifyInput, 'public', 'Check a certificate QR payload offline'),
  'cert.exportHallKey': op<T.HallKeyExport>()(
    empty,
    ['admin'],
    "The hall's public key as a trusted-keys file, for verifiers (npm run verify -- --keys FILE)",
  ),
  'training.cards': op<T.TrainingCardsView>()(empty, 'signed-in', "Training: the simulated reader's demo cards"),
  'training.toggleCard': op<T.TrainingCardsView>()(
    C.trainingCardInput,
    'signed-in',
    'Training: place or remove a demo card',
  ),
  'training.fault': op<T.TrainingCardsView>()(C.trainingFaultInput, 'signed-in', 'Training: inject a reader fault'),

  // --- submissions to departments (the outbox) ---
  'submissions.forCase': op<T.CaseSubmissionsView>()(
    C.caseRef,
    ['clerk', 'station', 'supervisor'],
    "A case's submissions with their delivery and decision, and whether the case is completed (办结)",
  ),
  'submissions.mine': op<T.SubmissionView[]>()(
    O.mySubmissionsInput,
    ['clerk', 'station'],
    'My submissions needing action first, then those awaiting a decision',
  ),
  'submissions.markHandled': op<T.SubmissionView>()(
    O.submissionRef,
    ['clerk', 'station', 'supervisor'],
    'I have dealt with this rejection, request for more information or refused delivery',
  ),

  // --- accounts, sessions and audit ---
  'auth.setupStatus': op<A.SetupStatus>()(
    empty,
    'public',
    'Whether the first administrator must be created; training accounts',
  ),
  'auth.setupAdmin': op<T.SessionInfo>()(
    S.setupAdminInput,
    'public',
    'First run only: create the administrator and sign in',
  ),
  'auth.signIn': op<T.SessionInfo>()(S.signInInput, 'public', 'Sign in with account name and password'),
  'auth.signOut': op<null>()(empty, 'signed-in', 'Sign out'),
  'auth.changePassword': op<T.SessionInfo>()(
    S.changePasswordInput,
    'signed-in',
    'Replace your password (required after a reset)',
  ),
  'auth.lock': op<T.SessionInfo>()(empty, 'signed-in', 'Lock the terminal now'),
  'auth.unlock': op<T.SessionInfo>()(S.unlockInput, 'signed-in', "Unlock with the signed-in account's password"),
  'auth.activity': op<{ idleLockSeconds: number }>()(
    empty,
    'signed-in',
    'The clerk is at the keyboard: restart the idle clock',
  ),
  'accounts.list': op<A.AccountView[]>()(empty, ['admin'], 'All accounts on this terminal'),
  'accounts.create': op<A.AccountView>()(
    S.createAccountInput,
    ['admin'],
    'Create an account with a temporary password',
  ),
  'accounts.setRoles': op<A.AccountView>()(S.setRolesInput, ['admin'], "Change an account's roles"),
  'accounts.disable': op<A.AccountView>()(S.disableInput, ['admin'], 'Disable or re-enable an account'),
  'accounts.resetPassword': op<A.AccountView>()(
    S.resetPasswordInput,
    ['admin'],
    'Set a temporary password to be changed at next sign-in',
  ),
  'audit.verify': op<A.AuditVerifyView>()(
    empty,
    ['supervisor', 'admin'],
    'Check the audit chain and its signed checkpoints',
  ),
  'audit.export': op<A.AuditExport>()(
    S.exportInput,
    ['supervisor'],
    'Audit entries of a date range as CSV or signed JSON',
  ),
  'audit.citizenSlip': op<A.CitizenSlip>()(
    S.citizenSlipInput,
    ['clerk'],
    "Who accessed this citizen's data (inside their open case)",
  ),

  // --- the citizen's screen (its own secret; these and nothing else) ---
  'citizen.view': op<R.CitizenView>()(empty, 'citizen', 'What the citizen-facing screen shows now (masked)'),
  'citizen.rate': op<{ recorded: true }>()(
    Z.rateInput,
    'citizen',
    'The citizen rates the case they were asked about (好差评); bad ratings need reasons',
  ),
  // --- signatures (services/signature): the citizen signs the document shown, bound to its hash ---
  'citizen.sign': op<{ signed: true }>()(
    Z.signInput,
    'citizen',
    'The citizen signs the document the screen shows now (its hash goes back); stored sealed with the case',
  ),

  // --- ratings (好差评): the clerk asks, the supervisor follows bad ones up ---
  'case.askRating': op<{ until: string }>()(
    C.caseRef,
    ['clerk', 'station'],
    "F8: ask the citizen's screen for a rating of this case; unanswered, it is recorded as not rated",
  ),
  'case.ratingState': op<R.RatingStateView>()(
    C.caseRef,
    ['clerk', 'station', 'supervisor'],
    'Whether the case was rated (never the score)',
  ),
  'ratings.bad': op<R.BadRatingsView>()(
    empty,
    ['supervisor'],
    'Bad ratings with deadlines and follow-ups, and counts per clerk and item',
  ),
  'ratings.followUp': op<R.BadRatingView>()(
    Z.followUpInput,
    ['supervisor'],
    'Record a follow-up (核实, 整改, 回访) or close a bad rating',
  ),

  // --- the hall server (issue 13, terminal side): pairing, statistics, shared pool audit ---
  'hall.link': op<H.HallLinkState>()(
    empty,
    ['admin', 'supervisor'],
    'Whether this terminal is paired with a hall, and its sync',
  ),
  'hall.pair': op<H.HallLinkState>()(HS.pairInput, ['admin'], 'Pair with a hall server by its URL and one-time code'),
  'hall.unpair': op<H.HallLinkState>()(empty, ['admin'], 'Forget the hall pairing (the hall may revoke it too)'),
  'hall.stats': op<H.HallStatsView>()(
    HS.statsInput,
    ['clerk', 'station', 'supervisor'],
    "Hall statistics: a supervisor's as asked, a clerk's own numbers for today",
  ),
  'hall.badRatings': op<H.LocalBadRatings>()(
    empty,
    ['clerk', 'station', 'supervisor'],
    'Bad ratings open and overdue (hall-wide when paired, else this terminal; a clerk their own)',
  ),
  'hall.export': op<H.HallExportFile>()(
    HS.exportInput,
    ['clerk', 'station', 'supervisor'],
    'A statistics table as XLSX',
  ),
  'hall.poolReads': op<H.HallPoolReadRow[]>()(
    HS.poolReadsInput,
    ['supervisor'],
    'Who read whose shared pool data at the hall (never the data)',
  ),
  'hall.prefillSource': op<H.HallPrefillSource | null>()(
    C.caseRef,
    ['clerk', 'station', 'supervisor'],
    "Where this case's form prefill came from: the hall, or this terminal only (and why)",
  ),

  // --- worklists (主动服务, services/worklist): the station's proactive work, a task per person ---
  'worklist.programmes': op<T.ProgrammeView[]>()(empty, ['station'], 'The programmes a worklist can start from'),
  'worklist.list': op<T.WorklistSummary[]>()(empty, ['station'], "This station's worklists with their progress"),
  'worklist.start': op<T.WorklistSummary>()(
    W.startInput,
    ['station'],
    "Start a worklist from a programme for the station's area; the registry is asked for its people",
  ),
  'worklist.resume': op<T.WorklistSummary>()(
    W.worklistRef,
    ['station'],
    'Ask the registry again for a worklist whose build failed; only the people still missing are added',
  ),
  'worklist.view': op<T.WorklistView>()(W.viewInput, ['station'], 'A worklist and its tasks, filtered and paged'),
  'worklist.step': op<T.TaskView>()(
    W.stepInput,
    ['station'],
    'Record a contact (reached, not reached, declined) or the confirmation',
  ),
  'worklist.assign': op<T.TaskView[]>()(W.assignInput, ['station'], 'Give tasks to a member of the station staff'),
  'worklist.ackNotApplied': op<T.TaskView>()(
    W.taskRef,
    ['station'],
    "Mark a task's steps the hall did not take as read: its row stops showing them, its log keeps them",
  ),
  'worklist.output': op<T.TaskView>()(
    W.outputInput,
    ['station'],
    'Make the output without the citizen at the counter: print the card or submit the application',
  ),
  'worklist.deliver': op<T.TaskView>()(
    W.deliverInput,
    ['station'],
    'Mark delivered (by whom, when), with the signature when one was drawn',
  ),
  'worklist.export': op<{ fileName: string; xlsxBase64: string }>()(
    W.worklistRef,
    ['station'],
    'The worklist as XLSX (masked ID numbers)',
  ),
  // worklists, second round: the station's area from the config, the fields staff type for an application
  'worklist.station': op<{ area: string | null }>()(empty, ['station'], "The station's area from the config"),
  'worklist.outputForm': op<T.FormFieldView[]>()(
    W.taskRef,
    ['station'],
    "The application form's fields no source filled (phone, bank account), asked before worklist.output",
  ),

  // --- batch checks (issue 14 §2): a list of applicants checked against an item's rules ---
  'batch.items': op<B.BatchItemView[]>()(empty, ['station', 'supervisor'], 'Items a list can be checked against'),
  'batch.upload': op<B.BatchUploadView>()(
    BS.uploadInput,
    ['station', 'supervisor'],
    'Import a CSV or XLSX list, one chunk at a time (size-capped); the last chunk returns the preview',
  ),
  'batch.preview': op<B.BatchPreviewView>()(
    BS.previewInput,
    ['station', 'supervisor'],
    'The first lines read through a column mapping, with their input problems',
  ),
  'batch.start': op<B.BatchJobView>()(
    BS.startInput,
    ['station', 'supervisor'],
    'Start checking an imported list against an item, with a reason; a batch number is given',
  ),
  'batch.list': op<B.BatchJobView[]>()(empty, ['station', 'supervisor'], 'Batch checks on this terminal, newest first'),
  'batch.get': op<B.BatchJobView>()(
    BS.jobRef,
    ['station', 'supervisor'],
    'One batch check with its counts and progress',
  ),
  'batch.pause': op<B.BatchJobView>()(BS.jobRef, ['station', 'supervisor'], 'Pause a running batch check'),
  'batch.resume': op<B.BatchJobView>()(
    BS.jobRef,
    ['station', 'supervisor'],
    'Resume a paused batch check; rows already checked are not checked again',
  ),
  'batch.cancel': op<B.BatchJobView>()(
    BS.jobRef,
    ['station', 'supervisor'],
    'Cancel a batch check; its rows so far stay',
  ),
  'batch.rows': op<B.BatchRowsView>()(
    BS.rowsInput,
    ['station', 'supervisor'],
    'A page of rows, filtered by outcome, input problem or one condition’s result (ID numbers masked)',
  ),
  'batch.report': op<B.BatchReportView>()(
    BS.reportInput,
    ['station', 'supervisor'],
    'The report: XLSX (sheet per condition, summary) or the signed PDF summary',
  ),

  // --- means test (issue 15): the household economic check of 低保 / 大病救助, consent first ---
  'means.view': op<MT.MeansView>()(
    M.meansRef,
    ['clerk', 'station'],
    'The household check of a means-tested case: members, consent, findings per source, figures',
  ),
  'means.requestSignature': op<MT.MeansView>()(
    M.meansRequestSignature,
    ['clerk', 'station'],
    "Ask the citizen screen for a member's (or their guardian's) signature on the authorisation",
  ),
  'means.recordPaper': op<MT.MeansView>()(
    M.meansPaper,
    ['clerk', 'station'],
    'Record a paper authorisation scanned later, with the reason it was not signed on screen',
  ),
  'means.refuse': op<MT.MeansView>()(M.meansMember, ['clerk', 'station'], 'Record that a member refused the check'),
  'means.run': op<MT.MeansView>()(
    M.meansRef,
    ['clerk', 'station'],
    'Run (or re-run) the check: every member against every source, once every adult has authorised',
  ),
  'means.authorisation': op<T.PreviewView>()(
    M.meansDoc,
    ['clerk', 'station'],
    'The authorisation PDF with the signatures drawn in, to print and keep',
  ),
  'means.report': op<T.PreviewView>()(
    M.meansDoc,
    ['clerk', 'station'],
    'The signed check report (核对报告) PDF; print sends it to the A4 printer',
  ),
  'means.submit': op<MT.MeansView>()(
    M.meansRef,
    ['clerk', 'station'],
    'Send the report with the application to civil affairs through the outbox',
  ),
  // Training only: the panel's switches for the sandbox's economic sources (down → unknown → re-run).
  'means.trainingSources': op<MT.EconSourcesView>()(
    empty,
    'signed-in',
    "Training: the sandbox's economic sources and which are switched down",
  ),
  'means.trainingSourceDown': op<MT.EconSourcesView>()(
    M.meansTrainingSource,
    'signed-in',
    "Training: switch one of the sandbox's economic sources down or back up",
  ),
} as const;

export const events = {
  'reader.status': ev<T.ReaderStatus>(),
  'card.placed': ev<{ readId: string; at: string }>(),
  'card.removed': ev<{ readId: string; at: string }>(),
  'print.job': ev<T.PrintJobEvent>(),
  'registry.status': ev<T.RegistryStatus>(),
  'printer.status': ev<T.PrinterStatus>(),
  'session.changed': ev<T.SessionInfo | null>(),
  /** A case moved on (licenses arrived, checks ran, job progressed); null when the counter is cleared. */
  'case.changed': ev<T.CaseView | null>(),
  /** A submission was delivered, retried or decided. */
  'submission.changed': ev<T.SubmissionView>(),
  /** The citizen's screen changed; the only event the citizen's stream carries. */
  'citizen.changed': ev<R.CitizenView>(),
  /** A batch check moved on: rows done, rate and time left, or a new state (batch checks). */
  'batch.progress': ev<B.BatchProgressView>(),
} as const;

export type Operations = typeof operations;
export type OpName = keyof Operations;
export type OpInput<K extends OpName> = z.input<Operations[K]['input']>;
export type OpParsed<K extends OpName> = z.output<Operations[K]['input']>;
export type OpResult<K extends OpName> = Operations[K] extends OpSpec<z.ZodType, infer R> ? R : never;
export type EventName = keyof typeof events;
export type EventPayload<K extends EventName> = (typeof events)[K] extends EventSpec<infer P> ? P : never;

export const opNames = Object.keys(operations) as OpName[];
export const eventNames = Object.keys(events) as EventName[];
export const isOpName = (s: string): s is OpName => Object.prototype.hasOwnProperty.call(operations, s);
export const isEventName = (s: string): s is EventName => Object.prototype.hasOwnProperty.call(events, s);

/** Channel names shared by main and preload. */
export const IPC_INVOKE = 'counter:invoke';
export const IPC_EVENT = 'counter:event';
