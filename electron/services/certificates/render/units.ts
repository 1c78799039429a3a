export const PT_PER_MM = 72 / 25.4;
export const mm = (v: number): number => v * PT_PER_MM;

/** Width x height in points. CR80 is the ID-1 card size, 85.6 x 54 mm, printed landscape. */
export const PAGE_SIZES: Record<'A4' | 'CR80', [number, number]> = {
  A4: [595.28, 841.89],
  CR80: [mm(85.6), mm(54)],
};
