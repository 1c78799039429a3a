import { afterEach, describe, expect, it } from 'vitest';
import { encodeCommand, toHex } from '../../../native/id-reader/frame/codec';
import { ReaderClient } from '../../../native/id-reader/manager/client';
import { discoverReaders } from '../../../native/id-reader/manager/discovery';
import { ReaderManager } from '../../../native/id-reader/manager/manager';
import type { ReaderStatus } from '../../../native/id-reader/manager/status';
import { samStatus } from '../../../native/id-reader/manager/card-ops';
import { Simulator } from '../../../native/id-reader/sim/simulator';
import type { HidDeviceInfo } from '../../../native/id-reader/transport/hid-binding';
import { SimHidBinding, SimHidDevice } from '../../helpers/id-reader/fake-hid';
import { SimUsb, SimUsbDevice } from '../../helpers/id-reader/fake-usb';
import { silentLogger, waitForEvent } from '../../helpers/id-reader/wait';

const SAM_STATUS = toHex(encodeCommand('samStatus'));

/** A hall's worth of USB devices: readers of every kind, readers of unknown transport, and bystanders. */
function mixedSet() {
  const sim = new Simulator();
  const usb = new SimUsb([
    new SimUsbDevice({ vendorId: 0x0425, productId: 0x8159, layout: 'hid-inout', productName: 'HIDIDR', address: 2 }),
    new SimUsbDevice({
      vendorId: 0x0400,
      productId: 0xc35a,
      layout: 'bulk-4ep',
      sim,
      productName: 'USBIDR',
      address: 3,
    }),
    new SimUsbDevice({
      vendorId: 0x0400,
      productId: 0xc35a,
      layout: 'bulk-2ep',
      sim,
      productName: 'USBIDR',
      address: 4,
    }),
    new SimUsbDevice({ vendorId: 0x0316, productId: 0x5020, layout: 'bulk-2ep', sim, address: 5 }),
    // Unknown transport, a vendor-class interface: probed with SAM status only, and it answers.
    new SimUsbDevice({ vendorId: 0x2015, productId: 0x0008, layout: 'bulk-2ep', sim, address: 6 }),
    // Unknown transport, only a mass-storage interface: a standard class is never written to.
    new SimUsbDevice({ vendorId: 0x9573, productId: 0x4836, layout: 'storage', address: 7 }),
    // Not in the table at all: a USB stick, ST's generic custom-HID id used by something else, a DK cloud reader.
    new SimUsbDevice({ vendorId: 0x0781, productId: 0x5567, layout: 'storage', address: 8 }),
    new SimUsbDevice({
      vendorId: 0x0483,
      productId: 0x5750,
      layout: 'hid-inout',
      productName: 'STM32 Custom HID',
      address: 9,
    }),
    new SimUsbDevice({
      vendorId: 0x0483,
      productId: 0x572b,
      layout: 'hid-inout',
      productName: 'DK reader',
      address: 10,
    }),
  ]);
  const hidList: HidDeviceInfo[] = [
    {
      vendorId: 0x0425,
      productId: 0x8159,
      path: '/dev/hidraw-routon',
      product: 'HIDIDR',
      interface: 0,
      usagePage: 0xff00,
    },
    {
      vendorId: 0x046d,
      productId: 0xc52b,
      path: '/dev/hidraw-mouse',
      product: 'USB Receiver',
      interface: 0,
      usagePage: 0x01,
    },
    {
      vendorId: 0x0483,
      productId: 0x5750,
      path: '/dev/hidraw-stm32',
      product: 'STM32 Custom HID',
      interface: 0,
      usagePage: 0xff00,
    },
    {
      vendorId: 0x0483,
      productId: 0x572b,
      path: '/dev/hidraw-dk',
      product: 'DK reader',
      interface: 0,
      usagePage: 0xff00,
    },
  ];
  const hidDevices = new Map<string, SimHidDevice>();
  const hid = new SimHidBinding(hidList, (path) => {
    const d = new SimHidDevice(sim, { variant: 'interrupt' });
    hidDevices.set(path, d);
    return d;
  });
  const serialList = async () => [
    { path: '/dev/ttyUSB-xintong-none', vendorId: '10c4', productId: '8a1b', manufacturer: 'Silicon Labs' },
    { path: '/dev/ttyUSB-printer-none', vendorId: '0416', productId: '5011', manufacturer: 'Receipt printer' },
  ];
  return { sim, usb, hid, hidDevices, serialList };
}

const managers: ReaderManager[] = [];
afterEach(async () => Promise.all(managers.splice(0).map((m) => m.stop())));

describe('discovery over a mixed set of simulated devices', () => {
  it('picks the right transport for each reader, in a safe order, and leaves bystanders alone', async () => {
    const set = mixedSet();
    const found = await discoverReaders({
      source: 'auto',
      hidBinding: set.hid,
      usb: set.usb,
      serialList: set.serialList,
      sleep: async () => undefined,
    });
    expect(
      found.candidates.map((c) => `${c.vidPid} ${c.report?.transport ?? c.kind}${c.report?.probed ? ' (probe)' : ''}`),
    ).toEqual([
      '0425:8159 hid-raw',
      '0400:C35A usb-bulk-4ep',
      '0400:C35A usb-bulk-2ep',
      '0316:5020 usb-bulk-2ep',
      '10C4:8A1B serial-bridge (probe)',
      '2015:0008 usb-bulk-2ep (probe)',
    ]);
    const byId = Object.fromEntries(
      (found.devices ?? []).map((d) => [`${d.vidPid}${d.where ? ` ${d.where}` : ''}`, d.state]),
    );
    expect(byId).toMatchObject({ '0483:572B': 'unsupported', '9573:4836': 'failed' });
    expect(
      Object.keys(byId).some((k) => k.startsWith('0781') || k.startsWith('046D') || k.startsWith('0483:5750')),
    ).toBe(false);

    // Probe every candidate as the manager does (open, SAM status), then look at what each device received.
    const answered: string[] = [];
    for (const c of found.candidates) {
      const t = c.create();
      try {
        await t.open();
        const client = new ReaderClient(t);
        await samStatus((name, _k, data) => client.command(name, 300, data));
        answered.push(`${c.vidPid} ${c.report?.transport}`);
        client.dispose();
      } catch {
        // a candidate that fails is reported, not fatal
      } finally {
        await t.close();
      }
    }
    expect(answered).toEqual([
      '0425:8159 hid-raw',
      '0400:C35A usb-bulk-4ep',
      '0400:C35A usb-bulk-2ep',
      '0316:5020 usb-bulk-2ep',
      '2015:0008 usb-bulk-2ep',
    ]);
    // Only the known HID reader was opened through node-hid; the mouse, the ST and DK devices never.
    expect(set.hid.opened).toEqual(['/dev/hidraw-routon']);
    const dev = (vid: number, pid: number) => set.usb.devices.find((d) => d.vendorId === vid && d.productId === pid)!;
    // The probed unknown reader got SAM status and nothing else.
    expect(dev(0x2015, 0x0008).writes.map((w) => toHex(w.data))).toEqual([SAM_STATUS]);
    for (const [vid, pid] of [
      [0x9573, 0x4836],
      [0x0781, 0x5567],
      [0x0483, 0x5750],
      [0x0483, 0x572b],
      [0x0425, 0x8159],
    ] as const) {
      expect(dev(vid, pid).writes, `${vid.toString(16)}:${pid.toString(16)} was written to`).toEqual([]);
      expect(dev(vid, pid).opened).toBe(false);
    }
  });

  it('the manager connects to the first reader that answers and lists what it found, with reasons', async () => {
    const set = mixedSet();
    set.usb.devices.splice(0, 1); // no Routon HID descriptors: the remaining readers are tried in order
    (set.hid.list as HidDeviceInfo[]).splice(0, 1);
    (set.usb.devices[0]!.opts as { openError?: string }).openError = 'Permission denied (os error 13)';
    const m = new ReaderManager({
      source: 'auto',
      hidBinding: set.hid,
      usb: set.usb,
      serialList: set.serialList,
      sleep: async () => undefined,
      hotplug: false,
      logger: silentLogger,
      pollIntervalMs: 5,
      commandTimeoutMs: 200,
    });
    managers.push(m);
    m.start();
    const [st] = await waitForEvent<[ReaderStatus]>(m, 'status', (s: ReaderStatus) => s.state === 'connected');
    expect(st.reader).toMatchObject({ vidPid: '0400:C35A', transport: 'usb-bulk-2ep' });
    const dev = st.devices!;
    expect(dev.find((d) => d.transport === 'usb-bulk-4ep')).toMatchObject({
      state: 'failed',
      code: 'USB_PERMISSION',
      params: { vidPid: '0400:C35A' },
    });
    expect(dev.find((d) => d.transport === 'usb-bulk-2ep' && d.vidPid === '0400:C35A')).toMatchObject({
      state: 'ready',
      confirmed: 'public-code',
    });
    expect(dev.find((d) => d.vidPid === '0483:572B')).toMatchObject({
      state: 'unsupported',
      code: 'READER_UNSUPPORTED',
    });
  });

  it('a configured VID:PID outside the table is probed with SAM status only', async () => {
    const sim = new Simulator();
    const d = new SimUsbDevice({ vendorId: 0x1234, productId: 0x5678, layout: 'bulk-2ep', sim });
    const usb = new SimUsb([d]);
    const none = await discoverReaders({
      source: 'auto',
      usb,
      hidBinding: new SimHidBinding([], () => undefined as never),
      serialList: async () => [],
    });
    expect(none.candidates).toEqual([]);
    const named = await discoverReaders({
      source: 'auto',
      device: '1234:5678',
      usb,
      hidBinding: new SimHidBinding([], () => undefined as never),
      serialList: async () => [],
    });
    expect(named.candidates.map((c) => `${c.report?.transport} ${c.report?.probed}`)).toEqual(['usb-bulk-2ep true']);
  });

  it('reports a listing that fails (no USB bus, no HID addon) as a problem and still lists the rest', async () => {
    const set = mixedSet();
    const found = await discoverReaders({
      source: 'auto',
      hidBinding: {
        devices: async () => Promise.reject(new Error('libusb-1.0.so.0: cannot open shared object file')),
        open: async () => Promise.reject(new Error('x')),
      },
      usb: set.usb,
      serialList: async () => [],
    });
    expect(found.problems.map((p) => p.code)).toEqual(['HID_BINDING_UNAVAILABLE']);
    expect(found.candidates.length).toBeGreaterThan(0);
  });
});
