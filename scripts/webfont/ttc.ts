/**
 * One face of a TrueType collection as a standalone font file. The web-font tools (and browsers)
 * take single fonts, while the project bundles WenQuanYi Micro Hei as a two-face .ttc: this copies
 * face `index`'s table directory and tables out, rewriting only the table offsets.
 */
export function ttcFace(ttc: Buffer, index = 0): Buffer {
  if (ttc.toString('latin1', 0, 4) !== 'ttcf') return ttc;
  const faces = ttc.readUInt32BE(8);
  if (index >= faces) throw new Error(`the collection has ${faces} faces, not ${index + 1}`);
  const at = ttc.readUInt32BE(12 + 4 * index);
  const numTables = ttc.readUInt16BE(at + 4);
  const header = Buffer.from(ttc.subarray(at, at + 12 + 16 * numTables));
  const pad4 = (n: number) => (n + 3) & ~3;
  const parts: Buffer[] = [header];
  let offset = header.length;
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + 16 * i;
    const from = ttc.readUInt32BE(at + rec + 8);
    const length = ttc.readUInt32BE(at + rec + 12);
    header.writeUInt32BE(offset, rec + 8);
    const table = Buffer.alloc(pad4(length));
    ttc.copy(table, 0, from, from + length);
    parts.push(table);
    offset += table.length;
  }
  return Buffer.concat(parts);
}
