import { CatalogError } from './errors';
import type { PrintedOutput } from './output-schema';
import type { CatalogItem } from './schema';

/** The certificate or card an item prints at the counter; application-only items print theirs in a later step. */
export function printedOf(item: CatalogItem): PrintedOutput {
  if (!item.printed)
    throw new CatalogError(
      'CATALOG_NO_CERTIFICATE',
      `Service item "${item.code}" issues no certificate or card at the counter; its application and receipt are handled by the submission flow.`,
    );
  return item.printed;
}
