import { ReaderError } from '../errors';
import { DEFAULT_MAX_LEN, HEADER_LEN, PREAMBLE } from '../frame/codec';

/**
 * Rebuilds one SAM frame from USB reports or packets, the way the vendors' own code does: leading
 * 0x00 bytes are skipped, the preamble is searched for, LEN says how many bytes follow, the next
 * chunks are taken raw (continuations carry no header) until LEN + 7 bytes, and whatever pads the
 * last chunk is dropped. The frame goes to the client's FrameDecoder, which checks the XOR.
 * Anything that is not zero padding before a preamble is passed on as is, so the decoder reports
 * it (FRAME_GARBAGE) instead of it vanishing here.
 */
export class Reassembler {
  private held: number[] = [];
  private need = 0;
  /** Bytes of the frame being collected, 0 when waiting for a header. */
  private have = 0;
  private parts: Uint8Array[] = [];

  constructor(private readonly maxLen = DEFAULT_MAX_LEN) {}

  /** Frames completed, and headers refused for their LEN, since construction (read loops watch these). */
  completed = 0;
  refused = 0;

  /** True once a header was taken and the frame's body is being collected. */
  get collecting(): boolean {
    return this.have > 0;
  }

  /** Bytes still owed to the frame being collected (0 when waiting for a header). */
  get owed(): number {
    return this.need - this.have;
  }

  /** Feeds one chunk; returns complete frames (and stray non-zero bytes) in order. */
  push(chunk: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    let i = 0;
    while (i < chunk.length) {
      if (this.have > 0) {
        const take = Math.min(this.need - this.have, chunk.length - i);
        this.parts.push(chunk.subarray(i, i + take));
        this.have += take;
        i += take;
        if (this.have === this.need) {
          out.push(concat(this.parts));
          this.completed++;
          this.parts = [];
          this.have = 0;
          this.need = 0;
          // The rest of this chunk is padding unless another frame starts in it.
          i = this.skipPadding(chunk, i, out);
        }
        continue;
      }
      // Collecting a header (preamble + LEN), which may itself be split across chunks.
      const b = chunk[i]!;
      if (this.held.length === 0 && b === 0x00) {
        i++;
        continue;
      }
      this.held.push(b);
      i++;
      const n = this.held.length;
      if (n <= PREAMBLE.length && !preambleFrom(this.held, 0)) {
        // Not a preamble: hand on the bytes before the longest tail that could still start one.
        let k = 1;
        while (k < n && !preambleFrom(this.held, k)) k++;
        out.push(Uint8Array.from(this.held.slice(0, k)));
        this.held = this.held.slice(k);
        continue;
      }
      if (n === HEADER_LEN) {
        const len = (this.held[5]! << 8) | this.held[6]!;
        const header = Uint8Array.from(this.held);
        this.held = [];
        if (len === 0 || len > this.maxLen) {
          out.push(header); // the decoder names the bad length
          this.refused++;
          continue;
        }
        this.parts = [header];
        this.have = HEADER_LEN;
        this.need = HEADER_LEN + len;
      }
    }
    return out;
  }

  /**
   * Drops a partial frame (after a timeout or an unplug); FRAME_TRUNCATED when one had started,
   * so the caller learns the reader stopped mid-frame.
   */
  reset(): ReaderError | undefined {
    const had = this.have || this.held.length;
    this.held = [];
    this.parts = [];
    this.have = 0;
    this.need = 0;
    return had >= PREAMBLE.length
      ? new ReaderError(
          'FRAME_TRUNCATED',
          `Reader stopped after ${had} bytes of a frame; the partial frame was dropped. Place the card again.`,
        )
      : undefined;
  }

  private skipPadding(chunk: Uint8Array, from: number, out: Uint8Array[]): number {
    let i = from;
    while (i < chunk.length && chunk[i] === 0x00) i++;
    if (i < chunk.length && chunk[i] !== 0xaa) {
      // Non-zero bytes after a frame in the same chunk are not padding; let the decoder see them.
      const next = chunk.indexOf(0xaa, i);
      const end = next < 0 ? chunk.length : next;
      out.push(chunk.subarray(i, end));
      return end;
    }
    return i;
  }
}

/** Whether held[from..] is the start of the preamble. */
function preambleFrom(held: number[], from: number): boolean {
  for (let j = from; j < held.length && j - from < PREAMBLE.length; j++)
    if (held[j] !== PREAMBLE[j - from]) return false;
  return true;
}

function concat(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
