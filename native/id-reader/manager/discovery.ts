import { SerialPort } from 'serialport';
import { ReaderError, asReaderError } from '../errors';
import { SimulatorTransport } from '../sim/sim-transport';
import type { Simulator } from '../sim/simulator';
import { HidTransport } from '../transport/hid';
import { nodeHidBinding, type HidBinding } from '../transport/hid-binding';
import { defaultHidProfile, knownHidProfiles, knownSerialBridges, parseVidPid, vidPidKey } from '../transport/hid-profile';
import { SerialTransport, type SerialOptions } from '../transport/serial';
import type { Transport, TransportKind } from '../transport/types';

export interface ReaderCandidate {
  id: string;
  kind: TransportKind;
  label: string;
  vidPid?: string;
  path?: string;
  create(): Transport;
}

export interface DiscoveryOptions {
  source: 'auto' | 'hid' | 'serial' | 'simulator';
  /** 'VID:PID', a serial device path, or part of a reader's name. */
  device?: string;
  serial?: Omit<SerialOptions, 'path'>;
  simulator?: Simulator;
  hidBinding?: HidBinding;
}

export interface DiscoveryResult {
  candidates: ReaderCandidate[];
  /** Why a whole family could not be listed (e.g. the HID addon failed to load). */
  problems: ReaderError[];
}

function isPath(s: string): boolean {
  return s.startsWith('/') || /^COM\d+$/i.test(s) || s.startsWith('\\\\.\\');
}

async function hidCandidates(o: DiscoveryOptions): Promise<ReaderCandidate[]> {
  const binding = o.hidBinding ?? nodeHidBinding;
  const profiles = knownHidProfiles();
  const wanted = o.device ? parseVidPid(o.device) : undefined;
  const out: ReaderCandidate[] = [];
  // A reader can expose several interfaces (e.g. a keyboard-wedge one); the vendor-defined usage
  // page (0xFF00-0xFFFF) is the one that speaks SAM frames, so probe it first.
  const devices = (await binding.devices()).sort((a, b) => Number((b.usagePage ?? 0) >= 0xff00) - Number((a.usagePage ?? 0) >= 0xff00));
  for (const d of devices) {
    const key = vidPidKey(d.vendorId, d.productId);
    const explicit = wanted && vidPidKey(wanted.vendorId, wanted.productId) === key;
    const profile = profiles.get(key) ?? (explicit ? defaultHidProfile() : undefined);
    if (!profile || !d.path) continue;
    const path = d.path;
    const label = [d.manufacturer, d.product].filter(Boolean).join(' ') || profile.name;
    out.push({ id: `hid:${key}:${path}`, kind: 'hid', label, vidPid: key, path, create: () => new HidTransport({ path, vidPid: key, profile, label, binding }) });
  }
  return out;
}

function serialCandidate(o: DiscoveryOptions, path: string, label: string, vidPid?: string): ReaderCandidate {
  return { id: `serial:${path}`, kind: 'serial', label, path, ...(vidPid ? { vidPid } : {}), create: () => new SerialTransport({ ...o.serial, path }) };
}

/** OS-listed serial ports that may be readers; Linux listing needs udevadm (package udev). */
async function listedSerialCandidates(o: DiscoveryOptions): Promise<ReaderCandidate[]> {
  const bridges = knownSerialBridges();
  const out: ReaderCandidate[] = [];
  for (const p of await SerialPort.list()) {
    const vidPid = p.vendorId && p.productId ? `${p.vendorId}:${p.productId}`.toUpperCase() : undefined;
    const matchesDevice = o.device !== undefined && (vidPid === o.device.toUpperCase() || (p.manufacturer ?? '').includes(o.device));
    // Only known USB-serial bridges are probed unasked, so no other serial device gets written to.
    if (matchesDevice || (vidPid && bridges.has(vidPid))) out.push(serialCandidate(o, p.path, [p.manufacturer, p.path].filter(Boolean).join(' '), vidPid));
  }
  return out;
}

/** Candidate readers for the configured source, HID before serial. Never throws. */
export async function discoverReaders(o: DiscoveryOptions): Promise<DiscoveryResult> {
  const problems: ReaderError[] = [];
  const candidates: ReaderCandidate[] = [];
  if (o.source === 'simulator') {
    const sim = o.simulator;
    if (!sim) return { candidates, problems: [new ReaderError('NO_READER', 'Simulator source chosen but no simulator was given; this is a setup error.')] };
    return { candidates: [{ id: 'simulator', kind: 'simulator', label: 'Simulated reader (training)', create: () => new SimulatorTransport(sim) }], problems };
  }
  // An explicit path (a pty in tests, a fixed COM port) is used as is, even if the OS listing fails or omits it.
  if (o.source !== 'hid' && o.device && isPath(o.device)) {
    return { candidates: [serialCandidate(o, o.device, `Serial ${o.device}`)], problems };
  }
  const families: Array<[TransportKind, (o: DiscoveryOptions) => Promise<ReaderCandidate[]>]> = [];
  if (o.source !== 'serial') families.push(['hid', hidCandidates]);
  if (o.source !== 'hid') families.push(['serial', listedSerialCandidates]);
  for (const [kind, list] of families) {
    try {
      candidates.push(...(await list(o)));
    } catch (e) {
      problems.push(asReaderError(e, kind === 'hid' ? 'HID_BINDING_UNAVAILABLE' : 'NO_READER', `Listing ${kind} readers failed`));
    }
  }
  return { candidates, problems };
}

/** The candidate the configuration names, or all candidates in probe order when none is named. */
export function pickConfigured(candidates: ReaderCandidate[], device?: string): ReaderCandidate[] {
  if (!device) return candidates;
  const d = device.toUpperCase();
  return candidates.filter((c) => c.vidPid === d || c.path === device || c.label.toUpperCase().includes(d));
}
