import { ReaderError } from '../errors';
import { udevRule } from '../table/readers';

/**
 * Turns what a USB library threw on open/claim into the error the admin can act on: a Linux
 * permission problem gets the udev rule, a Windows device without a WinUSB-bound driver gets
 * what to install, a device held by another program says so.
 */
export function usbOpenError(
  e: unknown,
  vidPid: string,
  what: string,
  platform: NodeJS.Platform = process.platform,
): ReaderError {
  if (e instanceof ReaderError) return e;
  const detail = e instanceof Error ? e.message : String(e);
  const rule = udevRule(vidPid);
  if (
    /not.?supported|winusb|no (such )?driver|driver.*(missing|not)/i.test(detail) ||
    (platform === 'win32' && /not found|entity/i.test(detail))
  ) {
    return new ReaderError(
      'USB_DRIVER_MISSING',
      `${what}: ${detail}. On Windows the reader needs a WinUSB-bound driver: install the vendor's WinUSB driver package, or bind WinUSB to ${vidPid} with Zadig (this replaces the vendor's own driver, so its tools stop seeing the reader). Then replug it.`,
      { cause: e, params: { vidPid } },
    );
  }
  if (/EACCES|permission|access (is )?denied|errno 13|os error 13/i.test(detail)) {
    if (platform === 'win32') {
      return new ReaderError(
        'USB_BUSY',
        `${what}: ${detail}. Another program or driver holds ${vidPid}; close the vendor's reader software and replug it.`,
        { cause: e, params: { vidPid } },
      );
    }
    return new ReaderError(
      'USB_PERMISSION',
      `${what}: ${detail}. No permission on the USB device: add the line ${rule} to /etc/udev/rules.d/60-id-reader.rules, run "udevadm control --reload", replug the reader, and make sure the terminal's user is in group plugdev.`,
      { cause: e, params: { vidPid, rule } },
    );
  }
  if (/busy|EBUSY|in use|claimed|os error 16/i.test(detail)) {
    return new ReaderError(
      'USB_BUSY',
      `${what}: ${detail}. Another program or a kernel driver holds ${vidPid}; close the vendor's reader software and replug it.`,
      { cause: e, params: { vidPid } },
    );
  }
  if (/no such device|ENODEV|disconnected|os error 19/i.test(detail)) {
    return new ReaderError('TRANSPORT_CLOSED', `${what}: ${detail}. The reader was unplugged; plug it back in.`, {
      cause: e,
      params: { vidPid },
    });
  }
  return new ReaderError('TRANSPORT_OPEN_FAILED', `${what}: ${detail}.`, { cause: e, params: { vidPid } });
}

/** A transfer error from a device that is gone, as opposed to one that merely timed out. */
export function isGone(e: unknown): boolean {
  const s = e instanceof Error ? e.message : String(e);
  return /no such device|ENODEV|disconnected|os error 19|device (was )?(removed|gone)|not open/i.test(s);
}

export function isTimeout(e: unknown): boolean {
  const s = e instanceof Error ? e.message : String(e);
  return /time ?d? ?out|ETIMEDOUT|os error 110/i.test(s);
}
