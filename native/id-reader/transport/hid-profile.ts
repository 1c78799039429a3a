import { z } from 'zod';
import { ReaderError } from '../errors';
import { loadResource } from '../resources';

/**
 * How one reader model wraps SAM frames in HID reports (resources/id-reader/hid-profiles.json).
 * - continuation 'length-byte': each report carries report[lengthByte] payload bytes from payloadOffset.
 * - continuation 'frame-len': no length byte; a report that starts a frame carries min(rest of
 *   frame, report space) bytes, later reports continue it, the padding after the frame is dropped.
 */
export const HidProfileSchema = z
  .object({
    name: z.string(),
    reportSize: z.number().int().min(8).max(1024),
    reportId: z.number().int().min(0).max(255),
    lengthByte: z.number().int().min(0).nullable(),
    payloadOffset: z.number().int().min(0),
    continuation: z.enum(['length-byte', 'frame-len']),
    /** Whether reads include the report id byte; hidraw includes it only for numbered reports. */
    readHasReportId: z.boolean().optional(),
    confirmed: z.boolean().optional(),
  })
  .refine((p) => p.payloadOffset < p.reportSize, { message: 'payloadOffset must be inside the report' })
  .refine((p) => p.continuation !== 'length-byte' || (p.lengthByte !== null && p.lengthByte < p.payloadOffset), {
    message: "'length-byte' needs a lengthByte before payloadOffset",
  });

export type HidProfile = z.infer<typeof HidProfileSchema>;

const FileSchema = z.object({
  default: HidProfileSchema,
  profiles: z.record(z.string().regex(/^[0-9A-F]{4}:[0-9A-F]{4}$/), z.record(z.string(), z.unknown())),
  serialBridges: z.object({ ids: z.array(z.string()) }),
});

export function vidPidKey(vendorId: number, productId: number): string {
  const h = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
  return `${h(vendorId)}:${h(productId)}`;
}

export function parseVidPid(s: string): { vendorId: number; productId: number } | undefined {
  const m = /^([0-9a-f]{4}):([0-9a-f]{4})$/i.exec(s.trim());
  return m ? { vendorId: parseInt(m[1]!, 16), productId: parseInt(m[2]!, 16) } : undefined;
}

function file() {
  return loadResource('hid-profiles.json', FileSchema);
}

export function defaultHidProfile(): HidProfile {
  return file().default;
}

/** Known models: their entry merged over the default. */
export function knownHidProfiles(): Map<string, HidProfile> {
  const f = file();
  const out = new Map<string, HidProfile>();
  for (const [key, partial] of Object.entries(f.profiles)) {
    const merged = HidProfileSchema.safeParse({ ...f.default, ...partial });
    if (!merged.success) {
      throw new ReaderError('HID_PROFILE_INVALID', `HID profile ${key} in hid-profiles.json is invalid (${merged.error.message}); fix the file.`);
    }
    out.set(key, merged.data);
  }
  return out;
}

export function hidProfileFor(vidPid: string): HidProfile | undefined {
  return knownHidProfiles().get(vidPid.toUpperCase());
}

export function knownSerialBridges(): Set<string> {
  return new Set(file().serialBridges.ids.map((s) => s.toUpperCase()));
}
