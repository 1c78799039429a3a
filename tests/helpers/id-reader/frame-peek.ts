/*
 * The simulated devices parse what the host sends with this small parser of their own, written
 * from the frame layout (AA AA AA 96 69, LEN big-endian, body, XOR) rather than reusing the
 * driver's decoder, so a fault in the driver's framing cannot cancel itself out in the tests.
 */
export const PRE = [0xaa, 0xaa, 0xaa, 0x96, 0x69];

/** Body (CMD PARA DATA) of the frame at the start of `b`, or undefined when it is not one whole valid frame. */
export function commandBody(b: Uint8Array): Uint8Array | undefined {
  if (b.length < 7 || PRE.some((v, i) => b[i] !== v)) return undefined;
  const len = (b[5]! << 8) | b[6]!;
  if (b.length < 7 + len || len < 3) return undefined;
  let x = 0;
  for (let i = 5; i < 6 + len; i++) x ^= b[i]!;
  if (x !== b[6 + len]) return undefined;
  return b.slice(7, 6 + len);
}

/** `bytes` cut into `size`-byte pieces, the last one zero-padded to `size` when `pad`. */
export function cut(bytes: Uint8Array, size: number, pad: boolean): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let off = 0; off < bytes.length; off += size) {
    const piece = bytes.subarray(off, off + size);
    if (pad && piece.length < size) {
      const p = new Uint8Array(size);
      p.set(piece);
      out.push(p);
    } else out.push(piece.slice());
  }
  return out;
}
