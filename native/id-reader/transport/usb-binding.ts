import { ReaderError } from '../errors';

/*
 * The part of the `usb` package (v3, WebUSB-style API on nusb) the bulk transport and discovery
 * use. A simulated device implements exactly this, with the same object shapes (configuration ->
 * interfaces -> alternate -> endpoints) and the same transfer results.
 */
export type UsbDirection = 'in' | 'out';

export interface UsbEndpointLike {
  endpointNumber: number;
  direction: UsbDirection;
  type: 'bulk' | 'interrupt' | 'isochronous';
  packetSize: number;
}

export interface UsbAlternateLike {
  alternateSetting: number;
  interfaceClass: number;
  interfaceSubclass: number;
  interfaceProtocol: number;
  endpoints: UsbEndpointLike[];
}

export interface UsbInterfaceLike {
  interfaceNumber: number;
  claimed: boolean;
  alternate: UsbAlternateLike;
  alternates: UsbAlternateLike[];
}

export interface UsbConfigurationLike {
  configurationValue: number;
  interfaces: UsbInterfaceLike[];
}

export interface UsbInResult {
  data?: DataView;
  status: 'ok' | 'stall' | 'babble';
}

export interface UsbOutResult {
  bytesWritten: number;
  status: 'ok' | 'stall' | 'babble';
}

export interface UsbDeviceLike {
  vendorId: number;
  productId: number;
  manufacturerName?: string | null;
  productName?: string | null;
  serialNumber?: string | null;
  /** `usb` extensions: where the device sits, to tell two identical readers apart. */
  bus?: string;
  address?: number;
  readonly opened: boolean;
  readonly configuration?: UsbConfigurationLike | null;
  readonly configurations: UsbConfigurationLike[];
  open(): Promise<void>;
  close(): Promise<void>;
  selectConfiguration(value: number): Promise<void>;
  claimInterface(n: number): Promise<void>;
  releaseInterface(n: number): Promise<void>;
  /** The third argument (timeout, ms) is the `usb` package's extension of WebUSB. */
  transferIn(endpointNumber: number, length: number, timeout?: number): Promise<UsbInResult>;
  transferOut(endpointNumber: number, data: Uint8Array, timeout?: number): Promise<UsbOutResult>;
  clearHalt(direction: UsbDirection, endpointNumber: number): Promise<void>;
}

export interface UsbConnectionEventLike {
  device: UsbDeviceLike;
}

export interface UsbLike {
  getDevices(): Promise<UsbDeviceLike[]>;
  addEventListener(type: 'connect' | 'disconnect', listener: (ev: UsbConnectionEventLike) => void): void;
  removeEventListener(type: 'connect' | 'disconnect', listener: (ev: UsbConnectionEventLike) => void): void;
}

let loaded: Promise<UsbLike> | undefined;

/** The `usb` package's unrestricted WebUSB object, loaded on first use. */
export async function nodeUsb(): Promise<UsbLike> {
  loaded ??= (async () => {
    const mod = (await import('usb')) as unknown as { usb?: UsbLike; default?: { usb?: UsbLike } };
    const usb = mod.usb ?? mod.default?.usb;
    if (!usb) throw new Error('the usb package has no "usb" export');
    return usb;
  })();
  try {
    return await loaded;
  } catch (e) {
    loaded = undefined;
    const detail = e instanceof Error ? e.message : String(e);
    throw new ReaderError(
      'USB_BINDING_UNAVAILABLE',
      `USB support (the usb package) could not be loaded (${detail}); reinstall the app. HID and serial readers still work.`,
      { cause: e },
    );
  }
}

/** 0x81 -> { in, 1 }; 0x02 -> { out, 2 }. */
export function endpointOf(address: number): { direction: UsbDirection; number: number } {
  return { direction: address & 0x80 ? 'in' : 'out', number: address & 0x0f };
}

export function endpointAddress(ep: Pick<UsbEndpointLike, 'endpointNumber' | 'direction'>): number {
  return ep.endpointNumber | (ep.direction === 'in' ? 0x80 : 0);
}

/**
 * The active (or first) configuration, or undefined when the OS will not tell: reading descriptors
 * of a device that is not opened can fail (e.g. on Windows without WinUSB), and discovery must not.
 */
export function currentConfiguration(d: UsbDeviceLike): UsbConfigurationLike | undefined {
  try {
    return d.configuration ?? d.configurations[0];
  } catch {
    return undefined;
  }
}
