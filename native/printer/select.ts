import { supportsSize } from './media';
import { classifyPrinter } from './reasons';
import type { PageSize, PrinterInfo } from './types';

/** Per-terminal choices from settings; every field optional. */
export interface PrinterSettings {
  /** Queue to use per page size, e.g. { A4: 'HP_LaserJet', CR80: 'Evolis_Primacy' }. */
  defaults?: Partial<Record<PageSize, string>>;
  /** Allow an A4 printer for cards when no card printer exists (prints the card on a sheet). */
  allowCardOnSheet?: boolean;
}

export type SelectionReason = 'configured' | 'system-default' | 'media-match' | 'only-printer' | 'card-on-sheet';

export interface PrinterSelection {
  printer: PrinterInfo;
  reason: SelectionReason;
  /** Set when the chosen printer currently has a problem; still chosen so the UI can say why. */
  problem?: ReturnType<typeof classifyPrinter>;
}

export type SelectionFailure = {
  printer: null;
  why: 'no-printers' | 'configured-missing' | 'no-printer-for-size';
  configured?: string;
};

/**
 * Chooses the printer for a page size. Pure: same inputs, same answer.
 * Order: the configured queue (if it still exists), then the system default if it takes the
 * size, then the first ready printer that lists the size. A configured queue that has vanished
 * is reported, not silently replaced, so a certificate never goes to a surprise printer.
 */
export function choosePrinter(
  printers: PrinterInfo[],
  size: PageSize,
  settings: PrinterSettings = {},
): PrinterSelection | SelectionFailure {
  if (printers.length === 0) return { printer: null, why: 'no-printers' };
  const configured = settings.defaults?.[size];
  if (configured) {
    const p = printers.find((x) => x.name === configured);
    return p ? pick(p, 'configured') : { printer: null, why: 'configured-missing', configured };
  }
  // A printer that lists no media is "unknown": fine for A4 (nearly every office printer),
  // never assumed to be a card printer.
  const fits = (p: PrinterInfo) => supportsSize(p.mediaSupported, size) ?? size === 'A4';
  const def = printers.find((p) => p.isDefault);
  if (def && fits(def)) return pick(def, 'system-default');
  const candidates = printers.filter(fits).sort((a, b) => Number(!!classifyPrinter(a)) - Number(!!classifyPrinter(b)));
  if (candidates[0]) return pick(candidates[0], printers.length === 1 ? 'only-printer' : 'media-match');
  if (size === 'CR80' && settings.allowCardOnSheet) {
    const sheet = choosePrinter(printers, 'A4', { ...settings, defaults: { A4: settings.defaults?.A4 } });
    if (sheet.printer) return { ...sheet, reason: 'card-on-sheet' };
  }
  return { printer: null, why: 'no-printer-for-size' };
}

function pick(printer: PrinterInfo, reason: SelectionReason): PrinterSelection {
  const problem = classifyPrinter(printer);
  return problem ? { printer, reason, problem } : { printer, reason };
}
