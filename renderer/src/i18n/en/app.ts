import type { Strings } from '../zh-CN';

export const app: Strings['app'] = {
  title: 'Counter Terminal',
  training: 'TRAINING 培训 — training mode: data and printouts on this terminal are samples with no legal effect',
};

export const status: Strings['status'] = {
  hall: 'Hall',
  counter: 'Counter',
  clerk: 'Clerk',
  noClerk: 'Not signed in',
  reader: 'Reader',
  printer: 'Printer',
  registry: 'Registry',
  reader_unavailable: 'Not available',
  reader_searching: 'Searching',
  reader_connected: 'Ready',
  reader_reading: 'Reading',
  reader_disconnected: 'Disconnected',
  reader_error: 'Fault',
  printer_unavailable: 'Not available',
  printer_ready: 'Ready',
  printer_busy: 'Printing',
  printer_error: 'Fault',
  registry_unavailable: 'Not available',
  registry_online: 'Online',
  registry_offline: 'Offline',
  registry_training: 'Training sandbox',
  offlineSince: 'Offline since {{time}}',
  cacheAsOf: 'Working from cache as of {{time}}',
  readerHint_unavailable: 'No reader found; connect the reader',
  readerHint_searching: 'Looking for the reader…',
  readerHint_connected: 'Reader ready; place the card',
  readerHint_reading: 'Reading; do not move the card…',
  readerHint_disconnected: 'Reader disconnected; reconnecting…',
  readerHint_error: 'Reader fault',
  registryCache: 'Working from the local cache',
  unknownError: 'An error occurred (code {{code}}); the details were logged.',
  hostDown: 'Terminal service not answering; reconnecting…',
};

export const help: Strings['help'] = {
  title: 'Keyboard shortcuts',
  key: 'Key',
  action: 'Action',
  close: 'Close',
  F1: 'Show / hide this help',
  F4: 'Preview the certificate',
  F6: 'Type an ID number by hand (with a reason)',
  F7: 'Verify a certificate QR code',
  F8: 'Finish; next citizen',
  F9: 'Print the certificate',
  'Alt+L': 'Switch UI language (中文 / English)',
  'Alt+W': 'Worklists (station staff)',
  Escape: 'Close a dialog',
};

export const lang: Strings['lang'] = { switchTo: '中文', current: 'English' };
