import { vidPidKey } from '../table/readers';
import type { UsbConnectionEventLike, UsbDeviceLike, UsbLike } from '../transport/usb-binding';

export interface HotplugEvent {
  vidPid: string;
  device: UsbDeviceLike;
}

/** Attach/detach of USB devices; the manager reconnects at once instead of waiting out its backoff. */
export interface Hotplug {
  on(event: 'attach' | 'detach', fn: (e: HotplugEvent) => void): () => void;
  close(): void;
}

/**
 * Hot-plug through the `usb` package. Its listener registration lists devices in a promise nobody
 * catches, so on a machine without a USB bus (no /sys/bus/usb) merely subscribing would crash the
 * process with an unhandled rejection; we list once first and subscribe only when that works.
 */
export async function usbHotplug(usb: UsbLike): Promise<Hotplug | undefined> {
  try {
    await usb.getDevices();
  } catch {
    return undefined;
  }
  const fns = { attach: new Set<(e: HotplugEvent) => void>(), detach: new Set<(e: HotplugEvent) => void>() };
  const relay = (kind: 'attach' | 'detach') => (ev: UsbConnectionEventLike) => {
    const e = { vidPid: vidPidKey(ev.device.vendorId, ev.device.productId), device: ev.device };
    for (const fn of fns[kind]) {
      try {
        fn(e);
      } catch {
        // a listener's bug must not stop the others
      }
    }
  };
  const onConnect = relay('attach');
  const onDisconnect = relay('detach');
  usb.addEventListener('connect', onConnect);
  usb.addEventListener('disconnect', onDisconnect);
  return {
    on(event, fn) {
      fns[event].add(fn);
      return () => fns[event].delete(fn);
    },
    close() {
      usb.removeEventListener('connect', onConnect);
      usb.removeEventListener('disconnect', onDisconnect);
      fns.attach.clear();
      fns.detach.clear();
    },
  };
}
