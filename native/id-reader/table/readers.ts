import { loadResource } from '../resources';
import { ReaderTableFile, type ReaderEntry, type ReaderTable } from './schema';

export function vidPidKey(vendorId: number, productId: number): string {
  const h = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
  return `${h(vendorId)}:${h(productId)}`;
}

export function parseVidPid(s: string): { vendorId: number; productId: number } | undefined {
  const m = /^([0-9a-f]{4}):([0-9a-f]{4})$/i.exec(s.trim());
  return m ? { vendorId: parseInt(m[1]!, 16), productId: parseInt(m[2]!, 16) } : undefined;
}

/** resources/id-reader/readers.json, validated once per process. */
export function readerTable(): ReaderTable {
  return loadResource('readers.json', ReaderTableFile);
}

export interface KnownReader extends ReaderEntry {
  vidPid: string;
}

/**
 * The table entry for a device, or undefined when the id is not a reader we know. An entry with
 * productMatches (an id shared with unrelated devices) needs the product string to match too.
 */
export function lookupReader(
  vidPid: string,
  product?: string,
  table: ReaderTable = readerTable(),
): KnownReader | undefined {
  const key = vidPid.toUpperCase();
  const e = table.readers[key];
  if (!e) return undefined;
  if (e.productMatches && !new RegExp(e.productMatches, 'i').test(product ?? '')) return undefined;
  return { ...e, vidPid: key };
}

export function knownSerialBridges(table: ReaderTable = readerTable()): Set<string> {
  return new Set(table.serialBridges.ids.map((s) => s.toUpperCase()));
}

/** Linux rule giving the console user's group access to one reader (both raw USB and hidraw nodes). */
export function udevRule(vidPid: string): string {
  const [v, p] = vidPid.toLowerCase().split(':');
  return `SUBSYSTEMS=="usb", ATTRS{idVendor}=="${v}", ATTRS{idProduct}=="${p}", MODE="0660", GROUP="plugdev", TAG+="uaccess"`;
}

export function describeReader(e: Pick<KnownReader, 'vendor' | 'vendorZh' | 'model'>): string {
  return `${e.vendorZh ? `${e.vendor} ${e.vendorZh}` : e.vendor} ${e.model}`;
}
