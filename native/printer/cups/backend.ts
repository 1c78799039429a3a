import { PrintError, type PrintErrorCode } from '../errors';
import { IppClient, Op, attr, type IppEndpoint, type IppResponse } from '../ipp/client';
import { Tag } from '../ipp/constants';
import { mediaKeywordFor } from '../media';
import { readPdf } from '../pdf';
import type { JobSnapshot, JobSummary, PrinterBackend, PrinterInfo, SubmitRequest, SubmitResult } from '../types';
import { JOB_ATTRS, PRINTER_ATTRS, toJobSnapshot, toJobSummary, toPrinterInfo } from './attributes';
import { resolveCupsEndpoint } from './endpoint';

export interface CupsBackendOptions {
  /** "host", "host:port" or a socket path; defaults to CUPS_SERVER, then the local socket, then localhost:631. */
  server?: string;
  /** Per-request timeout; a spooler that does not answer in time counts as not running. */
  timeoutMs?: number;
}

const OK_MAX = 0x00ff; // successful-ok, -ignored-or-substituted-attributes, -conflicting-attributes ...

/** CUPS (Linux, macOS) over IPP: structured state reasons, no CLI output to parse. */
export class CupsBackend implements PrinterBackend {
  readonly kind = 'cups' as const;
  readonly endpoint: IppEndpoint;
  private readonly ipp: IppClient;
  private mediaCache = new Map<string, { at: number; media: string[] }>();

  constructor(opts: CupsBackendOptions = {}) {
    this.endpoint = resolveCupsEndpoint(opts.server);
    this.ipp = new IppClient(this.endpoint, opts.timeoutMs ?? 5000);
  }

  async checkSpooler(): Promise<void> {
    await this.ipp.request(Op.cupsGetDefault, '/', [attr.keyword('requested-attributes', 'printer-name')]);
  }

  async listPrinters(): Promise<PrinterInfo[]> {
    const [def, all] = await Promise.all([
      this.ipp.request(Op.cupsGetDefault, '/', [attr.keyword('requested-attributes', 'printer-name')]),
      this.ipp.request(Op.cupsGetPrinters, '/', [attr.keyword('requested-attributes', ...PRINTER_ATTRS)]),
    ]);
    const defName = def.status <= OK_MAX ? def.objects[0]?.['printer-name']?.[0] : undefined;
    // 'not found' is how CUPS says "no printers at all".
    if (all.status > OK_MAX && all.status !== 0x0406) throw statusError(all, 'list printers');
    const printers = all.objects
      .map((o) => toPrinterInfo(o, typeof defName === 'string' ? defName : undefined))
      .filter((p): p is PrinterInfo => p !== null);
    for (const p of printers) this.mediaCache.set(p.name, { at: Date.now(), media: p.mediaSupported });
    return printers;
  }

  async getPrinter(name: string): Promise<PrinterInfo> {
    const res = await this.ipp.request(Op.getPrinterAttributes, this.path(name), [
      attr.uri('printer-uri', this.ipp.printerUri(name)),
      attr.keyword('requested-attributes', ...PRINTER_ATTRS),
    ]);
    if (res.status > OK_MAX) throw statusError(res, `read printer ${name}`, name);
    const info = res.objects[0] ? toPrinterInfo(res.objects[0], undefined) : null;
    if (!info) throw new PrintError('PRINTER_NOT_FOUND', { detail: name, params: { printer: name } });
    this.mediaCache.set(name, { at: Date.now(), media: info.mediaSupported });
    return info;
  }

  async submit(req: SubmitRequest): Promise<SubmitResult> {
    const pdf = await readPdf(req.pdf);
    const jobAttrs = [attr.integer('copies', Math.max(1, Math.floor(req.copies ?? 1)))];
    if (req.media) {
      const media = await this.mediaFor(req.printer);
      jobAttrs.push(attr.keyword('media', mediaKeywordFor(req.media, media)));
    }
    const res = await this.ipp.request(
      Op.printJob,
      this.path(req.printer),
      [
        attr.uri('printer-uri', this.ipp.printerUri(req.printer)),
        attr.name('requesting-user-name', this.ipp.user),
        attr.name('job-name', jobTitle(req.title)),
        attr.mime('document-format', 'application/pdf'),
      ],
      [{ tag: Tag.job, attributes: jobAttrs }],
      Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength),
    );
    if (res.status > OK_MAX) throw statusError(res, `print on ${req.printer}`, req.printer);
    const id = res.objects[0]?.['job-id']?.[0];
    if (typeof id !== 'number')
      throw new PrintError('UNKNOWN', { detail: 'the print service accepted the job but returned no job-id' });
    return { jobId: String(id), printer: req.printer };
  }

  async getJob(printer: string, jobId: string): Promise<JobSnapshot> {
    const [job, info] = await Promise.all([
      this.ipp.request(Op.getJobAttributes, '/jobs/', [
        attr.uri('printer-uri', this.ipp.printerUri(printer)),
        attr.integer('job-id', Number(jobId)),
        attr.name('requesting-user-name', this.ipp.user),
        attr.keyword('requested-attributes', ...JOB_ATTRS),
      ]),
      this.getPrinter(printer).catch((e: unknown) =>
        e instanceof PrintError && e.code === 'PRINTER_NOT_FOUND' ? undefined : Promise.reject(e),
      ),
    ]);
    if (job.status === 0x0406 || !job.objects[0])
      throw new PrintError('JOB_NOT_FOUND', { detail: `${printer}-${jobId}` });
    if (job.status > OK_MAX) throw statusError(job, `read job ${printer}-${jobId}`, printer);
    return toJobSnapshot(job.objects[0], info);
  }

  async cancel(printer: string, jobId: string): Promise<void> {
    const res = await this.ipp.request(Op.cancelJob, this.path(printer), [
      attr.uri('printer-uri', this.ipp.printerUri(printer)),
      attr.integer('job-id', Number(jobId)),
      attr.name('requesting-user-name', this.ipp.user),
    ]);
    // not-possible / not-found: the job already finished or is gone, which is what we wanted.
    if (res.status > OK_MAX && res.status !== 0x0404 && res.status !== 0x0406)
      throw statusError(res, `cancel ${printer}-${jobId}`, printer);
  }

  /**
   * Get-Jobs on every queue with which-jobs=all, so completed and aborted jobs (CUPS keeps their
   * history, PreserveJobHistory) count too. CUPS cannot filter by job-name itself; the list is
   * small (MaxJobs, 500 by default) and this runs only at start-up and before a resend. We ask
   * as the same user that printed, because CUPS hides job-name of other users' jobs.
   */
  async findJobs(title: string): Promise<JobSummary[]> {
    const res = await this.ipp.request(Op.getJobs, '/', [
      attr.uri('printer-uri', 'ipp://localhost/'),
      attr.name('requesting-user-name', this.ipp.user),
      attr.keyword('which-jobs', 'all'),
      attr.keyword('requested-attributes', 'job-id', 'job-name', 'job-state', 'job-printer-uri'),
    ]);
    if (res.status === 0x0406) return [];
    if (res.status > OK_MAX) throw statusError(res, `list jobs named ${title}`);
    const want = jobTitle(title);
    return res.objects.map(toJobSummary).filter((j): j is JobSummary => j !== null && j.name === want);
  }

  async close(): Promise<void> {
    this.ipp.close();
  }

  private path(queue: string): string {
    return `/printers/${encodeURIComponent(queue)}`;
  }

  private async mediaFor(printer: string): Promise<string[]> {
    const hit = this.mediaCache.get(printer);
    if (hit && Date.now() - hit.at < 60_000) return hit.media;
    try {
      return (await this.getPrinter(printer)).mediaSupported;
    } catch {
      return []; // Print-Job below reports the real problem
    }
  }
}

const jobTitle = (title: string): string => title.slice(0, 255) || 'document';

function statusError(res: IppResponse, what: string, printer?: string): PrintError {
  const msg = res.operation['status-message']?.[0];
  const detail = `${what}: IPP status 0x${res.status.toString(16).padStart(4, '0')}${typeof msg === 'string' ? ` ${msg}` : ''}`;
  const code: PrintErrorCode =
    res.status === 0x0406
      ? 'PRINTER_NOT_FOUND'
      : res.status === 0x0506
        ? 'PRINTER_NOT_ACCEPTING'
        : res.status === 0x040a
          ? 'DOCUMENT_INVALID'
          : res.status >= 0x0401 && res.status <= 0x0403
            ? 'SPOOLER_REFUSED'
            : res.status === 0x0502
              ? 'SPOOLER_DOWN'
              : 'UNKNOWN';
  return new PrintError(code, {
    detail,
    ...(code === 'PRINTER_NOT_FOUND' ? { params: { printer: printer ?? '' } } : {}),
  });
}
