import { nodeHidBinding } from '../../../native/id-reader/transport/hid-binding';
import { openPad, readPadTable } from '../../../native/signature-pad';
import type { Core } from '../core/core';

/**
 * The signature pad the config names (`signaturePad`, like `reader`). A HID pad that cannot be
 * opened is logged and left out: the citizen screen's touch pad still signs.
 */
export async function wireSignaturePad(core: Core): Promise<void> {
  const pad = await openPad(core.config.signaturePad, {
    table: readPadTable(core.resourcesDir),
    binding: nodeHidBinding,
  });
  core.services.signaturePad = pad;
  core.onClose(() => void pad.close());
  if (pad.kind === 'hid') core.log('signature pad: HID pad opened');
}
