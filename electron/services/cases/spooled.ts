import type { JobSummary, PrinterBackend } from '../../../native/printer';

/** Job states in which the spooler will still print the job by itself. */
const WAITING = new Set<JobSummary['state']>(['pending', 'held', 'processing', 'processing-stopped']);

export interface SpoolerFinding {
  /** A job for the serial that printed: the case is done, whatever the app recorded. */
  printed?: JobSummary;
  /** The newest job for the serial the spooler still holds, when none printed: follow it, do not send. */
  waiting?: JobSummary;
  /** Other held jobs for the serial (left by an earlier double send): cancel them. */
  duplicates: JobSummary[];
}

const newestFirst = (a: JobSummary, b: JobSummary): number => {
  const [x, y] = [Number(a.jobId), Number(b.jobId)];
  return Number.isFinite(x) && Number.isFinite(y) ? y - x : b.jobId.localeCompare(a.jobId);
};

/**
 * Asks the spooler for the jobs of one certificate (the job title is its serial). Only a finding
 * with neither `printed` nor `waiting` lets the case be sent again: canceled and aborted jobs
 * will not print. Throws (PrintError) when the spooler cannot be asked: then nobody can tell, and
 * nothing may be sent.
 */
export async function findAtSpooler(
  backend: Pick<PrinterBackend, 'findJobs'>,
  serial: string,
): Promise<SpoolerFinding> {
  const jobs = (await backend.findJobs(serial)).sort(newestFirst);
  const printed = jobs.find((j) => j.state === 'completed');
  const held = jobs.filter((j) => WAITING.has(j.state));
  const waiting = printed ? undefined : held[0];
  return {
    ...(printed ? { printed } : {}),
    ...(waiting ? { waiting } : {}),
    duplicates: held.filter((j) => j !== waiting),
  };
}
