import type { HidDeviceLike } from '../id-reader/transport/hid-binding';
import { SigPadError } from './errors';
import { decodeReports, type DecodeResult } from './stu-decoder';
import type { Signature, SignaturePad } from './types';

/** node-hid's HIDAsync as the pad needs it: input reports, plus feature reports for its commands. */
export interface PadDeviceLike extends HidDeviceLike {
  sendFeatureReport(data: number[] | Buffer): Promise<number>;
}

/**
 * Commands as feature reports, per the public reverse-engineering of the STU-540 (UNCONFIRMED):
 * 0x20 clear the screen, 0x21 ink mode (1 = the pad draws the pen's trace itself).
 */
export const CLEAR_SCREEN = [0x20, 0x00] as const;
export const INK_ON = [0x21, 0x01] as const;
export const INK_OFF = [0x21, 0x00] as const;

/** A bound on one capture: about 100 s of writing at 200 Hz; a pad that floods is cut off, not followed. */
export const MAX_REPORTS = 20_000;

/**
 * A Wacom STU style HID pad. begin() clears it and turns ink on; pen reports are collected as they
 * come and decoded (stu-decoder, pure) at finish(). An unplug mid-capture ends it with SIGPAD_GONE.
 */
export class HidSignaturePad implements SignaturePad {
  readonly kind = 'hid' as const;
  private reports: Uint8Array[] = [];
  private capturing = false;
  private gone: SigPadError | null = null;
  /** What the last finish() dropped, for the log: a pad sending garbage shows here. */
  lastDropped: DecodeResult['dropped'] = {};

  constructor(
    private readonly dev: PadDeviceLike,
    readonly label: string,
  ) {
    dev.on('data', (r: Buffer) => {
      if (this.capturing && this.reports.length < MAX_REPORTS) this.reports.push(Uint8Array.from(r));
    });
    dev.on('error', (e: Error) => {
      this.gone = new SigPadError(
        'SIGPAD_GONE',
        `Signature pad ${label} stopped answering: ${e.message}`,
        {},
        { cause: e },
      );
    });
  }

  async begin(): Promise<void> {
    if (this.gone) throw this.gone;
    this.reports = [];
    await this.command(CLEAR_SCREEN);
    await this.command(INK_ON);
    this.capturing = true;
  }

  async finish(): Promise<Signature | null> {
    const was = this.capturing;
    this.capturing = false;
    if (this.gone) throw this.gone;
    if (!was) return null;
    await this.command(INK_OFF);
    const { signature, dropped } = decodeReports(this.reports);
    this.lastDropped = dropped;
    this.reports = [];
    return signature.strokes.length ? signature : null;
  }

  async close(): Promise<void> {
    this.capturing = false;
    this.dev.removeAllListeners();
    await this.dev.close().catch(() => undefined);
  }

  private async command(bytes: readonly number[]): Promise<void> {
    try {
      await this.dev.sendFeatureReport([...bytes]);
    } catch (e) {
      this.gone = new SigPadError(
        'SIGPAD_GONE',
        `Signature pad ${this.label} refused a command: ${String(e)}`,
        {},
        { cause: e },
      );
      throw this.gone;
    }
  }
}
