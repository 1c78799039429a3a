import { randomUUID } from 'node:crypto';
import { rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import { PrintError } from '../errors';
import { readPdf } from '../pdf';
import type { JobSnapshot, JobSummary, PrinterBackend, PrinterInfo, SubmitRequest, SubmitResult } from '../types';
import { ErrorJson, JobJson, JobsJson, ListJson, SubmitJson, lastJson, toJobState, toPrinterInfo } from './parse';
import { execRunner, powershellArgs, type CommandRunner } from './runner';
import {
  cancelScript,
  findJobsScript,
  jobScript,
  listScript,
  spoolerScript,
  submitScript,
  type PdfCommand,
} from './scripts';

export interface WindowsBackendOptions {
  runner?: CommandRunner;
  powershell?: string;
  /** How PDFs reach the spooler; Windows has no built-in silent PDF print. */
  pdfCommand?: PdfCommand;
  /** Where to stage PDFs for the print command (they are removed after acceptance... see cleanupMs). */
  stagingDir?: string;
  /** How long to wait for the job to appear in the queue. */
  acceptWaitMs?: number;
  timeoutMs?: number;
}

/** The Windows spooler through PowerShell's PrintManagement module (Windows 8 / Server 2012+). */
export class WindowsBackend implements PrinterBackend {
  readonly kind = 'windows' as const;
  private readonly run: CommandRunner;
  private readonly o: Required<Omit<WindowsBackendOptions, 'runner'>>;

  constructor(opts: WindowsBackendOptions = {}) {
    this.run = opts.runner ?? execRunner;
    this.o = {
      powershell: opts.powershell ?? 'powershell.exe',
      pdfCommand: opts.pdfCommand ?? { kind: 'shell' },
      stagingDir: opts.stagingDir ?? join(tmpdir(), 'counter-print'),
      acceptWaitMs: opts.acceptWaitMs ?? 15_000,
      timeoutMs: opts.timeoutMs ?? 30_000,
    };
  }

  async checkSpooler(): Promise<void> {
    const out = await this.ps(spoolerScript(), 'check the print spooler');
    if (typeof out === 'object' && out && (out as { status?: unknown }).status !== 'Running') {
      throw new PrintError('SPOOLER_DOWN', {
        detail: `Spooler service is ${String((out as { status?: unknown }).status)}`,
      });
    }
  }

  async listPrinters(): Promise<PrinterInfo[]> {
    const out = this.parse(ListJson, await this.ps(listScript(), 'list printers'));
    return out.printers.map(toPrinterInfo);
  }

  async submit(req: SubmitRequest): Promise<SubmitResult> {
    const pdf = await readPdf(req.pdf);
    // The token in the file name is how we find our job in the queue: the print command
    // does not tell us the job id, but the spooler's document name carries the file name.
    const token = `counter-${randomUUID().slice(0, 12)}`;
    await mkdir(this.o.stagingDir, { recursive: true });
    // The title goes in too, so findJobs can find the job by its serial after a restart.
    const file = join(this.o.stagingDir, `${titleMarker(req.title)}${token}.pdf`);
    await writeFile(file, pdf);
    const script = submitScript({
      printer: req.printer,
      file,
      token,
      copies: Math.max(1, Math.floor(req.copies ?? 1)),
      ...(req.media ? { paper: req.media === 'A4' ? 'A4' : 'CR80' } : {}),
      pdf: this.o.pdfCommand,
      waitMs: this.o.acceptWaitMs,
    });
    try {
      const out = this.parse(SubmitJson, await this.ps(script, `print on ${req.printer}`));
      // Not seen within the wait: either it printed and left the queue already, or the print
      // command is still busy. Track it by token; a job absent from the queue counts as printed.
      return { jobId: out.jobId || `doc:${token}`, printer: req.printer };
    } finally {
      // The print command may still be reading the file; give it time before removing.
      setTimeout(() => void rm(file, { force: true }), 120_000).unref();
    }
  }

  async getJob(printer: string, jobId: string): Promise<JobSnapshot> {
    if (jobId.startsWith('doc:')) {
      const p = this.parse(ListJson, await this.ps(listScript(), 'read printers')).printers.find(
        (x) => x.Name === printer,
      );
      return { state: 'completed', reasons: [], ...(p ? { printer: toPrinterInfo(p) } : {}) };
    }
    const out = this.parse(JobJson, await this.ps(jobScript(printer, jobId), `read job ${jobId}`));
    const printerInfo = toPrinterInfo(out.printer);
    if (!out.job) return { state: 'completed', reasons: [], printer: printerInfo };
    const { state, reasons } = toJobState(out.job.Status);
    return {
      state,
      reasons,
      printer: printerInfo,
      ...(out.job.Status ? { message: `Windows JobStatus: ${out.job.Status}` } : {}),
    };
  }

  async cancel(printer: string, jobId: string): Promise<void> {
    if (jobId.startsWith('doc:')) return;
    await this.ps(cancelScript(printer, jobId), `cancel job ${jobId}`);
  }

  /**
   * Jobs whose document name carries the title. Windows drops a job from the queue once printed
   * (unless the printer's "Keep printed documents" is on), so an empty answer after a lost reply
   * cannot prove the job never arrived: see the README.
   */
  async findJobs(title: string): Promise<JobSummary[]> {
    const out = this.parse(JobsJson, await this.ps(findJobsScript(titleMarker(title)), `list jobs named ${title}`));
    return out.jobs.map((j) => ({
      jobId: j.Id,
      printer: j.Printer,
      name: j.Document ?? '',
      state: toJobState(j.Status).state,
    }));
  }

  private async ps(script: string, what: string): Promise<unknown> {
    let res;
    try {
      res = await this.run(this.o.powershell, powershellArgs(script), { timeoutMs: this.o.timeoutMs });
    } catch (e) {
      throw new PrintError('SPOOLER_DOWN', {
        detail: `${what}: cannot run PowerShell: ${(e as Error).message}`,
        cause: e,
      });
    }
    const json = lastJson(res.stdout);
    if (json === undefined) {
      throw new PrintError('UNKNOWN', {
        detail: `${what}: PowerShell exited ${res.code}: ${res.stderr.trim().slice(0, 300) || 'no output'}`,
      });
    }
    const err = ErrorJson.safeParse(json);
    if (err.success) {
      const detail = `${what}: ${err.data.message ?? err.data.error}`;
      if (err.data.error === 'spooler') throw new PrintError('SPOOLER_DOWN', { detail });
      if (err.data.error === 'not-found') throw new PrintError('PRINTER_NOT_FOUND', { detail });
      throw new PrintError('UNKNOWN', { detail });
    }
    return json;
  }

  private parse<T extends z.ZodType>(schema: T, json: unknown): z.infer<T> {
    const r = schema.safeParse(json);
    if (!r.success)
      throw new PrintError('UNKNOWN', {
        detail: `unexpected answer from PowerShell: ${r.error.message.slice(0, 300)}`,
      });
    return r.data;
  }
}

/** File-name-safe title plus a separator no title part contains, so "A-1~" never matches "A-10~". */
const titleMarker = (title: string): string =>
  `${title.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 60) || 'document'}~`;
