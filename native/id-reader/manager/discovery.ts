import { SerialPort } from 'serialport';
import { ReaderError, asReaderError } from '../errors';
import { SimulatorTransport } from '../sim/sim-transport';
import type { Simulator } from '../sim/simulator';
import {
  describeReader,
  knownSerialBridges,
  lookupReader,
  readerTable,
  vidPidKey,
  type KnownReader,
} from '../table/readers';
import { HidRawSpec, type Bulk2Spec, type Bulk4Spec, type ReaderTable, type TransportType } from '../table/schema';
import { nodeHidBinding, type HidBinding, type HidDeviceInfo } from '../transport/hid-binding';
import { HidRawTransport } from '../transport/hid-raw';
import { SerialTransport, type SerialOptions } from '../transport/serial';
import type { Transport, TransportKind } from '../transport/types';
import { UsbBulkTransport, layoutOf } from '../transport/usb-bulk';
import { currentConfiguration, nodeUsb, type UsbDeviceLike, type UsbLike } from '../transport/usb-binding';
import type { DeviceReport } from './devices';

export interface ReaderCandidate {
  id: string;
  kind: TransportKind;
  label: string;
  vidPid?: string;
  path?: string;
  /** The USB device behind a usb-bulk candidate (hot-plug matches detach events on it). */
  usbDevice?: UsbDeviceLike;
  /** What the status and device view show about it; the manager fills in the outcome. */
  report?: DeviceReport;
  create(): Transport;
}

export interface SerialPortInfo {
  path: string;
  vendorId?: string;
  productId?: string;
  manufacturer?: string;
}

export interface DiscoveryOptions {
  source: 'auto' | 'hid' | 'usb' | 'serial' | 'simulator';
  /** 'VID:PID', a serial device path, or part of a reader's name. */
  device?: string;
  serial?: Omit<SerialOptions, 'path'>;
  simulator?: Simulator;
  hidBinding?: HidBinding;
  /** The `usb` package's WebUSB object; null = do not use it. */
  usb?: UsbLike | null;
  serialList?: () => Promise<SerialPortInfo[]>;
  table?: ReaderTable;
  /** Test seam for the 4-endpoint settle wait. */
  sleep?: (ms: number) => Promise<void>;
}

export interface DiscoveryResult {
  candidates: ReaderCandidate[];
  /** Why a whole family could not be listed (e.g. the HID addon failed to load). */
  problems: ReaderError[];
  /** Every reader-like device seen, including ones that cannot be used, for the device view. */
  devices?: DeviceReport[];
}

function isPath(s: string): boolean {
  return s.startsWith('/') || /^COM\d+$/i.test(s) || s.startsWith('\\\\.\\');
}

interface Seen {
  hid: HidDeviceInfo[];
  usb: UsbDeviceLike[];
  serial: SerialPortInfo[];
}

function serialKey(p: SerialPortInfo): string | undefined {
  return p.vendorId && p.productId
    ? `${p.vendorId.padStart(4, '0')}:${p.productId.padStart(4, '0')}`.toUpperCase()
    : undefined;
}

function report(
  e: KnownReader,
  transport: DeviceReport['transport'],
  where: string | undefined,
  extra: Partial<DeviceReport> = {},
): DeviceReport {
  return {
    vidPid: e.vidPid,
    vendor: e.vendor,
    ...(e.vendorZh ? { vendorZh: e.vendorZh } : {}),
    model: e.model,
    transport,
    confirmed: e.confirmed,
    ...(where ? { where } : {}),
    state: 'found',
    ...extra,
  };
}

/** An id the configuration names but the table lacks: probed like an entry of unknown transport. */
function adHocEntry(vidPid: string): KnownReader {
  return {
    vidPid,
    vendor: 'unknown',
    model: `configured device ${vidPid}`,
    transports: [],
    try: ['serial-bridge', 'hid-raw', 'usb-bulk'],
    confirmed: 'guessed',
    evidence: 'named in the configuration',
  };
}

/**
 * Readers the configuration allows, in the order they are probed. Only devices in the reader
 * table (or the one the configuration names) become candidates; everything else is never opened.
 * Known transports come first; an entry with no known transport is offered on each interface it
 * exposes (serial, then HID, then vendor-class bulk), and the manager only sends it SAM status.
 * Choosing the layout reads descriptors only. Never throws.
 */
export async function discoverReaders(o: DiscoveryOptions): Promise<DiscoveryResult> {
  const problems: ReaderError[] = [];
  if (o.source === 'simulator') {
    const sim = o.simulator;
    if (!sim)
      return {
        candidates: [],
        problems: [
          new ReaderError('NO_READER', 'Simulator source chosen but no simulator was given; this is a setup error.'),
        ],
      };
    return {
      candidates: [
        {
          id: 'simulator',
          kind: 'simulator',
          label: 'Simulated reader (training)',
          create: () => new SimulatorTransport(sim),
        },
      ],
      problems,
    };
  }
  // An explicit path (a pty in tests, a fixed COM port) is used as is, even if the OS listing fails or omits it.
  if (o.source !== 'hid' && o.source !== 'usb' && o.device && isPath(o.device)) {
    const path = o.device;
    return {
      candidates: [
        {
          id: `serial:${path}`,
          kind: 'serial',
          label: `Serial ${path}`,
          path,
          create: () => new SerialTransport({ ...o.serial, path }),
        },
      ],
      problems,
    };
  }
  let table: ReaderTable;
  try {
    table = o.table ?? readerTable();
  } catch (e) {
    return { candidates: [], problems: [asReaderError(e, 'READER_TABLE_INVALID', 'Reader table')] };
  }
  const seen: Seen = { hid: [], usb: [], serial: [] };
  const want = (s: 'hid' | 'usb' | 'serial') => o.source === 'auto' || o.source === s;
  if (want('hid'))
    await list(
      problems,
      'HID_BINDING_UNAVAILABLE',
      'Listing HID devices',
      async () => (seen.hid = await (o.hidBinding ?? nodeHidBinding).devices()),
    );
  // Descriptors from `usb` also tell the HID variant, so list them for HID too.
  if ((want('usb') || want('hid')) && o.usb !== null) {
    // nodeUsb() fails typed (USB_BINDING_UNAVAILABLE); a listing error after it means no usable USB bus (e.g. no /sys/bus/usb).
    await list(
      problems,
      'NO_READER',
      'Listing USB devices (no USB bus, or no access to it)',
      async () => (seen.usb = await (o.usb ?? (await nodeUsb())).getDevices()),
    );
  }
  if (want('serial'))
    await list(
      problems,
      'NO_READER',
      'Listing serial ports',
      async () => (seen.serial = await (o.serialList ?? SerialPort.list)()),
    );

  const wanted = o.device?.toUpperCase();
  const entries = new Map<string, KnownReader>();
  const product = new Map<string, string>();
  for (const d of seen.hid) product.set(vidPidKey(d.vendorId, d.productId), d.product ?? '');
  for (const d of seen.usb) product.set(vidPidKey(d.vendorId, d.productId), d.productName ?? '');
  for (const p of seen.serial) if (serialKey(p)) product.set(serialKey(p)!, p.manufacturer ?? '');
  for (const [key, name] of product) {
    const e = lookupReader(key, name, table) ?? (wanted === key ? adHocEntry(key) : undefined);
    if (e) entries.set(key, e);
  }

  const known: ReaderCandidate[] = [];
  const probes: ReaderCandidate[] = [];
  const devices: DeviceReport[] = [];
  for (const e of entries.values()) {
    if (e.unsupported) {
      devices.push(
        report(e, 'none', undefined, {
          state: 'unsupported',
          code: 'READER_UNSUPPORTED',
          params: {
            vidPid: e.vidPid,
            reason: e.unsupported,
            ...(e.unsupportedZh ? { reasonZh: e.unsupportedZh } : {}),
          },
          message: `${describeReader(e)} (${e.vidPid}): ${e.unsupported}`,
        }),
      );
      continue;
    }
    const before = known.length + probes.length;
    if (e.transports.length > 0) known.push(...knownCandidates(e, seen, o));
    else probes.push(...probeCandidates(e, seen, o));
    for (const c of [...known, ...probes].slice(before)) if (c.report) devices.push(c.report);
    if (known.length + probes.length === before) {
      devices.push(
        report(e, 'none', undefined, {
          state: 'failed',
          code: 'READER_UNSUPPORTED',
          params: {
            vidPid: e.vidPid,
            reason: 'no interface matches a transport in the reader table',
            reasonZh: '没有与读卡器型号表相符的USB接口',
          },
          message: `${describeReader(e)} (${e.vidPid}): none of its USB interfaces matches the reader table; capture its traffic and update readers.json.`,
        }),
      );
    }
  }
  const bridges = knownSerialBridges(table);
  const serialBridges: ReaderCandidate[] = [];
  for (const p of seen.serial) {
    const key = serialKey(p);
    if (!key || entries.has(key)) continue;
    const named = o.device !== undefined && (p.manufacturer ?? '').includes(o.device);
    // Only known USB-serial bridges are probed unasked, so no other serial device gets written to.
    if (bridges.has(key) || named)
      serialBridges.push(
        serialCandidate(
          o,
          p,
          {
            vidPid: key,
            vendor: p.manufacturer ?? 'USB-serial bridge',
            model: 'serial-mode reader',
            transports: [],
            try: [],
            confirmed: 'guessed',
            evidence: 'serial bridge list',
          },
          false,
        ),
      );
  }
  // Probes go least intrusive first: a tty write, then a HID report, then claiming a USB interface.
  const rank = (c: ReaderCandidate) => ['serial', 'hid', 'usb'].indexOf(c.kind);
  probes.sort((a, b) => rank(a) - rank(b));
  return { candidates: [...known, ...probes, ...serialBridges], problems, devices };
}

async function list(
  problems: ReaderError[],
  code: 'HID_BINDING_UNAVAILABLE' | 'USB_BINDING_UNAVAILABLE' | 'NO_READER',
  what: string,
  fn: () => Promise<unknown>,
): Promise<void> {
  try {
    await fn();
  } catch (e) {
    problems.push(asReaderError(e, code, what));
  }
}

function knownCandidates(e: KnownReader, seen: Seen, o: DiscoveryOptions): ReaderCandidate[] {
  const out: ReaderCandidate[] = [];
  const usbDevs = seen.usb.filter((d) => vidPidKey(d.vendorId, d.productId) === e.vidPid);
  const taken = new Set<UsbDeviceLike>();
  for (const spec of e.transports) {
    if (spec.type === 'hid-raw') {
      for (const h of hidInterfaces(e.vidPid, seen.hid, spec.interface)) {
        const known = spec.variant !== 'auto' ? spec.variant : hidVariant(usbDevs[0], spec.interface);
        if (known) {
          out.push(hidCandidate(o, e, h, { ...spec, variant: known }, known, false));
          continue;
        }
        // Descriptors unreadable: try the plain variant, then the interrupt one with the table's init.
        for (const variant of ['control', 'interrupt'] as const)
          out.push(hidCandidate(o, e, h, { ...spec, variant }, variant, false));
      }
    } else if (spec.type === 'serial-bridge') {
      for (const p of seen.serial.filter((p) => serialKey(p) === e.vidPid))
        out.push(serialCandidate(o, p, e, false, spec.baudRate));
    } else {
      // One candidate per device: the first layout in the table its endpoint descriptors match.
      for (const d of usbDevs) {
        if (taken.has(d) || !matchesLayout(d, spec)) continue;
        taken.add(d);
        out.push(usbCandidate(o, e, d, spec, false));
      }
    }
  }
  return out;
}

/** Unknown transport: every interface it exposes, in the entry's order, each probed with SAM status only. */
function probeCandidates(e: KnownReader, seen: Seen, o: DiscoveryOptions): ReaderCandidate[] {
  const out: ReaderCandidate[] = [];
  for (const kind of e.try) {
    if (kind === 'serial-bridge')
      for (const p of seen.serial.filter((p) => serialKey(p) === e.vidPid)) out.push(serialCandidate(o, p, e, true));
    if (kind === 'hid-raw') {
      // Default raw layout, control variant, no init: nothing but the SAM-status frame is written.
      const spec = HidRawSpec.parse({ type: 'hid-raw', variant: 'control' });
      for (const h of hidInterfaces(e.vidPid, seen.hid)) out.push(hidCandidate(o, e, h, spec, 'control', true));
    }
    if (kind === 'usb-bulk') {
      for (const d of seen.usb.filter((d) => vidPidKey(d.vendorId, d.productId) === e.vidPid)) {
        // Only a vendor-class interface is a candidate; a standard class (HID, storage, CDC) is never written to here.
        const iface = currentConfiguration(d)?.interfaces.find(
          (i) => i.alternate.interfaceClass === 0xff && layoutOf(i, STD_4EP) !== undefined,
        );
        if (!iface) continue;
        const spec: Bulk4Spec | Bulk2Spec =
          layoutOf(iface, STD_4EP) === 'usb-bulk-4ep'
            ? { ...STD_4EP, interface: iface.interfaceNumber }
            : { type: 'usb-bulk-2ep', interface: iface.interfaceNumber, packetSize: 64, settleMs: 0 };
        out.push(usbCandidate(o, e, d, spec, true));
      }
    }
  }
  return out;
}

/** The four-endpoint layout of the SAM protocol document. */
const STD_4EP: Bulk4Spec = {
  type: 'usb-bulk-4ep',
  interface: 0,
  outHeader: 0x02,
  outBody: 0x06,
  inHeader: 0x81,
  inBody: 0x85,
  packetSize: 64,
  settleMs: 400,
};

function matchesLayout(d: UsbDeviceLike, spec: Bulk4Spec | Bulk2Spec): boolean {
  const ifaces = currentConfiguration(d)?.interfaces ?? [];
  return ifaces.some(
    (i) =>
      (spec.interface === undefined || i.interfaceNumber === spec.interface) &&
      (spec.type === 'usb-bulk-4ep'
        ? layoutOf(i, spec) === 'usb-bulk-4ep'
        : layoutOf(i) === 'usb-bulk-2ep' || (i.alternate.interfaceClass === 0xff && layoutOf(i) !== undefined)),
  );
}

/** HID interfaces of a device, the vendor-defined usage page (0xFF00+) first: that one speaks SAM frames. */
function hidInterfaces(vidPid: string, hid: HidDeviceInfo[], iface?: number): HidDeviceInfo[] {
  return hid
    .filter(
      (d) =>
        vidPidKey(d.vendorId, d.productId) === vidPid &&
        d.path &&
        (iface === undefined || d.interface === undefined || d.interface === iface),
    )
    .sort((a, b) => Number((b.usagePage ?? 0) >= 0xff00) - Number((a.usagePage ?? 0) >= 0xff00));
}

/**
 * Interrupt variant when the HID interface has an interrupt OUT endpoint, control (output reports
 * by SET_REPORT) when it has none; undefined when the descriptors cannot be read.
 */
export function hidVariant(d: UsbDeviceLike | undefined, iface: number): 'control' | 'interrupt' | undefined {
  const i = d && currentConfiguration(d)?.interfaces.find((x) => x.interfaceNumber === iface);
  if (!i) return undefined;
  return i.alternate.endpoints.some((e) => e.direction === 'out' && e.type === 'interrupt') ? 'interrupt' : 'control';
}

function hidCandidate(
  o: DiscoveryOptions,
  e: KnownReader,
  h: HidDeviceInfo,
  spec: HidRawSpec,
  variant: 'control' | 'interrupt',
  probed: boolean,
): ReaderCandidate {
  const path = h.path!;
  const label = [h.manufacturer, h.product].filter(Boolean).join(' ') || describeReader(e);
  const binding = o.hidBinding ?? nodeHidBinding;
  return {
    id: `hid:${e.vidPid}:${path}:${variant}`,
    kind: 'hid',
    label,
    vidPid: e.vidPid,
    path,
    report: report(e, 'hid-raw', path, probed ? { probed } : {}),
    create: () => new HidRawTransport({ path, vidPid: e.vidPid, spec, variant, label, binding }),
  };
}

function usbCandidate(
  o: DiscoveryOptions,
  e: KnownReader,
  d: UsbDeviceLike,
  spec: Bulk4Spec | Bulk2Spec,
  probed: boolean,
): ReaderCandidate {
  const where = d.bus !== undefined ? `usb ${d.bus}-${d.address ?? '?'}` : undefined;
  const label = [d.manufacturerName, d.productName].filter(Boolean).join(' ') || describeReader(e);
  return {
    id: `usb:${e.vidPid}:${where ?? ''}:${spec.type}`,
    kind: 'usb',
    label,
    vidPid: e.vidPid,
    ...(where ? { path: where } : {}),
    usbDevice: d,
    report: report(e, spec.type, where, probed ? { probed } : {}),
    create: () =>
      new UsbBulkTransport({ device: d, vidPid: e.vidPid, spec, label, ...(o.sleep ? { sleep: o.sleep } : {}) }),
  };
}

function serialCandidate(
  o: DiscoveryOptions,
  p: SerialPortInfo,
  e: KnownReader,
  probed: boolean,
  baudRate?: number,
): ReaderCandidate {
  const transport: TransportType = 'serial-bridge';
  return {
    id: `serial:${p.path}`,
    kind: 'serial',
    label: [p.manufacturer, p.path].filter(Boolean).join(' '),
    vidPid: e.vidPid,
    path: p.path,
    report: report(e, transport, p.path, probed ? { probed } : {}),
    create: () => new SerialTransport({ ...o.serial, ...(baudRate ? { baudRate } : {}), path: p.path }),
  };
}

/** The candidate the configuration names, or all candidates in probe order when none is named. */
export function pickConfigured(candidates: ReaderCandidate[], device?: string): ReaderCandidate[] {
  if (!device) return candidates;
  const d = device.toUpperCase();
  return candidates.filter((c) => c.vidPid === d || c.path === device || c.label.toUpperCase().includes(d));
}
