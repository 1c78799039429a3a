import { AppError } from '../errors';
import type { AccountsContext } from '../accounts/context';
import type { CaseLookup } from '../audit/purpose';
import type { AuditSigner } from '../audit/signing-key';
import type { RecordCipher } from '../crypto';
import type { BatchService } from '../batch/service';
import type { CitizenScreen } from '../citizen/screen';
import type { CaseFlow } from '../flow';
import type { SigningService } from '../signature/service';
import type { SignaturePad } from '../../../native/signature-pad';
import type { LicenseService } from '../licenses';
import type { MeansTestService } from '../meanstest';
import type { Outbox } from '../outbox';
import type { DataPool } from '../pool';
import type { HallService } from '../hall/service';
import type { HallAwarePool } from '../hall/pool';
import type { HallProcess } from '../training/hall-child';
import type { PrintingService } from '../printing/service';
import type { RegistryClient } from '../registry';
import type { ReaderService } from '../reader/service';
import type { SandboxProcess } from '../training/sandbox-child';
import type { WorklistService } from '../worklist/service';

/**
 * The composition root: every service boot starts, named and typed, on `core.services`. Boot
 * (core/boot.ts) fills it in this order; each is optional so a failing one leaves the rest
 * working, and a handler reaches one through need(), which says which is missing. Nothing else
 * keeps per-core state: there is no registry beside this object.
 */
export interface Services {
  /** The data key (wiring/data-key.ts), loaded once; `cipher` seals records with it. */
  dataKey?: Buffer;
  cipher?: RecordCipher;
  /** The audit log's signing key (audit/service.ts). */
  audit?: AuditSigner;
  /** Sessions, throttles and the account store's context (accounts/context.ts). */
  accounts?: AccountsContext;
  /** How purpose binding finds a case (registered by wiring/cases.ts). */
  caseLookup?: CaseLookup;
  /** Training only: the sandbox registry started as a child process. */
  sandbox?: SandboxProcess;
  registry?: RegistryClient;
  licenses?: LicenseService;
  reader?: ReaderService;
  printing?: PrintingService;
  /** The counter's case flow: card -> item -> checks -> print (services/flow). */
  desk?: CaseFlow;
  /** The one outbox for everything that leaves after a case (wiring/outbox.ts). */
  outbox?: Outbox;
  /** The citizen-facing screen's live view (citizen/screen.ts). */
  citizen?: CitizenScreen;
  /** Signatures asked for and given, stored sealed with the case (signature/service.ts). */
  signing?: SigningService;
  /** The configured signature pad (native/signature-pad): touch (strokes come with citizen.sign) or HID. */
  signaturePad?: SignaturePad;
  /** Values confirmed in earlier cases, for prefilling forms (services/pool; the hall server extends it). */
  pool?: DataPool;
  /** The link to the hall server: pairing, the audit tailer, the signed client (services/hall). */
  hall?: HallService;
  /** The pool with the hall behind it: prefetch before the item's form, and where prefill came from. */
  hallPool?: HallAwarePool;
  /** Training only: the hall server started as a child process. */
  hallChild?: HallProcess;
  /** Station worklists from programmes (worklist/service.ts). */
  worklists?: WorklistService;
  /** Batch checks of imported lists (wiring/batch.ts). */
  batch?: BatchService;
  /** The household economic check of means-tested items (services/meanstest). */
  meanstest?: MeansTestService;
}

/** A handler's way to say a service did not start: the clerk sees which one and why it matters. */
export function need<T>(service: T | undefined, what: string): T {
  if (service === undefined)
    throw new AppError(
      'APP_SERVICE_UNAVAILABLE',
      `${what} is not available on this terminal; see the status bar and the start-up log.`,
    );
  return service;
}
