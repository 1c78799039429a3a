// Values from RFC 8010/8011 and the CUPS implementation notes (CUPS-Get-Default, CUPS-Get-Printers).
export const Tag = {
  operation: 0x01,
  job: 0x02,
  end: 0x03,
  printer: 0x04,
  unsupported: 0x05,
  // out-of-band values
  oobUnsupported: 0x10,
  oobUnknown: 0x12,
  noValue: 0x13,
  integer: 0x21,
  boolean: 0x22,
  enum: 0x23,
  octetString: 0x30,
  dateTime: 0x31,
  resolution: 0x32,
  rangeOfInteger: 0x33,
  begCollection: 0x34,
  textWithLanguage: 0x35,
  nameWithLanguage: 0x36,
  endCollection: 0x37,
  text: 0x41,
  name: 0x42,
  keyword: 0x44,
  uri: 0x45,
  uriScheme: 0x46,
  charset: 0x47,
  naturalLanguage: 0x48,
  mimeMediaType: 0x49,
  memberAttrName: 0x4a,
} as const;

export const Op = {
  printJob: 0x0002,
  cancelJob: 0x0008,
  getJobAttributes: 0x0009,
  getJobs: 0x000a,
  getPrinterAttributes: 0x000b,
  cupsGetDefault: 0x4001,
  cupsGetPrinters: 0x4002,
} as const;

export const Status = {
  ok: 0x0000,
  notFound: 0x0406,
  notAuthenticated: 0x0402,
  forbidden: 0x0401,
  notAuthorized: 0x0403,
  notPossible: 0x0404,
  documentFormatNotSupported: 0x040a,
  notAcceptingJobs: 0x0506,
} as const;

/** IPP printer-state enum. */
export const PRINTER_STATE: Record<number, 'idle' | 'processing' | 'stopped'> = {
  3: 'idle',
  4: 'processing',
  5: 'stopped',
};

/** IPP job-state enum. */
export const JOB_STATE = {
  3: 'pending',
  4: 'held',
  5: 'processing',
  6: 'processing-stopped',
  7: 'canceled',
  8: 'aborted',
  9: 'completed',
} as const;
