import type { CatalogItem } from '../../catalog';
import { certificateOutput } from './certificate';
import { documentOutput } from './documents';
import type { OutputHandler, OutputKind, PrintLedger } from './types';

/**
 * The output kinds an item may declare (catalog/output-schema.ts) and what each needs of the
 * flow. A new kind is a row here plus its handler; the print path (print/) is the same for all.
 */
export const OUTPUTS: Record<OutputKind, OutputHandler> = {
  certificate: certificateOutput,
  card: certificateOutput,
  application: documentOutput,
  receipt: documentOutput,
};

/** Each place print progress is recorded, once: what restart reconciliation walks. */
export const LEDGERS: readonly PrintLedger[] = [...new Set(Object.values(OUTPUTS).map((o) => o.ledger))];

/** The item's certificate or card, the output F9 issues and prints. */
export function printedKind(item: CatalogItem): OutputKind | undefined {
  return item.outputs.find((o) => o.kind === 'certificate' || o.kind === 'card')?.kind;
}

/** The item's output that takes its form to departments. */
export function submitterOf(item: CatalogItem): OutputHandler | undefined {
  return item.outputs.map((o) => OUTPUTS[o.kind]).find((h) => h.submit);
}

export type { OutputHandler, OutputKind, Printable, PrintLedger } from './types';
