import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';

const W = 96;
const H = 120;

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td) >>> 0);
  return Buffer.concat([len, td, crc]);
}

/**
 * A 96x120 ID-photo stand-in: plain backdrop, head and shoulders silhouette, colours and
 * proportions varied by the key. Drawn on demand (about a tenth of a millisecond) so a million
 * residents cost no memory for photos.
 */
export function portraitPng(key: string): Buffer {
  const h = createHash('sha256').update(key).digest();
  const bg: [number, number, number] =
    h[0]! % 3 === 0 ? [225, 235, 248] : h[0]! % 3 === 1 ? [240, 240, 240] : [200, 60, 60];
  const skin: [number, number, number] = [200 + (h[1]! % 40), 160 + (h[2]! % 40), 120 + (h[3]! % 40)];
  const hair: [number, number, number] = [20 + (h[4]! % 60), 15 + (h[5]! % 40), 10 + (h[6]! % 30)];
  const cloth: [number, number, number] = [h[7]! % 200, h[8]! % 200, h[9]! % 200];
  const headR = 20 + (h[10]! % 6);
  const cx = W / 2 + ((h[11]! % 7) - 3);
  const cy = 50;
  const hairTop = cy - headR - 2 - (h[12]! % 6);
  const raw = Buffer.alloc((W * 3 + 1) * H);
  for (let y = 0; y < H; y++) {
    const row = y * (W * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < W; x++) {
      let c = bg;
      const dx = x - cx;
      const dy = y - cy;
      const shoulder = ((x - cx) / 44) ** 2 + ((y - 128) / 38) ** 2 <= 1;
      if (shoulder) c = cloth;
      else if (dx * dx + (dy * dy) / 1.3 <= headR * headR) c = y < cy - headR * 0.45 ? hair : skin;
      else if (
        y >= hairTop &&
        y < cy &&
        Math.abs(dx) <= headR + 2 &&
        dx * dx + ((y - cy) * (y - cy)) / 1.2 <= (headR + 3) ** 2
      )
        c = hair;
      const p = row + 1 + x * 3;
      raw[p] = c[0];
      raw[p + 1] = c[1];
      raw[p + 2] = c[2];
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(W, 0);
  ihdr.writeUInt32BE(H, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 6 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
