import type { PageSize } from './types';

/** Nominal sizes in mm (portrait: width <= height). */
export const PAGE_SIZES_MM: Record<PageSize, { w: number; h: number; pwg: string }> = {
  A4: { w: 210, h: 297, pwg: 'iso_a4_210x297mm' },
  // CR80 / ISO 7810 ID-1; PWG 5101.1 has no standard name, so a self-describing custom one.
  CR80: { w: 53.98, h: 85.6, pwg: 'custom_cr80_53.98x85.6mm' },
};

const TOLERANCE_MM = 1.5;

/** Parses a PWG 5101.1 self-describing media name (class_name_WxHunit) to mm. */
export function parseMediaKeyword(keyword: string): { w: number; h: number } | null {
  const m = /_(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)(mm|in)$/.exec(keyword);
  if (!m) return null;
  const k = m[3] === 'in' ? 25.4 : 1;
  const a = Number(m[1]) * k;
  const b = Number(m[2]) * k;
  return { w: Math.min(a, b), h: Math.max(a, b) };
}

export function mediaMatches(keyword: string, size: PageSize): boolean {
  const dims = parseMediaKeyword(keyword);
  if (!dims) return false;
  const want = PAGE_SIZES_MM[size];
  return Math.abs(dims.w - want.w) <= TOLERANCE_MM && Math.abs(dims.h - want.h) <= TOLERANCE_MM;
}

/** Whether the printer lists media of this size; undefined when it lists nothing (unknown). */
export function supportsSize(mediaSupported: string[], size: PageSize): boolean | undefined {
  if (mediaSupported.length === 0) return undefined;
  return mediaSupported.some((k) => mediaMatches(k, size));
}

/** The printer's own keyword for the size if it has one, else the PWG name. */
export function mediaKeywordFor(size: PageSize, mediaSupported: string[] = []): string {
  return mediaSupported.find((k) => mediaMatches(k, size)) ?? PAGE_SIZES_MM[size].pwg;
}
