import type { IppValue } from '../ipp/codec';
import { JOB_STATE, PRINTER_STATE } from '../ipp/constants';
import type { JobSnapshot, JobSummary, PrinterInfo } from '../types';

type Rec = Record<string, IppValue[]>;

export const PRINTER_ATTRS = [
  'printer-name',
  'printer-state',
  'printer-state-reasons',
  'printer-state-message',
  'printer-is-accepting-jobs',
  'printer-info',
  'printer-location',
  'printer-make-and-model',
  'media-supported',
  'media-default',
];
export const JOB_ATTRS = [
  'job-id',
  'job-state',
  'job-state-reasons',
  'job-state-message',
  'job-printer-state-message',
  'job-printer-state-reasons',
];

const str = (r: Rec, k: string): string | undefined => {
  const v = r[k]?.[0];
  return typeof v === 'string' && v !== '' ? v : undefined;
};
const strs = (r: Rec, k: string): string[] =>
  (r[k] ?? []).filter((v): v is string => typeof v === 'string' && v !== '' && v !== 'none');

export function toPrinterInfo(r: Rec, defaultName: string | undefined): PrinterInfo | null {
  const name = str(r, 'printer-name');
  if (!name) return null;
  const stateNum = r['printer-state']?.[0];
  const info: PrinterInfo = {
    name,
    state: (typeof stateNum === 'number' && PRINTER_STATE[stateNum]) || 'unknown',
    accepting: r['printer-is-accepting-jobs']?.[0] !== false,
    reasons: strs(r, 'printer-state-reasons'),
    isDefault: name === defaultName,
    mediaSupported: strs(r, 'media-supported'),
  };
  const opt = {
    description: str(r, 'printer-info'),
    location: str(r, 'printer-location'),
    makeAndModel: str(r, 'printer-make-and-model'),
    message: str(r, 'printer-state-message'),
    mediaDefault: str(r, 'media-default'),
  };
  for (const [k, v] of Object.entries(opt)) if (v !== undefined) (info as unknown as Record<string, string>)[k] = v;
  return info;
}

export function toJobSnapshot(r: Rec, printer: PrinterInfo | undefined): JobSnapshot {
  const s = r['job-state']?.[0];
  const state = typeof s === 'number' ? JOB_STATE[s as keyof typeof JOB_STATE] : undefined;
  const snap: JobSnapshot = { state: state ?? 'pending', reasons: strs(r, 'job-state-reasons') };
  const message = str(r, 'job-state-message');
  if (message) snap.message = message;
  if (printer) snap.printer = printer;
  return snap;
}

/** One job group of a Get-Jobs answer; the queue name is the last segment of job-printer-uri. */
export function toJobSummary(r: Rec): JobSummary | null {
  const id = r['job-id']?.[0];
  const s = r['job-state']?.[0];
  const uri = str(r, 'job-printer-uri');
  if (typeof id !== 'number') return null;
  const state = typeof s === 'number' ? JOB_STATE[s as keyof typeof JOB_STATE] : undefined;
  let printer = '';
  try {
    printer = uri ? decodeURIComponent(new URL(uri).pathname.split('/').filter(Boolean).pop() ?? '') : '';
  } catch {
    printer = '';
  }
  return { jobId: String(id), printer, name: str(r, 'job-name') ?? '', state: state ?? 'pending' };
}
