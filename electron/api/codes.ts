import { READER_ERRORS } from '../../native/id-reader/errors';
import { PRINT_ERRORS } from '../../native/printer/errors';
import { SIGPAD_ERRORS } from '../../native/signature-pad/errors';
import { AUTH_ERRORS } from '../services/accounts/errors';
import { AUDIT_ERRORS } from '../services/audit/errors';
import { BATCH_ERRORS } from '../services/batch/errors';
import { CACHE_ERRORS } from '../services/cache/errors';
import { CASE_ERRORS } from '../services/cases/errors';
import { CATALOG_ERRORS } from '../services/catalog/errors';
import { CERT_ERRORS } from '../services/certificates/errors';
import { CITIZEN_ERRORS } from '../services/citizen/errors';
import { CRYPTO_ERRORS } from '../services/crypto/errors';
import { HALL_ERRORS } from '../services/hall/errors';
import { LICENSE_ERRORS } from '../services/licenses/errors';
import { MEANS_ERRORS } from '../services/meanstest/errors';
import { OUTBOX_ERRORS } from '../services/outbox/errors';
import { REGISTRY_ERRORS } from '../services/registry/errors';
import { RULE_ERRORS } from '../services/rules/errors';
import { WORKLIST_ERRORS } from '../services/worklist/errors';

/**
 * The codes of the hosts, the dispatcher and the web transport (both ends), and of start-up.
 * Each lists the parameters its text uses; `field` (ApiError.field) is always available too.
 */
export const APP_ERRORS = {
  INTERNAL: [],
  INVALID_ARGUMENT: ['field'],
  UNKNOWN_OPERATION: ['name'],
  APP_SERVICE_UNAVAILABLE: [],
  APP_TRAINING_ONLY: [],
  APP_NO_RENDERER: [],
  /** The printing service did not start (not a printer fault: there is no spooler connection at all). */
  PRINTER_UNAVAILABLE: [],
  CONFIG_UNREADABLE: [],
  CONFIG_INVALID: ['field'],
  CONFIG_PORT: [],
  REGISTRY_SANDBOX_START: [],
  // The loopback web host and the page's own transport.
  FORBIDDEN_HOST: [],
  FORBIDDEN_ORIGIN: [],
  AUTH_SECRET: [],
  METHOD: [],
  INVALID_CONTENT_TYPE: [],
  INVALID_BODY_TOO_LARGE: [],
  INVALID_JSON: [],
  NOT_FOUND: [],
  APP_HOST_UNREACHABLE: [],
  APP_NO_SECRET: [],
} as const satisfies Record<string, readonly string[]>;

/**
 * Every error code that can cross the API, by domain. A domain adds its table here; the type
 * check then requires a zh-CN and an en text for each code (renderer/src/i18n, errors.<CODE>),
 * and tests/unit/i18n/error-texts.test.ts checks the texts and their {{parameters}}.
 */
export const ERROR_TABLES = {
  app: APP_ERRORS,
  auth: AUTH_ERRORS,
  audit: AUDIT_ERRORS,
  batch: BATCH_ERRORS,
  cache: CACHE_ERRORS,
  cases: CASE_ERRORS,
  catalog: CATALOG_ERRORS,
  certificates: CERT_ERRORS,
  citizen: CITIZEN_ERRORS,
  crypto: CRYPTO_ERRORS,
  hall: HALL_ERRORS,
  licenses: LICENSE_ERRORS,
  meanstest: MEANS_ERRORS,
  outbox: OUTBOX_ERRORS,
  registry: REGISTRY_ERRORS,
  rules: RULE_ERRORS,
  worklist: WORKLIST_ERRORS,
  reader: READER_ERRORS,
  printer: PRINT_ERRORS,
  signaturePad: SIGPAD_ERRORS,
} as const;

type Tables = typeof ERROR_TABLES;
export type ApiErrorCode = { [D in keyof Tables]: keyof Tables[D] }[keyof Tables] & string;

const ALL: ReadonlyMap<string, readonly string[]> = new Map(
  Object.values(ERROR_TABLES).flatMap((t) => Object.entries(t)),
);

export const isErrorCode = (code: unknown): code is ApiErrorCode => typeof code === 'string' && ALL.has(code);

/** The parameter names a code's text may use. */
export const paramsOf = (code: ApiErrorCode): readonly string[] => ALL.get(code) ?? [];
