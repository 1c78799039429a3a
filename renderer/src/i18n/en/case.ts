import type { Strings } from '../zh-CN';

export const work: Strings['work'] = {
  idleTitle: 'Place the ID card on the reader',
  idleHint: 'The resident appears and checks start as soon as the card is read; there is no "read" button.',
  noCasesTitle: 'This account does not handle cases',
  noCasesHint:
    'Cards placed on the reader are ignored while it is signed in. Sign out, and a counter clerk signs in to serve citizens.',
};

export const cardKind: Strings['cardKind'] = {
  resident: 'Resident ID card',
  hmt_permit: 'HK/Macao/Taiwan residence permit',
  foreign_2017: 'Foreign permanent resident card (2017)',
  foreign_2023: 'Foreign permanent resident card (2023)',
};

export const cardWarning: Strings['cardWarning'] = {
  EXPIRED: 'The card has expired; remind the holder to renew it',
  NOT_YET_VALID: 'The card is not valid yet',
  BAD_CHECK_DIGIT: 'The ID number check digit is wrong; check the card',
  BAD_NUMBER_FORMAT: 'The card number has the wrong format; read the card again',
  BAD_DATE: 'A date on the card is invalid; check the card by hand',
  UNKNOWN_SEX: 'The sex code on the card is unknown; check the card by hand',
  UNKNOWN_NATION: 'The ethnicity code on the card is unknown; check the card by hand',
  BIRTH_MISMATCH: 'The birth date differs from the one in the ID number; check the card by hand',
  SEX_MISMATCH: 'The sex differs from the one in the ID number; check the card by hand',
  EMPTY_NAME: 'The card holds no name; read it again or check the card',
};

// `case` is a reserved word, so this group is exported as caseScreen and listed as case.
export const caseScreen: Strings['case'] = {
  sex: 'Sex',
  nation: 'Ethnicity',
  birth: 'Born',
  validity: 'Valid',
  address: 'Address',
  authority: 'Issued by',
  longTerm: 'long-term',
  manual: 'Typed in',
  licenses: 'Electronic licenses',
  fetching: 'Fetching licenses from the registry…',
  noLicenses: 'No licenses found',
  offline: 'Registry offline (since {{time}}); showing locally cached data',
  validTo: 'valid to',
  changeItem: 'Change item',
  next: 'Done / next',
  preview: 'Preview',
  print: 'Print (F9)',
  reasonPlaceholder: 'Give the reason (kept in the case record and the audit log)',
};

export const licenseState: Strings['licenseState'] = {
  verified: 'Verified',
  unverified: 'Signature not verified',
  cache: 'Cached as of {{time}}',
  missing: 'Not found',
  pending: 'Fetching',
};

export const licenseReason: Strings['licenseReason'] = {
  SIG_BAD_SIGNATURE: 'Signature check failed: the license may have been altered and cannot back a certificate.',
  SIG_UNKNOWN_ISSUER: 'The issuer is not in the trust list; the license cannot be verified or used.',
  SIG_ISSUER_EXPIRED: "The issuer's key has expired; the license cannot be verified or used.",
  SIG_MALFORMED: 'The license is malformed and cannot be verified.',
  NOT_IN_CACHE:
    'The registry is unreachable and this terminal has no cached copy. Reconnect, wait for the registry, or ask for paper documents.',
  CACHE_TOO_OLD: 'The cached copy is older than allowed. Reconnect and retry, or ask for paper documents.',
  REGISTRY_TIMEOUT: 'The registry did not answer in time.',
  REGISTRY_UNAVAILABLE: 'The registry is unavailable.',
  REGISTRY_FAILED: 'The registry query failed.',
  CACHE_INTEGRITY: 'A cached record failed its integrity check and was ignored.',
};

export const items: Strings['items'] = {
  title: 'Choose the service item',
  placeholder: 'Type a name or pinyin initials, e.g. qjny; ↑↓ to move, Enter to choose',
  none: 'No matching item',
  exempts: 'No need to bring: ',
  cardSize: 'Card',
  hint_initials: 'Initials match',
  hint_eligible: 'Eligible',
  hint_frequent: 'Frequent here',
  hint_recent: 'Recent',
};

export const checks: Strings['checks'] = {
  source: 'Based on: {{type}} {{number}} ({{issuer}})',
  asOf: 'data as of {{time}}',
  blocked: 'A check failed or could not be made; the certificate cannot be issued',
  blockedHint: 'Explain the reason to the citizen; if it must be issued, ask a supervisor.',
  cachedData: 'Registry offline: cached data is used and the certificate will say "data as of {{time}}"',
};

export const override: Strings['override'] = {
  title: 'Supervisor override',
  approve: 'Approve',
  supervisor: 'Supervisor account',
  password: 'Supervisor password',
  reason: 'Reason (printed on the certificate and kept in the audit log)',
  hint: 'The supervisor comes to the counter and enters their own account and password; the clerk stays signed in.',
  done: 'Approved by {{name}}: {{reason}}',
};

export const manual: Strings['manual'] = {
  validTo: 'Card valid to',
  validToFormat: 'YYYY-MM-DD, or 长期 for a long-term card',
  title: 'Type in an ID number',
  idNumber: 'Citizen ID number',
  idFormat: '18 characters: 17 digits and a check digit (digit or X)',
  name: 'Name',
  reason: 'Reason for typing it in',
};
