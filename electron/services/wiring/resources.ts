import { setIdReaderResourcesDir } from '../../../native/id-reader';
import { setResourcesDir } from '../certificates';
import type { Core } from '../core/core';
import { findResourcesDir } from '../core/resources';

/**
 * The resources folder, found once at boot. The certificate templates and fonts and the reader's
 * data files (nations, HID profiles) are pointed at it here, so every part of the terminal reads
 * the same folder; their own lookups remain only for tools and tests that run without a core.
 */
export function wireResources(core: Core): void {
  core.resourcesDir = findResourcesDir();
  setResourcesDir(core.resourcesDir);
  setIdReaderResourcesDir(core.resourcesDir);
}
