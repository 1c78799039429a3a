import { afterEach, describe, expect, it } from 'vitest';
import type { CardRead } from '../../../native/id-reader/card';
import { encodeCommand, toHex } from '../../../native/id-reader/frame/codec';
import type { ReaderManager } from '../../../native/id-reader/manager/manager';
import type { ReaderStatus } from '../../../native/id-reader/manager/status';
import { BUILTIN_DEMO_CARDS } from '../../../native/id-reader/sim/demo-cards';
import { lookupReader, readerTable, udevRule } from '../../../native/id-reader/table/readers';
import { RIG_KINDS, managerFor, rig } from '../../helpers/id-reader/rigs';
import { waitForEvent } from '../../helpers/id-reader/wait';

const managers: ReaderManager[] = [];
afterEach(async () => Promise.all(managers.splice(0).map((m) => m.stop())));

describe('reader table (resources/id-reader/readers.json)', () => {
  it('has the Routon HID entry as raw frames in 64-byte reports, no length byte, with its init', () => {
    const e = lookupReader('0425:8159')!;
    expect(e.transports).toEqual([
      {
        type: 'hid-raw',
        interface: 0,
        reportSize: 64,
        reportId: 0,
        variant: 'auto',
        init: Uint8Array.from([0x55, 0xaa, 0x04, 0x68, 0xff, 0xff, 0x93]),
      },
    ]);
    expect(e.confirmed).toBe('public-code');
  });
  it('has 0400:C35A as vendor bulk, four endpoints (02/06 out, 81/85 in, 400 ms settle) then two', () => {
    const t = lookupReader('0400:c35a')!.transports;
    expect(t.map((x) => x.type)).toEqual(['usb-bulk-4ep', 'usb-bulk-2ep']);
    expect(t[0]).toMatchObject({ outHeader: 0x02, outBody: 0x06, inHeader: 0x81, inBody: 0x85, settleMs: 400 });
  });
  it('keeps the ids of unknown transport, marked guessed with nothing to write, and no HID length-byte layout anywhere', () => {
    for (const id of ['10C4:8A1B', '2015:0008', '9573:4836', '28E9:028A', '0483:5652'])
      expect(lookupReader(id)).toMatchObject({ transports: [], confirmed: 'guessed' });
    expect(JSON.stringify(readerTable())).not.toMatch(/lengthByte|length-byte/);
  });
  it('never takes the shared ST custom-HID id 0483:5750 for a reader by its id alone', () => {
    expect(lookupReader('0483:5750', 'STM32 Custom HID')).toBeUndefined();
    expect(lookupReader('0483:5750', 'Telpo IDR')).toBeDefined();
  });
  it('marks ids that cannot read cards as unsupported with the reason', () => {
    expect(lookupReader('0483:572B')?.unsupported).toMatch(/not the SAM frame/);
    expect(lookupReader('0483:DF11')?.unsupported).toMatch(/firmware-update/);
  });
  it('gives a udev rule that matches the raw USB node and the hidraw node', () => {
    expect(udevRule('0400:C35A')).toBe(
      'SUBSYSTEMS=="usb", ATTRS{idVendor}=="0400", ATTRS{idProduct}=="c35a", MODE="0660", GROUP="plugdev", TAG+="uaccess"',
    );
  });
});

describe.each(RIG_KINDS)(
  'simulated %s reader: discovery -> SAM status -> find/select/read of every card kind',
  (kind) => {
    it('reads every demo card, each kind decoded', async () => {
      const r = rig(kind, { leadingZeros: kind === 'bulk-2ep' || kind === 'hid-control' ? 3 : 0 });
      const m = managerFor(r);
      managers.push(m);
      m.start();
      const [st] = await waitForEvent<[ReaderStatus]>(m, 'status', (s: ReaderStatus) => s.state === 'connected');
      const want = kind.startsWith('hid') ? 'hid-raw' : `usb-${kind}`;
      expect(st.reader).toMatchObject({ vidPid: kind.startsWith('hid') ? '0425:8159' : '0400:C35A', transport: want });
      expect(st.devices?.find((d) => d.transport === want)).toMatchObject({ state: 'ready', confirmed: 'public-code' });
      const kinds = new Set<string>();
      for (const c of BUILTIN_DEMO_CARDS) {
        r.sim.place(c.id);
        const [read] = await waitForEvent<[CardRead]>(m, 'card-placed');
        expect(read.card.number).toBe((c as { number: string }).number);
        expect(read.photo).toHaveLength(1024);
        kinds.add(read.card.kind);
        r.sim.remove();
        await waitForEvent(m, 'card-removed');
      }
      expect([...kinds].sort()).toEqual(['foreign_2017', 'foreign_2023', 'hmt_permit', 'resident']);
    });
  },
);

describe('byte layouts on the wire', () => {
  it('Routon HID, interrupt variant: init 55 AA 04 68 FF FF 93 first, then raw SAM frames from byte 0, zero-padded, on the OUT pipe', async () => {
    const r = rig('hid-interrupt');
    const m = managerFor(r);
    managers.push(m);
    m.start();
    await waitForEvent(m, 'status', (s: ReaderStatus) => s.state === 'connected');
    const wire = r.hidDevices[0]!.wire;
    expect(wire.every((w) => w.pipe === 'interrupt' && w.data.length === 64)).toBe(true);
    expect(toHex(wire[0]!.data.subarray(0, 8))).toBe('55 AA 04 68 FF FF 93 00');
    expect(toHex(wire[1]!.data.subarray(0, 11))).toBe(`${toHex(encodeCommand('samStatus'))} 00`);
    expect(wire[1]!.data.subarray(10).every((b) => b === 0)).toBe(true);
  });
  it('Routon HID, control variant: no init; each command is SET_REPORT 21 09 wValue 0200 on interface 0', async () => {
    const r = rig('hid-control');
    const m = managerFor(r);
    managers.push(m);
    m.start();
    await waitForEvent(m, 'status', (s: ReaderStatus) => s.state === 'connected');
    const wire = r.hidDevices[0]!.wire;
    expect(r.hidDevices[0]!.initSeen).toBe(0);
    expect(wire[0]).toMatchObject({
      pipe: 'control',
      setup: { bmRequestType: 0x21, bRequest: 0x09, wValue: 0x0200, wIndex: 0 },
    });
    expect(toHex(wire[0]!.data.subarray(0, 10))).toBe(toHex(encodeCommand('samStatus')));
  });
  it('0400:C35A four endpoints: 7 header bytes to OUT 0x02, CMD PARA CHK to OUT 0x06', async () => {
    const r = rig('bulk-4ep');
    const m = managerFor(r);
    managers.push(m);
    m.start();
    await waitForEvent(m, 'status', (s: ReaderStatus) => s.state === 'connected');
    const w = r.usbDevice!.writes;
    expect(w.slice(0, 2).map((x) => `${x.endpoint}:${toHex(x.data)}`)).toEqual([
      '2:AA AA AA 96 69 00 03',
      '6:11 FF ED',
    ]);
  });
  it('0400:C35A two endpoints: the whole frame to the one OUT endpoint', async () => {
    const r = rig('bulk-2ep');
    const m = managerFor(r);
    managers.push(m);
    m.start();
    await waitForEvent(m, 'status', (s: ReaderStatus) => s.state === 'connected');
    expect(toHex(r.usbDevice!.writes[0]!.data)).toBe(toHex(encodeCommand('samStatus')));
  });
  it('the four-endpoint layout waits its settle time after each send; the two-endpoint one does not', async () => {
    for (const kind of ['bulk-4ep', 'bulk-2ep'] as const) {
      const r = rig(kind);
      const waits: number[] = [];
      const m = managerFor(r, { sleep: async (ms) => void waits.push(ms) });
      managers.push(m);
      m.start();
      await waitForEvent(m, 'status', (s: ReaderStatus) => s.state === 'connected');
      await m.stop();
      if (kind === 'bulk-4ep') expect(waits.length > 0 && waits.every((x) => x === 400)).toBe(true);
      else expect(waits).toEqual([]);
    }
  });
});

describe('HID variant without readable descriptors', () => {
  it('tries the control variant, then the interrupt one with the init, and connects on the one that answers', async () => {
    const { Simulator } = await import('../../../native/id-reader/sim/simulator');
    const { SimHidBinding, SimHidDevice } = await import('../../helpers/id-reader/fake-hid');
    const sim = new Simulator();
    const opened: InstanceType<typeof SimHidDevice>[] = [];
    const hid = new SimHidBinding(
      [{ vendorId: 0x0425, productId: 0x8159, path: '/dev/hidraw-x', interface: 0 }],
      () => {
        const d = new SimHidDevice(sim, { variant: 'interrupt', requireInit: true });
        opened.push(d);
        return d;
      },
    );
    const r = rig('hid-interrupt');
    const m = managerFor(r, { hidBinding: hid, usb: null, commandTimeoutMs: 100 });
    managers.push(m);
    m.start();
    await waitForEvent(m, 'status', (s: ReaderStatus) => s.state === 'connected', 3000);
    expect(opened).toHaveLength(2);
    expect(opened[0]!.initSeen).toBe(0);
    expect(opened[1]!.initSeen).toBe(1);
  });
});

describe('USB failures, as the admin sees them', () => {
  it('Linux permission denied on 0400:C35A: USB_PERMISSION with the udev rule, in status and device list', async () => {
    const r = rig('bulk-2ep');
    (r.usbDevice!.opts as { openError?: string }).openError = 'Permission denied (os error 13)';
    const m = managerFor(r);
    managers.push(m);
    m.start();
    const [st] = await waitForEvent<[ReaderStatus]>(m, 'status', (s: ReaderStatus) => s.code === 'USB_PERMISSION');
    expect(st.state).toBe('unavailable');
    expect(st.params?.rule).toBe(udevRule('0400:C35A'));
    expect(st.devices?.[0]).toMatchObject({ vidPid: '0400:C35A', state: 'failed', code: 'USB_PERMISSION' });
    expect(st.message).toContain('/etc/udev/rules.d/');
  });
  it('Windows without WinUSB: USB_DRIVER_MISSING naming WinUSB and Zadig', async () => {
    const { usbOpenError } = await import('../../../native/id-reader/transport/open-errors');
    const e = usbOpenError(new Error('NOT_SUPPORTED'), '0400:C35A', 'open', 'win32');
    expect(e.code).toBe('USB_DRIVER_MISSING');
    expect(e.message).toMatch(/WinUSB.*Zadig/);
    expect(usbOpenError(new Error('Device or resource busy (os error 16)'), '0400:C35A', 'open', 'linux').code).toBe(
      'USB_BUSY',
    );
  });
  it('hot-plug: an unplug is seen at once, and a replug reconnects', async () => {
    const r = rig('bulk-2ep');
    const m = managerFor(r, { backoffInitialMs: 5_000, backoffMaxMs: 5_000 });
    managers.push(m);
    m.start();
    await waitForEvent(m, 'status', (s: ReaderStatus) => s.state === 'connected');
    expect(r.usb.listenerCount).toBe(2);
    const dev = r.usbDevice!;
    r.usb.unplug(dev);
    await waitForEvent(m, 'status', (s: ReaderStatus) => s.state === 'disconnected', 2000);
    const { SimUsbDevice } = await import('../../helpers/id-reader/fake-usb');
    // Plugged back in: the attach event cuts the 5 s backoff short.
    r.usb.plug(new SimUsbDevice({ ...dev.opts }));
    await waitForEvent(m, 'status', (s: ReaderStatus) => s.state === 'connected', 2000);
    await m.stop();
    expect(r.usb.listenerCount).toBe(0);
  });
  it('an unplug in the middle of a read ends the session with TRANSPORT_CLOSED', async () => {
    const r = rig('bulk-4ep', { busyMs: 50 });
    const m = managerFor(r, { hotplug: false });
    managers.push(m);
    m.start();
    await waitForEvent(m, 'status', (s: ReaderStatus) => s.state === 'connected');
    r.sim.place('resident-wang');
    await waitForEvent(m, 'status', (s: ReaderStatus) => s.state === 'reading');
    r.usbDevice!.unplug();
    const [st] = await waitForEvent<[ReaderStatus]>(m, 'status', (s: ReaderStatus) => s.state === 'disconnected');
    expect(st.code).toBe('TRANSPORT_CLOSED');
  });
});
