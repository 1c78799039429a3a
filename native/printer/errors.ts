/**
 * Stable codes the UI translates; each carries a default zh-CN and English message that says
 * what happened and what the clerk should do.
 */
export const PRINT_ERROR_MESSAGES = {
  PRINTER_OFFLINE: {
    zh: '打印机无法连接（离线、关机或网线/USB 断开）。请检查打印机电源和连接，恢复后点“重试”，或改用其他打印机。',
    en: 'The printer cannot be reached (offline, switched off or disconnected). Check its power and cable, then retry, or send the job to another printer.',
  },
  PRINTER_MEDIA_EMPTY: {
    zh: '打印机缺纸。请装纸后继续，任务会自动打印；也可改用其他打印机。',
    en: 'The printer is out of paper. Load paper and the job will continue, or send it to another printer.',
  },
  PRINTER_MEDIA_JAM: {
    zh: '打印机卡纸。请按打印机提示取出卡纸，然后点“重试”。',
    en: 'Paper is jammed in the printer. Clear the jam as the printer shows, then retry.',
  },
  PRINTER_DOOR_OPEN: {
    zh: '打印机盖板未关好。请关好盖板，任务会继续打印。',
    en: 'A printer door or cover is open. Close it and the job will continue.',
  },
  PRINTER_TONER_EMPTY: {
    zh: '打印机墨粉/色带用尽。请更换耗材后重试，或改用其他打印机。',
    en: 'The printer is out of toner or ribbon. Replace it and retry, or send the job to another printer.',
  },
  PRINTER_STOPPED: {
    zh: '打印机已暂停（在打印队列中被停用）。请在系统打印设置中恢复该打印机，或联系管理员。',
    en: 'The printer is paused in the print queue. Resume it in the system printer settings or ask the administrator.',
  },
  PRINTER_NOT_ACCEPTING: {
    zh: '打印机当前拒绝接收任务。请在系统打印设置中允许该打印机接收任务，或改用其他打印机。',
    en: 'The printer is not accepting jobs. Enable it in the system printer settings, or send the job to another printer.',
  },
  PRINTER_NOT_FOUND: {
    zh: '找不到所选打印机（可能已被删除或改名）。请在设置中重新选择打印机。',
    en: 'The selected printer does not exist (removed or renamed). Choose a printer again in settings.',
  },
  SPOOLER_DOWN: {
    zh: '系统打印服务未运行，无法打印。请启动打印服务（Linux/macOS: CUPS；Windows: Print Spooler）或重启电脑后重试。',
    en: 'The system print service is not running. Start it (CUPS on Linux/macOS, Print Spooler on Windows) or restart the computer, then retry.',
  },
  SPOOLER_REFUSED: {
    zh: '打印服务拒绝了此任务（权限或参数不被支持）。请联系管理员，并提供错误详情。',
    en: 'The print service refused the job (permission or unsupported option). Contact the administrator with the error details.',
  },
  DOCUMENT_INVALID: {
    zh: '打印文件无效（不是 PDF 或无法读取）。请重新生成证明后再打印。',
    en: 'The document is not a readable PDF. Generate the certificate again and print it.',
  },
  JOB_NOT_FOUND: {
    zh: '打印队列中找不到该任务（可能已被他人取消）。请重新打印。',
    en: 'The job is no longer in the print queue (it may have been cancelled). Print it again.',
  },
  JOB_CANCELED: {
    zh: '打印任务已被取消。如需打印请点“重试”。',
    en: 'The print job was cancelled. Retry to print it again.',
  },
  JOB_ABORTED: {
    zh: '打印任务失败，打印服务已中止该任务。请点“重试”，或改用其他打印机。',
    en: 'The print service aborted the job. Retry, or send it to another printer.',
  },
  UNKNOWN: {
    zh: '打印机报告了未知问题。请查看打印机面板；错误详情已记录。',
    en: 'The printer reported an unrecognised problem. Check the printer panel; the details are recorded.',
  },
} as const satisfies Record<string, { zh: string; en: string }>;

export type PrintErrorCode = keyof typeof PRINT_ERROR_MESSAGES;

export interface PrintProblem {
  code: PrintErrorCode;
  /** The spooler's own reasons/message behind the code, kept for logs and the details pane. */
  reasons: string[];
  detail?: string;
}

export class PrintError extends Error {
  readonly code: PrintErrorCode;
  readonly zh: string;
  readonly en: string;
  readonly reasons: string[];
  readonly detail?: string;
  /** Set by PrintManager when the failed submission is kept and can be retried by this id. */
  jobId?: string;

  constructor(code: PrintErrorCode, opts: { reasons?: string[]; detail?: string; cause?: unknown } = {}) {
    const m = PRINT_ERROR_MESSAGES[code];
    super(opts.detail ? `${m.en} (${opts.detail})` : m.en, { cause: opts.cause });
    this.name = 'PrintError';
    this.code = code;
    this.zh = m.zh;
    this.en = m.en;
    this.reasons = opts.reasons ?? [];
    if (opts.detail !== undefined) this.detail = opts.detail;
  }

  toProblem(): PrintProblem {
    return { code: this.code, reasons: this.reasons, ...(this.detail ? { detail: this.detail } : {}) };
  }
}

export function printMessage(code: PrintErrorCode, lang: 'zh' | 'en' = 'zh'): string {
  return PRINT_ERROR_MESSAGES[code][lang];
}
