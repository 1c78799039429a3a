import { z } from 'zod';
import type { JobStateName, PrinterInfo, PrinterStateName } from '../types';

/**
 * Windows reports printer and job status as flag names (PrinterStatus, JobStatus). We translate
 * them to the IPP keywords the shared classifier understands and keep the raw text as message.
 */
const PRINTER_FLAG_REASONS: Record<string, string> = {
  Paused: 'paused',
  Offline: 'offline-error',
  NotAvailable: 'offline-error',
  ServerUnknown: 'offline-error',
  PaperOut: 'media-empty-error',
  PaperJam: 'media-jam-error',
  PaperProblem: 'media-needed-error',
  ManualFeed: 'media-needed-error',
  DoorOpen: 'door-open-error',
  NoToner: 'toner-empty-error',
  TonerLow: 'toner-low-warning',
  OutputBinFull: 'output-area-full-error',
  UserIntervention: 'other-error',
  Error: 'other-error',
  OutOfMemory: 'other-error',
  PagePunt: 'other-error',
};

const BUSY_FLAGS = new Set(['Printing', 'Processing', 'Busy', 'IOActive', 'WarmingUp', 'Initialization', 'Waiting']);

export const flags = (s: string | null | undefined): string[] =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export const PrinterJson = z.object({
  Name: z.string(),
  Status: z.string().nullish(),
  Comment: z.string().nullish(),
  Location: z.string().nullish(),
  Driver: z.string().nullish(),
  IsDefault: z.boolean().nullish(),
});
export const ErrorJson = z.object({ error: z.string(), message: z.string().nullish() });
export const ListJson = z.object({ printers: z.array(PrinterJson) });
export const SubmitJson = z.object({ jobId: z.string(), unseen: z.boolean().optional() });
export const JobJson = z.object({
  job: z.object({ Id: z.string(), Status: z.string().nullish(), Document: z.string().nullish() }).nullable(),
  printer: PrinterJson,
});

export const JobsJson = z.object({
  jobs: z.array(
    z.object({ Id: z.string(), Printer: z.string(), Document: z.string().nullish(), Status: z.string().nullish() }),
  ),
});

export function toPrinterInfo(p: z.infer<typeof PrinterJson>): PrinterInfo {
  const f = flags(p.Status);
  const reasons = [...new Set(f.map((x) => PRINTER_FLAG_REASONS[x]).filter((x): x is string => !!x))];
  const state: PrinterStateName = f.includes('Paused')
    ? 'stopped'
    : f.some((x) => BUSY_FLAGS.has(x))
      ? 'processing'
      : 'idle';
  const info: PrinterInfo = {
    name: p.Name,
    state,
    accepting: true,
    reasons,
    isDefault: !!p.IsDefault,
    mediaSupported: [],
  };
  if (p.Status && p.Status !== 'Normal') info.message = `Windows PrinterStatus: ${p.Status}`;
  if (p.Comment) info.description = p.Comment;
  if (p.Location) info.location = p.Location;
  if (p.Driver) info.makeAndModel = p.Driver;
  return info;
}

/** Job flags -> IPP job state + reasons. A job that left the queue has printed (see README). */
export function toJobState(status: string | null | undefined): { state: JobStateName; reasons: string[] } {
  const f = flags(status);
  if (f.includes('Deleted') || f.includes('Deleting')) return { state: 'canceled', reasons: ['job-canceled-by-user'] };
  if (f.includes('Printed') || f.includes('Complete'))
    return { state: 'completed', reasons: ['job-completed-successfully'] };
  const reasons: string[] = [];
  if (f.includes('PaperOut')) reasons.push('media-empty-error');
  if (f.includes('Offline')) reasons.push('offline-error');
  if (f.includes('Error') || f.includes('Blocked') || f.includes('UserIntervention')) reasons.push('other-error');
  if (f.includes('Paused')) return { state: 'held', reasons: ['job-paused', ...reasons] };
  if (reasons.length) return { state: 'processing-stopped', reasons };
  if (f.includes('Printing') || f.includes('Spooling') || f.includes('RenderingLocally'))
    return { state: 'processing', reasons };
  return { state: 'pending', reasons };
}

/** Takes the last JSON line; PowerShell may print warnings before it. */
export function lastJson(stdout: string): unknown {
  const lines = stdout
    .trim()
    .split(/\r?\n/)
    .filter((l) => l.trim().startsWith('{'));
  const last = lines[lines.length - 1];
  if (!last) return undefined;
  try {
    return JSON.parse(last);
  } catch {
    return undefined;
  }
}
