import { afterEach, describe, expect, it } from 'vitest';
import type { CardRead } from '../../../native/id-reader/card';
import { encodeCommand, encodeResponse, toHex } from '../../../native/id-reader/frame/codec';
import { ReaderManager } from '../../../native/id-reader/manager/manager';
import type { ReaderStatus } from '../../../native/id-reader/manager/status';
import { Simulator } from '../../../native/id-reader/sim/simulator';
import { HidTransport } from '../../../native/id-reader/transport/hid';
import { bindingError, nodeHidBinding } from '../../../native/id-reader/transport/hid-binding';
import { HidProfileSchema, defaultHidProfile, knownHidProfiles, type HidProfile } from '../../../native/id-reader/transport/hid-profile';
import { ReportUnpacker, packInputReports, packReports } from '../../../native/id-reader/transport/hid-reports';
import { FakeHidDevice } from '../../helpers/id-reader/fake-hid';
import { silentLogger, waitForEvent } from '../../helpers/id-reader/wait';

const NUMBERED: HidProfile = HidProfileSchema.parse({ name: 'numbered 32-byte, frame-len', reportSize: 32, reportId: 2, lengthByte: null, payloadOffset: 0, continuation: 'frame-len' });

describe('HID profiles', () => {
  it('the default is 64-byte reports, id 0, length byte first; all known ids get it', () => {
    expect(defaultHidProfile()).toMatchObject({ reportSize: 64, reportId: 0, lengthByte: 0, payloadOffset: 1, continuation: 'length-byte' });
    expect([...knownHidProfiles().keys()].sort()).toEqual(['0400:C35A', '10C4:8A1B', '2015:0008', '9573:4836']);
    expect(knownHidProfiles().get('10C4:8A1B')?.reportSize).toBe(64);
  });
  it('rejects an inconsistent profile', () => {
    expect(HidProfileSchema.safeParse({ ...defaultHidProfile(), lengthByte: null }).success).toBe(false);
  });
});

describe('HID report packing', () => {
  it('default profile: find-card is one 65-byte write [id 0, len 10, frame, zero pad]', () => {
    const [r, ...rest] = packReports(defaultHidProfile(), encodeCommand('findCard'));
    expect(rest).toHaveLength(0);
    expect(r).toHaveLength(65);
    expect(toHex(r!.subarray(0, 12))).toBe('00 0A AA AA AA 96 69 00 03 20 01 22');
    expect(r!.subarray(12).every((b) => b === 0)).toBe(true);
  });
  for (const p of [defaultHidProfile(), NUMBERED]) {
    it(`${p.name}: a 1295-byte reply survives packing, padding and unpacking`, () => {
      const frame = encodeResponse(0x90, Uint8Array.from({ length: 1284 }, (_, i) => i & 0xff));
      const reports = packInputReports(p, frame);
      expect(reports.length).toBe(Math.ceil(1295 / (p.reportSize - p.payloadOffset)));
      const u = new ReportUnpacker(p);
      const out = Buffer.concat(reports.map((r) => u.unpack(r)));
      expect(Buffer.compare(out, Buffer.from(frame))).toBe(0);
    });
  }
});

describe('HidTransport + manager through a simulated HIDAsync device', () => {
  const managers: ReaderManager[] = [];
  afterEach(async () => Promise.all(managers.splice(0).map((m) => m.stop())));

  for (const profile of [defaultHidProfile(), NUMBERED]) {
    it(`reads a card, and reports unplug (${profile.name})`, async () => {
      const sim = new Simulator();
      let dev: FakeHidDevice | undefined;
      const binding = {
        devices: async () => [{ vendorId: 0x10c4, productId: 0x8a1b, path: '/dev/hidraw-test', product: 'Test reader' }],
        open: async () => (dev = new FakeHidDevice(sim, profile)),
      };
      const m = new ReaderManager({
        discover: async () => ({ candidates: [{ id: 'hid', kind: 'hid', label: 'Test reader', vidPid: '10C4:8A1B', create: () => new HidTransport({ path: '/dev/hidraw-test', vidPid: '10C4:8A1B', profile, binding }) }], problems: [] }),
        pollIntervalMs: 5,
        logger: silentLogger,
        backoffInitialMs: 10,
      });
      managers.push(m);
      m.start();
      sim.place('foreign2023-garcia');
      const [r] = await waitForEvent<[CardRead]>(m, 'card-placed');
      expect(r.card.nameEn).toBe('GARCIA LOPEZ, MARIA FERNANDA EXAMPLE TEST');
      expect(dev!.written.every((w) => w.length === profile.reportSize + 1 && w[0] === profile.reportId)).toBe(true);
      const first = dev!;
      first.unplug();
      await waitForEvent(m, 'status', (s: ReaderStatus) => s.state === 'disconnected');
      expect(first.closed).toBe(true);
      await waitForEvent(m, 'status', (s: ReaderStatus) => s.state === 'connected');
      expect(dev).not.toBe(first);
    });
  }

  it('lists devices through the default discovery with an injected binding', async () => {
    const { discoverReaders } = await import('../../../native/id-reader/manager/discovery');
    const found = await discoverReaders({
      source: 'hid',
      hidBinding: {
        devices: async () => [
          { vendorId: 0x0400, productId: 0xc35a, path: 'kbd-interface', usagePage: 0x01 },
          { vendorId: 0x046d, productId: 0xc52b, path: 'mouse' },
          { vendorId: 0x0400, productId: 0xc35a, path: 'vendor-interface', usagePage: 0xff00 },
        ],
        open: async () => {
          throw new Error('not used');
        },
      },
    });
    expect(found.candidates.map((c) => `${c.vidPid} ${c.path}`)).toEqual(['0400:C35A vendor-interface', '0400:C35A kbd-interface']);
  });
});

describe('node-hid native binding', () => {
  it('turns a missing shared library into HID_BINDING_UNAVAILABLE with the fix', () => {
    const e = bindingError(new Error('libusb-1.0.so.0: cannot open shared object file: No such file or directory'));
    expect(e.code).toBe('HID_BINDING_UNAVAILABLE');
    expect(e.message).toContain('apt-get install libusb-1.0-0');
  });
  it('loads the hidraw binding on this machine and lists devices (an array, possibly empty), or fails typed', async () => {
    try {
      const list = await nodeHidBinding.devices();
      expect(Array.isArray(list)).toBe(true);
    } catch (e) {
      console.warn(`node-hid did not load here: ${String(e)}`);
      expect((e as { code?: string }).code).toBe('HID_BINDING_UNAVAILABLE');
    }
  });
});
