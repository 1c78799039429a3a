import { z } from 'zod';

/** "0x81" or "81" (hex, as Wireshark shows an endpoint address) -> 0x81. */
const epAddress = z
  .string()
  .regex(/^(0x)?[0-9a-fA-F]{1,2}$/)
  .transform((s) => parseInt(s.replace(/^0x/i, ''), 16));

const hexBytes = z
  .string()
  .regex(/^([0-9a-fA-F]{2})( ?[0-9a-fA-F]{2})*$/)
  .transform((s) => Uint8Array.from(s.replace(/ /g, '').match(/../g) ?? [], (h) => parseInt(h, 16)));

/**
 * Raw SAM frame in HID reports (the Routon layout): the frame from byte 0 of the report, no length
 * byte, zero padding; continuation reports carry raw bytes with no header.
 * variant 'control': output reports go by SET_REPORT on endpoint 0; 'interrupt': by the interrupt
 * OUT endpoint, after the init exchange; 'auto': decided from the interface's endpoint descriptors.
 */
export const HidRawSpec = z
  .object({
    type: z.literal('hid-raw'),
    interface: z.number().int().min(0).default(0),
    reportSize: z.number().int().min(8).max(1024).default(64),
    reportId: z.number().int().min(0).max(255).default(0),
    variant: z.enum(['auto', 'control', 'interrupt']).default('auto'),
    /** Sent once after opening on the interrupt variant; its answer is read and dropped. */
    init: hexBytes.optional(),
  })
  .strict();

/** Vendor-bulk, four endpoints: header (preamble + LEN) and body go through separate pipes. */
export const Bulk4Spec = z
  .object({
    type: z.literal('usb-bulk-4ep'),
    interface: z.number().int().min(0).default(0),
    outHeader: epAddress,
    outBody: epAddress,
    inHeader: epAddress,
    inBody: epAddress,
    packetSize: z.number().int().min(8).max(4096).default(64),
    /** Wait after a command is sent before the reply is read. */
    settleMs: z.number().int().min(0).max(5000).default(0),
  })
  .strict();

/** Vendor-bulk (or interrupt), two endpoints: the whole frame out, the reply read in packets. */
export const Bulk2Spec = z
  .object({
    type: z.literal('usb-bulk-2ep'),
    interface: z.number().int().min(0).optional(),
    /** Endpoint addresses; unset = the interface's first OUT and first IN endpoint. */
    out: epAddress.optional(),
    in: epAddress.optional(),
    packetSize: z.number().int().min(8).max(4096).default(64),
    settleMs: z.number().int().min(0).max(5000).default(0),
  })
  .strict();

export const SerialSpec = z
  .object({
    type: z.literal('serial-bridge'),
    baudRate: z.number().int().positive().default(115200),
  })
  .strict();

export const TransportSpec = z.discriminatedUnion('type', [HidRawSpec, Bulk4Spec, Bulk2Spec, SerialSpec]);

export const ReaderEntry = z
  .object({
    vendor: z.string().min(1),
    vendorZh: z.string().optional(),
    model: z.string().min(1),
    transports: z.array(TransportSpec),
    /** Order in which discovery probes an entry with no known transport. */
    try: z.array(z.enum(['serial-bridge', 'hid-raw', 'usb-bulk'])).default(['serial-bridge', 'hid-raw', 'usb-bulk']),
    /** Set when the id is known but cannot be used as a SAM reader; says why and what to do. */
    unsupported: z.string().optional(),
    unsupportedZh: z.string().optional(),
    /** For ids shared with unrelated devices: the product string must match (case-insensitive). */
    productMatches: z.string().optional(),
    confirmed: z.enum(['public-code', 'capture', 'guessed']),
    evidence: z.string().min(1),
  })
  .strict();

export const ReaderTableFile = z.object({
  $comment: z.string().optional(),
  readers: z.record(z.string().regex(/^[0-9A-F]{4}:[0-9A-F]{4}$/), ReaderEntry),
  serialBridges: z.object({
    $comment: z.string().optional(),
    ids: z.array(z.string().regex(/^[0-9A-F]{4}:[0-9A-F]{4}$/)),
  }),
});

export type HidRawSpec = z.output<typeof HidRawSpec>;
export type Bulk4Spec = z.output<typeof Bulk4Spec>;
export type Bulk2Spec = z.output<typeof Bulk2Spec>;
export type SerialSpec = z.output<typeof SerialSpec>;
export type TransportSpec = z.output<typeof TransportSpec>;
export type TransportType = TransportSpec['type'];
export type ReaderEntry = z.output<typeof ReaderEntry>;
export type ReaderTable = z.output<typeof ReaderTableFile>;
