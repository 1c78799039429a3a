/**
 * Every failure the driver reports is a ReaderError with a stable `code`; the UI translates by
 * code (see errorText), the English message is for logs and says what to do.
 */
export type ReaderErrorCode =
  | 'FRAME_BAD_CHECKSUM'
  | 'FRAME_BAD_LENGTH'
  | 'FRAME_TOO_LONG'
  | 'FRAME_GARBAGE'
  | 'FRAME_TRUNCATED'
  | 'REPLY_MALFORMED'
  | 'REPLY_STATUS'
  | 'COMMAND_TIMEOUT'
  | 'COMMAND_INVALID'
  | 'TRANSPORT_OPEN_FAILED'
  | 'TRANSPORT_CLOSED'
  | 'TRANSPORT_WRITE_FAILED'
  | 'HID_BINDING_UNAVAILABLE'
  | 'READER_TABLE_INVALID'
  | 'USB_BINDING_UNAVAILABLE'
  | 'USB_PERMISSION'
  | 'USB_DRIVER_MISSING'
  | 'USB_BUSY'
  | 'USB_STALL'
  | 'READER_UNSUPPORTED'
  | 'NO_READER'
  | 'CARD_TEXT_INVALID'
  | 'CARD_INPUT_INVALID'
  | 'RESOURCE_INVALID';

export class ReaderError extends Error {
  override readonly name = 'ReaderError';
  readonly code: ReaderErrorCode;
  /** SW3 of the reply when code is REPLY_STATUS. */
  readonly sw3?: number;

  /** Values for the UI's translated text (e.g. vidPid, the udev rule). */
  readonly params?: Record<string, string>;

  constructor(code: ReaderErrorCode, message: string, opts: { sw3?: number; cause?: unknown; params?: Record<string, string> } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = code;
    if (opts.sw3 !== undefined) this.sw3 = opts.sw3;
    if (opts.params) this.params = opts.params;
  }

  toJSON(): { code: ReaderErrorCode; message: string; sw3?: number } {
    return this.sw3 === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, sw3: this.sw3 };
  }
}

export function isReaderError(e: unknown): e is ReaderError {
  return e instanceof ReaderError;
}

/** Wraps anything thrown by a library into a ReaderError so callers only ever see one shape. */
export function asReaderError(e: unknown, code: ReaderErrorCode, what: string): ReaderError {
  if (e instanceof ReaderError) return e;
  const detail = e instanceof Error ? e.message : String(e);
  return new ReaderError(code, `${what}: ${detail}`, { cause: e });
}

const ZH: Record<ReaderErrorCode, string> = {
  FRAME_BAD_CHECKSUM: '读卡器数据校验错误，正在重试；若反复出现请更换USB口或数据线。',
  FRAME_BAD_LENGTH: '读卡器返回的数据长度无效，正在重新同步。',
  FRAME_TOO_LONG: '读卡器返回的数据过长，已丢弃并重新同步。',
  FRAME_GARBAGE: '读卡器数据中有无法识别的字节，已跳过。',
  FRAME_TRUNCATED: '读卡器数据不完整，请重新放卡。',
  REPLY_MALFORMED: '读卡器应答格式不正确，请重新放卡；若反复出现请检查读卡器型号设置。',
  REPLY_STATUS: '读卡器报告错误（见状态码），请重新放卡。',
  COMMAND_TIMEOUT: '读卡器无应答，请检查连接。',
  COMMAND_INVALID: '读卡命令参数无效（程序错误），请联系维护人员。',
  TRANSPORT_OPEN_FAILED: '无法打开读卡器，请检查是否被其他程序占用或权限不足。',
  TRANSPORT_CLOSED: '读卡器已断开，请重新插好USB线。',
  TRANSPORT_WRITE_FAILED: '无法向读卡器发送命令，请重新插好USB线。',
  HID_BINDING_UNAVAILABLE: 'USB HID 驱动组件无法加载，请安装 libusb-1.0 或改用串口读卡器。',
  READER_TABLE_INVALID: '读卡器型号表有误，请联系维护人员。',
  USB_BINDING_UNAVAILABLE: 'USB 驱动组件无法加载，请重新安装程序。',
  USB_PERMISSION: '没有打开该USB读卡器的权限：Linux 请按说明添加 udev 规则后重新插拔读卡器。',
  USB_DRIVER_MISSING: '该USB读卡器未绑定 WinUSB 驱动：请安装 WinUSB 驱动（如用 Zadig）后重新插拔。',
  USB_BUSY: 'USB读卡器被其他程序或驱动占用，请关闭厂商读卡软件后重试。',
  USB_STALL: '读卡器USB端点停止响应，正在恢复；若反复出现请重新插拔读卡器。',
  READER_UNSUPPORTED: '该设备不是可用的身份证读卡器（型号或模式不支持）。',
  NO_READER: '未找到身份证读卡器，请连接读卡器。',
  CARD_TEXT_INVALID: '证件信息无法解析，请重新放卡。',
  CARD_INPUT_INVALID: '演示证件数据有误，请检查培训数据。',
  RESOURCE_INVALID: '读卡器数据文件缺失或损坏，请重新安装程序。',
};

export function errorText(code: ReaderErrorCode, lang: 'zh' | 'en', fallback?: string): string {
  return lang === 'zh' ? ZH[code] : (fallback ?? code);
}
