import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { HidBinding, HidDeviceLike } from '../id-reader/transport/hid-binding';
import { SigPadError } from './errors';
import { HidSignaturePad, type PadDeviceLike } from './hid-pad';
import { TouchSignaturePad } from './touch';
import type { SignaturePad } from './types';

const tableSchema = z
  .object({
    $comment: z.string().optional(),
    pads: z.array(
      z
        .object({
          vidPid: z.string().regex(/^[0-9A-F]{4}:[0-9A-F]{4}$/),
          name: z.string(),
          decoder: z.literal('stu540'),
        })
        .strict(),
    ),
  })
  .strict();
export type PadTable = z.output<typeof tableSchema>['pads'];

/** resources/devices/signature-pads.json: the HID pads the driver knows. */
export function readPadTable(resourcesDir: string): PadTable {
  return tableSchema.parse(JSON.parse(readFileSync(join(resourcesDir, 'devices', 'signature-pads.json'), 'utf8'))).pads;
}

/** The config's choice, like the reader's: `touch` (default), or `hid` with an optional VID:PID. */
export interface PadConfig {
  kind: 'touch' | 'hid';
  select?: string | undefined;
}

const vidPid = (v: number, p: number) =>
  `${v.toString(16).padStart(4, '0')}:${p.toString(16).padStart(4, '0')}`.toUpperCase();

const hasFeature = (d: HidDeviceLike): d is PadDeviceLike =>
  typeof (d as Partial<PadDeviceLike>).sendFeatureReport === 'function';

/**
 * Opens the configured pad. `hid`: the first plugged-in device of the table (or the one `select`
 * names), through node-hid's interface; the binding is a parameter so tests pass a simulated device.
 */
export async function openPad(cfg: PadConfig, deps: { table: PadTable; binding: HidBinding }): Promise<SignaturePad> {
  if (cfg.kind === 'touch') return new TouchSignaturePad();
  const want = cfg.select?.toUpperCase();
  let found;
  try {
    found = (await deps.binding.devices())
      .map((d) => ({ d, id: vidPid(d.vendorId, d.productId) }))
      .find(({ id }) => (want ? id === want : deps.table.some((p) => p.vidPid === id)));
  } catch (e) {
    throw new SigPadError(
      'SIGPAD_OPEN_FAILED',
      `HID devices could not be listed: ${String(e)}`,
      { detail: String(e) },
      { cause: e },
    );
  }
  if (!found?.d.path)
    throw new SigPadError('SIGPAD_NOT_FOUND', `No signature pad ${want ?? 'of the table'} is plugged in.`, {
      select: want ?? '',
    });
  const name = deps.table.find((p) => p.vidPid === found.id)?.name ?? found.id;
  let dev: HidDeviceLike;
  try {
    dev = await deps.binding.open(found.d.path);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new SigPadError(
      'SIGPAD_OPEN_FAILED',
      `Signature pad ${name} could not be opened: ${detail}`,
      { detail },
      { cause: e },
    );
  }
  if (!hasFeature(dev)) {
    await dev.close().catch(() => undefined);
    throw new SigPadError('SIGPAD_OPEN_FAILED', `Signature pad ${name}: the HID library cannot send feature reports.`, {
      detail: 'no feature reports',
    });
  }
  return new HidSignaturePad(dev, name);
}
