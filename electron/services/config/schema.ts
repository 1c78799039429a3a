import { z } from 'zod';

/** The terminal's config file (COUNTER_CONFIG). Absent file = training mode with embedded defaults. */
export const configSchema = z
  .object({
    mode: z.enum(['training', 'production']).default('production'),
    hall: z.object({ id: z.string().min(1).max(32), name: z.string().min(1).max(100) }).strict(),
    counter: z.string().min(1).max(32),
    organisation: z.string().min(1).max(100).optional(),
    registry: z
      .object({
        url: z.string().url(),
        appKey: z.string().min(1),
        appSecret: z.string().min(8),
        timeoutMs: z.number().int().positive().max(60_000).default(3000),
        /**
         * JSON file of the issuers' SM2 keys, handed over out of band: [{ issuerCode, publicKey }].
         * Set, a key in the registry's trust list that is not in it is refused, so a tampered or
         * spoofed registry cannot vouch for its own licenses.
         */
        pinnedIssuers: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    /**
     * Department back-office systems that submissions go to (services/outbox). One endpoint (a
     * provincial exchange) for every department, or one per department code in byCode. Training
     * without it: the sandbox department.
     */
    departments: z
      .object({
        url: z.string().url(),
        appKey: z.string().min(1),
        appSecret: z.string().min(8),
        timeoutMs: z.number().int().positive().max(60_000).default(5000),
        byCode: z
          .record(
            z.string().regex(/^[0-9A-Za-z_.-]{1,31}$/),
            z
              .object({
                url: z.string().url(),
                appKey: z.string().min(1),
                appSecret: z.string().min(8),
                timeoutMs: z.number().int().positive().max(60_000).default(5000),
              })
              .strict(),
          )
          .optional(),
      })
      .strict()
      .optional(),
    reader: z
      .object({
        /** 'usb': vendor-bulk readers (0400:C35A...) through the usb package only; 'auto' tries every transport. */
        kind: z.enum(['auto', 'hid', 'usb', 'serial', 'keyboard', 'simulator']).default('auto'),
        /** VID:PID (hex), serial path, or a name. A VID:PID outside the reader table is probed with SAM status only. */
        select: z.string().optional(),
        baudRate: z.number().int().positive().default(115200),
        /**
         * Read the card's added address (30 03): one more chip read per card. Off by default because
         * the registry's household register is the authoritative address for every service item.
         */
        readAddedAddress: z.boolean().default(false),
      })
      .strict()
      .default({ kind: 'auto', baudRate: 115200, readAddedAddress: false }),
    /** The signature pad, chosen like the reader: the citizen screen's touch pad, or a HID pad (VID:PID). */
    signaturePad: z
      .object({ kind: z.enum(['touch', 'hid']).default('touch'), select: z.string().optional() })
      .strict()
      .default({ kind: 'touch' }),
    printer: z
      .object({
        a4: z.string().optional(),
        card: z.string().optional(),
        backend: z.enum(['auto', 'cups', 'windows', 'virtual']).default('auto'),
      })
      .strict()
      .default({ backend: 'auto' }),
    /**
     * The station (the `station` role's office) this terminal serves: its area code (6, 9 or 12
     * digits: district, street, community) is where its worklists look for people by default.
     */
    station: z
      .object({ area: z.string().regex(/^\d{6}(\d{3}){0,2}$/, 'an area code of 6, 9 or 12 digits') })
      .strict()
      .optional(),
    language: z.enum(['zh-CN', 'en']).default('zh-CN'),
    idleLockSeconds: z.number().int().min(30).max(3600).default(300),
  })
  .strict();

export type CounterConfig = z.infer<typeof configSchema>;

export const trainingConfig: CounterConfig = {
  mode: 'training',
  hall: { id: 'TRAIN01', name: '示范市政务服务中心（培训）' },
  counter: 'T-01',
  organisation: '示范市政务服务中心',
  reader: { kind: 'simulator', baudRate: 115200, readAddedAddress: false },
  signaturePad: { kind: 'touch' },
  printer: { backend: 'auto' },
  station: { area: '110901001' }, // 和平街道, where the sandbox's demo residents live
  language: 'zh-CN',
  idleLockSeconds: 300,
};
