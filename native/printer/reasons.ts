import type { PrintErrorCode, PrintProblem } from './errors';
import type { JobSnapshot, PrinterInfo } from './types';

/**
 * Maps spooler state (IPP printer-state-reasons / job-state-reasons and CUPS printer-state-message,
 * or the Windows equivalents translated to IPP keywords) to the codes the clerk sees. Pure.
 */

export interface ClassifiedProblem extends PrintProblem {
  /**
   * True when the signal is also seen briefly during normal printing (e.g. connecting-to-device),
   * so the tracker reports it only if it persists.
   */
  transient: boolean;
}

/** Keyword (suffix stripped) -> code, in priority order: the first present wins. */
const REASON_CODES: [string[], PrintErrorCode][] = [
  [['media-jam', 'jam'], 'PRINTER_MEDIA_JAM'],
  [['media-empty', 'media-needed', 'input-tray-missing'], 'PRINTER_MEDIA_EMPTY'],
  [['door-open', 'cover-open', 'interlock-open'], 'PRINTER_DOOR_OPEN'],
  [['toner-empty', 'marker-supply-empty', 'marker-waste-full', 'ink-empty'], 'PRINTER_TONER_EMPTY'],
  [['offline', 'shutdown', 'timed-out', 'printer-unreachable'], 'PRINTER_OFFLINE'],
  [['paused', 'moving-to-paused', 'printer-stopped'], 'PRINTER_STOPPED'],
];

/**
 * What the CUPS ipp/socket/usb backends put in printer-state-message when they cannot reach the
 * device; CUPS 2.4's ipp backend sets no offline reason in that case, only this message. A backend
 * writes it in the language of the job it is working on: the terminal's own jobs ask for English,
 * but a job another client sent in Chinese may be ahead of ours, hence CUPS' zh_CN wording too.
 */
const UNREACHABLE_MESSAGES = [
  /not responding/i,
  /may not exist or is unavailable/i,
  /unreachable/i,
  /unable to locate printer/i,
  /waiting for printer to become available/i,
  /printer is not connected/i,
  /unable to connect/i,
  /connection refused/i,
  /host is down/i,
  /打印机无响应/,
  /打印机暂时不存在或不可用/,
  /打印机暂时无法访问/,
  /无法定位打印机/,
  /正在等待打印机变得可用/,
  /打印机未连接/,
  /无法连接/,
];

/** Splits 'media-empty-error' into base 'media-empty' and severity 'error'. */
export function splitReason(reason: string): { base: string; severity: 'error' | 'warning' | 'report' | 'none' } {
  const m = /^(.*)-(error|warning|report)$/.exec(reason);
  return m ? { base: m[1]!, severity: m[2] as 'error' | 'warning' | 'report' } : { base: reason, severity: 'none' };
}

/** Reasons that block printing: '-warning' never does; '-report' only for offline (CUPS' convention). */
function blocking(reasons: string[]): { base: string; raw: string }[] {
  const out: { base: string; raw: string }[] = [];
  for (const raw of reasons) {
    if (raw === 'none' || raw.startsWith('cups-') || raw.startsWith('com.')) continue;
    const { base, severity } = splitReason(raw);
    if (severity === 'warning') continue;
    if (severity === 'report' && base !== 'offline') continue;
    out.push({ base, raw });
  }
  return out;
}

function fromReasons(reasons: string[]): ClassifiedProblem | null {
  const found = blocking(reasons);
  for (const [keys, code] of REASON_CODES) {
    const hit = found.filter((r) => keys.includes(r.base));
    if (hit.length) return { code, reasons: hit.map((r) => r.raw), transient: false };
  }
  if (found.some((r) => r.base === 'connecting-to-device')) {
    return { code: 'PRINTER_OFFLINE', reasons: ['connecting-to-device'], transient: true };
  }
  const unknownErrors = found.filter((r) => splitReason(r.raw).severity === 'error');
  if (unknownErrors.length) return { code: 'UNKNOWN', reasons: unknownErrors.map((r) => r.raw), transient: false };
  return null;
}

/** The printer's own problem, for the status bar; null when it can print. */
export function classifyPrinter(p: PrinterInfo): ClassifiedProblem | null {
  const byReason = fromReasons(p.reasons);
  if (byReason) return withDetail(byReason, p.message);
  if (p.state === 'stopped')
    return withDetail({ code: 'PRINTER_STOPPED', reasons: p.reasons, transient: false }, p.message);
  if (!p.accepting)
    return withDetail({ code: 'PRINTER_NOT_ACCEPTING', reasons: p.reasons, transient: false }, p.message);
  return null;
}

/**
 * The job's problem, if any. `terminal` means the spooler gave up on the job (retry needed);
 * otherwise the job is still queued and may print by itself once the cause is fixed.
 */
export function classifyJob(job: JobSnapshot): (ClassifiedProblem & { terminal: boolean }) | null {
  if (job.state === 'completed') return null;
  if (job.state === 'canceled') return { code: 'JOB_CANCELED', reasons: job.reasons, transient: false, terminal: true };
  if (job.state === 'aborted') {
    const bad = job.reasons.some((r) =>
      /document-(format|unprintable)|unsupported-document-format|compression-error/.test(r),
    );
    return withDetail(
      { code: bad ? 'DOCUMENT_INVALID' : 'JOB_ABORTED', reasons: job.reasons, transient: false, terminal: true },
      job.message,
    );
  }
  const printer = job.printer;
  const printerProblem = printer ? classifyPrinter(printer) : null;
  if (printerProblem && printerProblem.code !== 'PRINTER_NOT_ACCEPTING') return { ...printerProblem, terminal: false };
  const jobReasonProblem = fromReasons(job.reasons.filter((r) => !r.startsWith('job-')));
  if (jobReasonProblem) return { ...withDetail(jobReasonProblem, job.message), terminal: false };
  if (job.state === 'held')
    return {
      code: 'UNKNOWN',
      reasons: ['job-held', ...job.reasons],
      transient: false,
      terminal: false,
      detail: 'job is held in the queue',
    };
  // Only a job the device should be working on can be blocked by an unreachable device.
  const message = printer?.message;
  if (
    message &&
    (job.state === 'processing' || printer?.state === 'processing') &&
    UNREACHABLE_MESSAGES.some((re) => re.test(message))
  ) {
    return { code: 'PRINTER_OFFLINE', reasons: printer.reasons, detail: message, transient: true, terminal: false };
  }
  return null;
}

function withDetail<T extends ClassifiedProblem>(p: T, message: string | undefined): T {
  return message && !p.detail ? { ...p, detail: message } : p;
}
