import type * as NodeHidModule from 'node-hid';
import { ReaderError } from '../errors';

/** The part of node-hid's HIDAsync the transport uses; a simulated device implements just this. */
export interface HidDeviceLike {
  write(values: number[] | Buffer): Promise<number>;
  close(): Promise<void>;
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  removeAllListeners(event?: string): unknown;
}

export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string;
  product?: string;
  manufacturer?: string;
  usagePage?: number;
  /** USB interface number (node-hid's `interface`). */
  interface?: number;
}

export interface HidBinding {
  devices(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidDeviceLike>;
}

type NodeHid = typeof NodeHidModule;

let loaded: Promise<NodeHid> | undefined;

/**
 * node-hid loads its native addon on first use. On Linux we pick the hidraw build (no detaching
 * of kernel drivers, works with udev rules on /dev/hidraw*). Its prebuilt addon is linked against
 * libusb-1.0.so.0 as well as libudev.so.1, so without the libusb-1.0-0 package even hidraw fails
 * to load; that failure becomes HID_BINDING_UNAVAILABLE instead of an exception at import time.
 */
async function nodeHid(): Promise<NodeHid> {
  loaded ??= (async () => {
    const mod = (await import('node-hid')) as NodeHid & { default?: NodeHid };
    const hid = mod.default ?? mod;
    if (process.platform === 'linux') hid.setDriverType('hidraw');
    // Force the addon to load now so a missing shared library surfaces here, once.
    await hid.devicesAsync();
    return hid;
  })();
  try {
    return await loaded;
  } catch (e) {
    loaded = undefined; // retry on next use: the library may get installed meanwhile
    throw bindingError(e);
  }
}

export function bindingError(e: unknown): ReaderError {
  const detail = e instanceof Error ? e.message : String(e);
  const hint = /libusb|libudev|shared object|No native build|cannot open/i.test(detail)
    ? 'Install the system USB libraries (Debian/Ubuntu: apt-get install libusb-1.0-0 libudev1) or use a serial-mode reader.'
    : 'Reinstall the app, or use a serial-mode reader.';
  return new ReaderError('HID_BINDING_UNAVAILABLE', `USB HID support could not be loaded (${detail}). ${hint}`, {
    cause: e,
  });
}

export const nodeHidBinding: HidBinding = {
  async devices() {
    const hid = await nodeHid();
    return (await hid.devicesAsync()).map((d) => ({
      vendorId: d.vendorId,
      productId: d.productId,
      ...(d.path ? { path: d.path } : {}),
      ...(d.product ? { product: d.product } : {}),
      ...(d.manufacturer ? { manufacturer: d.manufacturer } : {}),
      ...(d.usagePage !== undefined ? { usagePage: d.usagePage } : {}),
      ...(d.interface !== undefined && d.interface >= 0 ? { interface: d.interface } : {}),
    }));
  },
  async open(path) {
    const hid = await nodeHid();
    return hid.HIDAsync.open(path);
  },
};
