import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  PrintError,
  PrintManager,
  VirtualBackend,
  VIRTUAL_PRINTER_NAME,
  type JobSnapshot,
  type PrinterBackend,
  type PrintJobEvent,
  type SubmitRequest,
} from '../../../native/printer';
import { makeTestPdf } from '../../helpers/printer/pdf';

const printer = (reasons: string[] = [], state: 'idle' | 'processing' | 'stopped' = 'processing') => ({
  name: 'P',
  state,
  accepting: true,
  reasons,
  isDefault: true,
  mediaSupported: [],
});

/** Scripted backend: each getJob returns the next snapshot (the last repeats). */
class Scripted implements PrinterBackend {
  readonly kind = 'cups' as const;
  submits: SubmitRequest[] = [];
  cancels: string[] = [];
  failNextSubmit: PrintError | null = null;
  constructor(public snaps: (JobSnapshot | PrintError)[]) {}
  async checkSpooler() {}
  async listPrinters() {
    return [printer()];
  }
  async submit(req: SubmitRequest) {
    if (this.failNextSubmit) {
      const e = this.failNextSubmit;
      this.failNextSubmit = null;
      throw e;
    }
    this.submits.push(req);
    return { jobId: String(this.submits.length), printer: req.printer };
  }
  async getJob() {
    const s = this.snaps.length > 1 ? this.snaps.shift()! : this.snaps[0]!;
    if (s instanceof PrintError) throw s;
    return s;
  }
  async cancel(_p: string, id: string) {
    this.cancels.push(id);
  }
  async findJobs() {
    return [];
  }
}

const managers: PrintManager[] = [];
const make = (b: PrinterBackend, o = {}) => {
  const m = new PrintManager(b, { pollMs: 5, transientGraceMs: 60, ...o });
  managers.push(m);
  return m;
};
afterEach(() => managers.splice(0).forEach((m) => m.dispose()));
const collect = (m: PrintManager) => {
  const ev: PrintJobEvent[] = [];
  m.on('job', (e) => ev.push(e));
  return ev;
};
const show = (ev: PrintJobEvent[]) => ev.map((e) => (e.error ? `${e.status}:${e.error.code}` : e.status));

describe('PrintManager', () => {
  it('emits one event per change: queued, blocked on paper, processing, completed', async () => {
    const b = new Scripted([
      { state: 'pending', reasons: [], printer: printer([], 'idle') },
      { state: 'pending', reasons: [], printer: printer([], 'idle') },
      { state: 'processing', reasons: [], printer: printer(['media-empty-error']) },
      { state: 'processing', reasons: [], printer: printer(['media-empty-error']) },
      { state: 'processing', reasons: [], printer: printer() },
      { state: 'completed', reasons: [] },
    ]);
    const m = make(b);
    const ev = collect(m);
    const h = await m.print({ printer: 'P', title: 'cert', pdf: await makeTestPdf() });
    const last = await m.waitFor(h.id);
    expect(last.status).toBe('completed');
    expect(show(ev)).toEqual(['queued', 'error:PRINTER_MEDIA_EMPTY', 'processing', 'completed']);
    expect(ev[1]!.error).toMatchObject({ terminal: false, reasons: ['media-empty-error'] });
  });

  it('does not report a transient signal shorter than the grace period', async () => {
    const flicker = { state: 'processing' as const, reasons: [], printer: printer(['connecting-to-device']) };
    const b = new Scripted([flicker, flicker, { state: 'completed', reasons: [] }]);
    const m = make(b, { transientGraceMs: 10_000 });
    const ev = collect(m);
    const h = await m.print({ printer: 'P', title: 'x', pdf: await makeTestPdf() });
    await m.waitFor(h.id);
    expect(show(ev)).toEqual(['queued', 'completed']);
  });

  it('reports a persisting transient signal as an error', async () => {
    const b = new Scripted([{ state: 'processing', reasons: [], printer: printer(['connecting-to-device']) }]);
    const m = make(b, { transientGraceMs: 30 });
    const h = await m.print({ printer: 'P', title: 'x', pdf: await makeTestPdf() });
    const e = await m.waitFor(h.id, (x) => x.status === 'error', 2000);
    expect(e.error).toMatchObject({ code: 'PRINTER_OFFLINE', terminal: false });
  });

  it('aborted jobs are terminal errors; retry cancels nothing already final and resubmits the same PDF', async () => {
    const b = new Scripted([{ state: 'aborted', reasons: ['aborted-by-system'] }]);
    const m = make(b);
    const pdf = await makeTestPdf();
    const h = await m.print({ printer: 'P', title: 'x', pdf, copies: 2 });
    expect((await m.waitFor(h.id)).error).toMatchObject({ code: 'JOB_ABORTED', terminal: true });
    b.snaps = [{ state: 'completed', reasons: [] }];
    const r = await m.redirect(h.id, 'Other');
    expect(r).toMatchObject({ id: h.id, attempt: 2, printer: 'Other', spoolJobId: '2' });
    expect(b.submits[1]).toMatchObject({ printer: 'Other', copies: 2, title: 'x' });
    expect(Buffer.from(b.submits[1]!.pdf as Uint8Array).equals(pdf)).toBe(true);
    expect((await m.waitFor(h.id, (e) => e.attempt === 2 && e.status === 'completed')).printer).toBe('Other');
  });

  it('retry of a blocked job cancels the old spool job first', async () => {
    const b = new Scripted([{ state: 'pending', reasons: [], printer: printer(['paused'], 'stopped') }]);
    const m = make(b);
    const h = await m.print({ printer: 'P', title: 'x', pdf: await makeTestPdf() });
    await m.waitFor(h.id, (e) => e.error?.code === 'PRINTER_STOPPED');
    b.snaps = [{ state: 'completed', reasons: [] }];
    await m.retry(h.id);
    expect(b.cancels).toEqual(['1']);
    expect((await m.waitFor(h.id, (e) => e.attempt === 2 && e.status === 'completed')).spoolJobId).toBe('2');
  });

  it('adopts a job from before a restart: follows it to completed without submitting anything', async () => {
    const b = new Scripted([
      { state: 'pending', reasons: [], printer: printer(['paused'], 'stopped') },
      { state: 'processing', reasons: [], printer: printer() },
      { state: 'completed', reasons: [] },
    ]);
    const m = make(b);
    const ev = collect(m);
    const h = await m.adopt({ printer: 'P', title: 'cert', pdf: await makeTestPdf() }, '41');
    expect(h).toMatchObject({ spoolJobId: '41', attempt: 1 });
    expect((await m.waitFor(h.id)).status).toBe('completed');
    expect(show(ev)).toEqual(['queued', 'error:PRINTER_STOPPED', 'processing', 'completed']);
    expect(b.submits).toHaveLength(0);
  });

  it("retry of an adopted job cancels the spooler's copy before resubmitting", async () => {
    const b = new Scripted([{ state: 'pending', reasons: [], printer: printer(['paused'], 'stopped') }]);
    const m = make(b);
    const h = await m.adopt({ printer: 'P', title: 'cert', pdf: await makeTestPdf() }, '41');
    await m.waitFor(h.id, (e) => e.status === 'error');
    const again = await m.retry(h.id);
    expect(b.cancels).toEqual(['41']);
    expect(b.submits).toHaveLength(1);
    expect(again.attempt).toBe(2);
  });

  it('a refused submission rejects with a typed error and stays retryable', async () => {
    const b = new Scripted([{ state: 'completed', reasons: [] }]);
    b.failNextSubmit = new PrintError('SPOOLER_DOWN', { detail: 'localhost:631: ECONNREFUSED' });
    const m = make(b);
    const ev = collect(m);
    const err = (await m
      .print({ printer: 'P', title: 'x', pdf: await makeTestPdf() })
      .catch((e: unknown) => e)) as PrintError;
    expect(err).toBeInstanceOf(PrintError);
    expect(err.code).toBe('SPOOLER_DOWN');
    expect(show(ev)).toEqual(['error:SPOOLER_DOWN']);
    const r = await m.retry(err.jobId!);
    expect((await m.waitFor(r.id)).status).toBe('completed');
  });

  it('rejects a non-PDF before it reaches the spooler', async () => {
    const b = new Scripted([{ state: 'completed', reasons: [] }]);
    await expect(make(b).print({ printer: 'P', title: 'x', pdf: Buffer.from('hello') })).rejects.toMatchObject({
      code: 'DOCUMENT_INVALID',
    });
    expect(b.submits).toHaveLength(0);
  });

  it('a job that vanished from the spooler is a terminal JOB_NOT_FOUND', async () => {
    const b = new Scripted([new PrintError('JOB_NOT_FOUND')]);
    const m = make(b);
    const h = await m.print({ printer: 'P', title: 'x', pdf: await makeTestPdf() });
    expect((await m.waitFor(h.id)).error).toMatchObject({ code: 'JOB_NOT_FOUND', terminal: true });
  });
});

describe('virtual printer (training mode)', () => {
  let dir: string;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('stores the PDF, completes the job and opens it through the host hook', async () => {
    dir = await mkdtemp(join(tmpdir(), 'counter-vprint-'));
    const opened: string[] = [];
    const b = new VirtualBackend({
      dir: join(dir, 'prints'),
      open: (p) => {
        opened.push(p);
      },
    });
    const m = make(b);
    const ev = collect(m);
    const pdf = await makeTestPdf('培训');
    const [only] = await b.listPrinters();
    expect(only).toMatchObject({ name: VIRTUAL_PRINTER_NAME, isDefault: true });
    const h = await m.print({ printer: VIRTUAL_PRINTER_NAME, title: '清洁能源 核验/证明', pdf });
    expect((await m.waitFor(h.id)).status).toBe('completed');
    expect(show(ev)).toEqual(['queued', 'completed']);
    const path = b.pathOf(h.spoolJobId);
    expect(path).toMatch(/清洁能源_核验_证明\.pdf$/);
    expect((await readFile(path)).equals(pdf)).toBe(true);
    expect(await b.open(h.spoolJobId)).toBe(path);
    expect(opened).toEqual([path]);
    await expect(m.print({ printer: 'Other', title: 'x', pdf })).rejects.toMatchObject({ code: 'PRINTER_NOT_FOUND' });
  });
});
