import type { Strings } from '../zh-CN';

export const interrupted: Strings['interrupted'] = {
  title:
    '{{count}} certificate(s) were numbered but never confirmed printed (e.g. the app stopped); print or void each',
  open: 'Open',
};

export const job: Strings['job'] = {
  otherPrinter: 'Use another printer',
  sendThere: 'Send',
  serial: 'Certificate no.',
  queued: 'Queued',
  processing: 'Printing',
  completed: 'Printed',
  error: 'Print held up',
  cancelled: 'Cancelled',
  voided: 'Voided',
  retry: 'Retry print',
  reprint: 'Reprint',
  void: 'Void',
  voidTitle: 'Void the certificate',
  reprintTitle: 'Reprint the certificate',
};

export const preview: Strings['preview'] = { title: 'Certificate preview', print: 'Print (F9)' };

export const verify: Strings['verify'] = {
  title: 'Verify a certificate',
  check: 'Verify',
  placeholder: 'Paste or scan the QR content of the certificate (starts with CT1.)',
  valid: 'Genuine: the signature matches the content',
  tampered: 'Tampered: the signature does not match',
  'unknown-key': 'Issuing hall key unknown; cannot confirm',
  malformed: 'Not a certificate QR code',
  field_serial: 'Serial',
  field_itemCode: 'Item code',
  field_holderName: 'Holder',
  field_holderId: 'ID number',
  field_issuedAt: 'Issued at',
  field_training: 'Training sample',
  field_keyId: 'Signing key',
  training_yes: 'yes',
  training_no: 'no',
};
