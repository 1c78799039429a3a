import { ReaderManager, type ReaderManagerConfig } from '../../../native/id-reader/manager/manager';
import type { HidDeviceInfo } from '../../../native/id-reader/transport/hid-binding';
import { Simulator } from '../../../native/id-reader/sim/simulator';
import { SimHidBinding, SimHidDevice } from './fake-hid';
import { SimUsb, SimUsbDevice } from './fake-usb';
import { silentLogger } from './wait';

export type RigKind = 'hid-control' | 'hid-interrupt' | 'bulk-4ep' | 'bulk-2ep';
export const RIG_KINDS: RigKind[] = ['hid-control', 'hid-interrupt', 'bulk-4ep', 'bulk-2ep'];

export interface Rig {
  sim: Simulator;
  usb: SimUsb;
  hid: SimHidBinding;
  hidDevices: SimHidDevice[];
  usbDevice?: SimUsbDevice;
  config: ReaderManagerConfig;
}

/**
 * One simulated reader of a kind, seen through the real libraries' shapes: a Routon HID reader
 * (0425:8159) listed by node-hid with its USB descriptors listed by `usb`, or a 0400:C35A
 * vendor-bulk reader listed by `usb` only. The manager is configured with real discovery.
 */
export function rig(kind: RigKind, opts: { leadingZeros?: number; busyMs?: number; sim?: Simulator } = {}): Rig {
  const sim = opts.sim ?? new Simulator();
  const hidDevices: SimHidDevice[] = [];
  const usb = new SimUsb();
  let hidList: HidDeviceInfo[] = [];
  let usbDevice: SimUsbDevice | undefined;
  if (kind.startsWith('hid')) {
    const variant = kind === 'hid-control' ? 'control' : 'interrupt';
    usb.devices.push(
      new SimUsbDevice({
        vendorId: 0x0425,
        productId: 0x8159,
        layout: variant === 'control' ? 'hid-in' : 'hid-inout',
        productName: 'HIDIDR',
      }),
    );
    hidList = [
      {
        vendorId: 0x0425,
        productId: 0x8159,
        path: '/dev/hidraw-sim0',
        product: 'HIDIDR',
        manufacturer: 'Routon',
        interface: 0,
        usagePage: 0xff00,
      },
    ];
  } else {
    usbDevice = new SimUsbDevice({
      vendorId: 0x0400,
      productId: 0xc35a,
      layout: kind as 'bulk-4ep' | 'bulk-2ep',
      sim,
      productName: 'USBIDR',
      leadingZeros: opts.leadingZeros ?? 0,
      busyMs: opts.busyMs ?? 0,
    });
    usb.devices.push(usbDevice);
  }
  const hid = new SimHidBinding(hidList, () => {
    const d = new SimHidDevice(sim, {
      variant: kind === 'hid-control' ? 'control' : 'interrupt',
      leadingZeros: opts.leadingZeros ?? 0,
    });
    hidDevices.push(d);
    return d;
  });
  const config: ReaderManagerConfig = {
    source: 'auto',
    hidBinding: hid,
    usb,
    serialList: async () => [],
    sleep: async () => undefined,
    pollIntervalMs: 5,
    commandTimeoutMs: 300,
    readTimeoutMs: 600,
    backoffInitialMs: 10,
    backoffMaxMs: 40,
    logger: silentLogger,
    now: () => new Date(2026, 5, 1),
  };
  return { sim, usb, hid, hidDevices, ...(usbDevice ? { usbDevice } : {}), config };
}

export function managerFor(r: Rig, extra: ReaderManagerConfig = {}): ReaderManager {
  return new ReaderManager({ ...r.config, ...extra });
}
