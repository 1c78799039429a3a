import { describe, expect, it } from 'vitest';
import { classifyJob, classifyPrinter, splitReason } from '../../../native/printer/reasons';
import { PRINT_ERRORS, PrintError } from '../../../native/printer/errors';
import type { PrinterInfo } from '../../../native/printer/types';

const printer = (over: Partial<PrinterInfo> = {}): PrinterInfo => ({
  name: 'P',
  state: 'idle',
  accepting: true,
  reasons: [],
  isDefault: false,
  mediaSupported: [],
  ...over,
});

describe('printer-state-reasons mapping', () => {
  it.each([
    [['media-empty-error'], 'PRINTER_MEDIA_EMPTY'],
    [['media-needed'], 'PRINTER_MEDIA_EMPTY'],
    [['media-jam-error'], 'PRINTER_MEDIA_JAM'],
    [['cover-open-error'], 'PRINTER_DOOR_OPEN'],
    [['marker-supply-empty-error'], 'PRINTER_TONER_EMPTY'],
    [['offline-report'], 'PRINTER_OFFLINE'],
    [['shutdown'], 'PRINTER_OFFLINE'],
    [['paused'], 'PRINTER_STOPPED'],
    [['spool-area-full-error'], 'UNKNOWN'],
  ])('%j -> %s', (reasons, code) => {
    expect(classifyPrinter(printer({ reasons }))?.code).toBe(code);
  });

  it('keeps the raw reason for unknown errors', () => {
    expect(classifyPrinter(printer({ reasons: ['spool-area-full-error'] }))?.reasons).toEqual([
      'spool-area-full-error',
    ]);
  });

  it('ignores warnings, reports, none and CUPS-internal reasons', () => {
    expect(
      classifyPrinter(
        printer({ reasons: ['media-low-warning', 'toner-low-report', 'cups-ipp-missing-job-history', 'none'] }),
      ),
    ).toBeNull();
  });

  it('prefers a jam over paused (the jam is what the clerk must fix)', () => {
    expect(classifyPrinter(printer({ state: 'stopped', reasons: ['paused', 'media-jam-error'] }))?.code).toBe(
      'PRINTER_MEDIA_JAM',
    );
  });

  it('uses printer-state and accepting when there are no reasons', () => {
    expect(classifyPrinter(printer({ state: 'stopped' }))?.code).toBe('PRINTER_STOPPED');
    expect(classifyPrinter(printer({ accepting: false }))?.code).toBe('PRINTER_NOT_ACCEPTING');
  });

  it('splits severity suffixes', () => {
    expect(splitReason('media-empty-error')).toEqual({ base: 'media-empty', severity: 'error' });
    expect(splitReason('paused')).toEqual({ base: 'paused', severity: 'none' });
  });
});

describe('job classification', () => {
  it('completed is not a problem; canceled and aborted are terminal', () => {
    expect(classifyJob({ state: 'completed', reasons: ['job-completed-successfully'] })).toBeNull();
    expect(classifyJob({ state: 'canceled', reasons: [] })).toMatchObject({ code: 'JOB_CANCELED', terminal: true });
    expect(classifyJob({ state: 'aborted', reasons: ['aborted-by-system'] })).toMatchObject({
      code: 'JOB_ABORTED',
      terminal: true,
    });
    expect(classifyJob({ state: 'aborted', reasons: ['document-format-error'] })).toMatchObject({
      code: 'DOCUMENT_INVALID',
    });
  });

  it('a pending job on a media-empty printer is blocked, not failed', () => {
    expect(
      classifyJob({ state: 'pending', reasons: [], printer: printer({ reasons: ['media-empty-error'] }) }),
    ).toMatchObject({ code: 'PRINTER_MEDIA_EMPTY', terminal: false, transient: false });
  });

  it('CUPS ipp backend "not responding" message while processing -> transient PRINTER_OFFLINE', () => {
    const p = printer({
      state: 'processing',
      reasons: ['cups-ipp-missing-job-history'],
      message: 'The printer may not exist or is unavailable at this time.',
    });
    expect(classifyJob({ state: 'processing', reasons: ['job-printing'], printer: p })).toMatchObject({
      code: 'PRINTER_OFFLINE',
      transient: true,
      terminal: false,
    });
    // the same stale message on an idle printer with a pending job means nothing
    expect(classifyJob({ state: 'pending', reasons: [], printer: { ...p, state: 'idle' } })).toBeNull();
  });

  it("the same message in CUPS' Chinese, from a job another client sent ahead of ours -> transient PRINTER_OFFLINE", () => {
    const p = printer({ state: 'processing', reasons: [], message: '打印机暂时不存在或不可用。' });
    expect(classifyJob({ state: 'pending', reasons: [], printer: p })).toMatchObject({
      code: 'PRINTER_OFFLINE',
      transient: true,
      terminal: false,
    });
    expect(
      classifyJob({
        state: 'pending',
        reasons: [],
        printer: printer({ state: 'processing', message: '正在打印第 1 页' }),
      }),
    ).toBeNull();
  });

  it('connecting-to-device is transient offline', () => {
    expect(
      classifyJob({
        state: 'processing',
        reasons: [],
        printer: printer({ state: 'processing', reasons: ['connecting-to-device'] }),
      }),
    ).toMatchObject({ code: 'PRINTER_OFFLINE', transient: true });
  });

  it('a normal processing job is fine; a not-accepting queue does not block a queued job', () => {
    expect(
      classifyJob({ state: 'processing', reasons: ['job-printing'], printer: printer({ state: 'processing' }) }),
    ).toBeNull();
    expect(classifyJob({ state: 'pending', reasons: [], printer: printer({ accepting: false }) })).toBeNull();
  });
});

describe('messages', () => {
  // The zh/en texts are the renderer's (tests/unit/i18n/error-texts.test.ts checks every code).
  it('PrintError carries a code, its parameters and an English log message, no UI sentence', () => {
    expect(Object.keys(PRINT_ERRORS)).toContain('PRINTER_MEDIA_EMPTY');
    const e = new PrintError('PRINTER_MEDIA_EMPTY', { reasons: ['media-empty-error'], detail: 'tray 1' });
    expect(e).toMatchObject({ code: 'PRINTER_MEDIA_EMPTY', reasons: ['media-empty-error'] });
    expect(e).not.toHaveProperty('zh');
    expect(e.message).toContain('tray 1');
    expect(new PrintError('PRINTER_NOT_FOUND', { params: { printer: 'HP_A4' } }).toProblem()).toMatchObject({
      code: 'PRINTER_NOT_FOUND',
      params: { printer: 'HP_A4' },
    });
  });
});
