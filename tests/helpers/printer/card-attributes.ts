import { PAGE_SIZES_MM } from '../../../native/printer/media';

/**
 * An ippeveprinter attributes file (`-a`, ipptool syntax) for a printer that takes A4 sheets and
 * CR80 cards. The sizes come from the app's own table, so the keyword the app sends for a card
 * (`custom_cr80_53.98x85.6mm`) is the one the device lists and CUPS's driverless PPD maps back to.
 * Dimensions are in hundredths of a millimetre; margins are 0 (card printers print edge to edge).
 */
export function cardPrinterAttributes(): string {
  const sizes = [PAGE_SIZES_MM.A4, PAGE_SIZES_MM.CR80];
  const keywords = sizes.map((s) => s.pwg).join(',');
  const margins = ['bottom', 'left', 'right', 'top'].map((m) => `MEMBER integer media-${m}-margin 0`).join(' ');
  const dims = sizes.map(
    (s) => `MEMBER integer x-dimension ${Math.round(s.w * 100)} MEMBER integer y-dimension ${Math.round(s.h * 100)}`,
  );
  const cols = dims.map((d) => `{ MEMBER collection media-size { ${d} } ${margins} }`).join(',\n  ');
  // ippeveprinter checks a job's media-col size against media-size-supported, which it does not
  // derive from media-col-database when given a file. Listed first, so it is the document-format-supported that ippeveprinter and cupsd read
  // (ippeveprinter adds its own raster defaults after the file's attributes).
  return `ATTR mimeMediaType document-format-supported application/pdf
ATTR mimeMediaType document-format-default application/pdf
ATTR keyword media-supported ${keywords}
ATTR keyword media-ready ${keywords}
ATTR keyword media-default ${PAGE_SIZES_MM.A4.pwg}
ATTR collection media-col-database
  ${cols}
ATTR collection media-size-supported
  ${dims.map((d) => `{ ${d} }`).join(',\n  ')}
`;
}
