import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PrintError } from '../errors';
import { PAGE_SIZES_MM } from '../media';
import { readPdf } from '../pdf';
import type { JobSnapshot, JobSummary, PrinterBackend, PrinterInfo, SubmitRequest, SubmitResult } from '../types';

export const VIRTUAL_PRINTER_NAME = 'Training-PDF';

export interface VirtualBackendOptions {
  /** Where PDFs are stored, e.g. COUNTER_DATA_DIR/prints. Created on first use. */
  dir: string;
  /** Host hook to show a stored PDF (Electron: shell.openPath; web host: serve it to the browser). */
  open?: (path: string, job: { jobId: string; title: string }) => void | Promise<void>;
  /** Open each PDF as soon as it is stored (training mode without a printer). */
  openOnPrint?: boolean;
}

/** Training mode without a printer: "prints" by storing the PDF; every job completes. */
export class VirtualBackend implements PrinterBackend {
  readonly kind = 'virtual' as const;
  private seq = 0;
  private readonly jobs = new Map<string, { path: string; title: string }>();

  constructor(private readonly opts: VirtualBackendOptions) {}

  async checkSpooler(): Promise<void> {}

  async listPrinters(): Promise<PrinterInfo[]> {
    return [
      {
        name: VIRTUAL_PRINTER_NAME,
        description: 'Virtual printer (training) / 虚拟打印机（培训）',
        state: 'idle',
        accepting: true,
        reasons: [],
        isDefault: true,
        mediaSupported: [PAGE_SIZES_MM.A4.pwg, PAGE_SIZES_MM.CR80.pwg],
        mediaDefault: PAGE_SIZES_MM.A4.pwg,
      },
    ];
  }

  async submit(req: SubmitRequest): Promise<SubmitResult> {
    if (req.printer !== VIRTUAL_PRINTER_NAME)
      throw new PrintError('PRINTER_NOT_FOUND', { detail: req.printer, params: { printer: req.printer } });
    const pdf = await readPdf(req.pdf);
    await mkdir(this.opts.dir, { recursive: true });
    const jobId = String(++this.seq);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const safe = safeTitle(req.title);
    const path = join(this.opts.dir, `${stamp}-${jobId}-${safe}.pdf`);
    await writeFile(path, pdf, { mode: 0o600 });
    this.jobs.set(jobId, { path, title: req.title });
    if (this.opts.openOnPrint) await this.open(jobId).catch(() => undefined);
    return { jobId, printer: req.printer };
  }

  async getJob(_printer: string, jobId: string): Promise<JobSnapshot> {
    if (!this.jobs.has(jobId)) throw new PrintError('JOB_NOT_FOUND', { detail: jobId });
    return { state: 'completed', reasons: ['job-completed-successfully'] };
  }

  async cancel(): Promise<void> {}

  /** The stored PDFs are the job history (they outlive a restart): each one named for `title` has printed. */
  async findJobs(title: string): Promise<JobSummary[]> {
    const tail = `-${safeTitle(title)}.pdf`;
    const files = await readdir(this.opts.dir).catch((e: NodeJS.ErrnoException) =>
      e.code === 'ENOENT' ? [] : Promise.reject(e),
    );
    return files
      .filter((f) => f.endsWith(tail))
      .map((f) => ({ jobId: `file:${f}`, printer: VIRTUAL_PRINTER_NAME, name: title, state: 'completed' }));
  }

  /** Path of a stored job's PDF. */
  pathOf(jobId: string): string {
    const j = this.jobs.get(jobId);
    if (!j) throw new PrintError('JOB_NOT_FOUND', { detail: jobId });
    return j.path;
  }

  async open(jobId: string): Promise<string> {
    const path = this.pathOf(jobId);
    await this.opts.open?.(path, { jobId, title: this.jobs.get(jobId)!.title });
    return path;
  }
}

const safeTitle = (title: string): string => title.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 60) || 'document';
