import { ReaderError } from '../errors';
import { DEFAULT_MAX_LEN, HEADER_LEN, PREAMBLE, xorChecksum } from './codec';

export type DecodeEvent = { type: 'frame'; body: Uint8Array } | { type: 'error'; error: ReaderError };

export interface FrameDecoderOptions {
  /** Frames whose LEN exceeds this are rejected (FRAME_TOO_LONG) instead of buffered. */
  maxLen?: number;
}

// LEN counts at least the CHK plus a two-byte command body.
const MIN_LEN = 3;

/**
 * Streaming decoder: feed it whatever the transport delivers; it returns whole frames and typed
 * errors, resyncing on the next preamble after anything bad. It never throws on input and never
 * holds more than one maximal frame (HEADER_LEN + maxLen bytes) between calls.
 */
export class FrameDecoder {
  readonly maxLen: number;
  private buf: Uint8Array = new Uint8Array(0);
  private garbage = 0;
  private resyncing = false;

  constructor(opts: FrameDecoderOptions = {}) {
    this.maxLen = opts.maxLen ?? DEFAULT_MAX_LEN;
  }

  /** Bytes currently held (a partial frame or a possible preamble prefix). */
  get buffered(): number {
    return this.buf.length;
  }

  feed(chunk: Uint8Array): DecodeEvent[] {
    const out: DecodeEvent[] = [];
    const buf = this.buf.length === 0 ? chunk : concat(this.buf, chunk);
    let pos = 0;
    let keepFrom = buf.length;
    for (;;) {
      const idx = indexOfPreamble(buf, pos);
      if (idx < 0) {
        // The tail may be the first bytes of a preamble split across chunks.
        keepFrom = Math.max(pos, buf.length - (PREAMBLE.length - 1));
        this.skip(keepFrom - pos);
        break;
      }
      this.skip(idx - pos);
      if (buf.length < idx + HEADER_LEN) {
        keepFrom = idx;
        break;
      }
      const len = (buf[idx + 5]! << 8) | buf[idx + 6]!;
      if (len < MIN_LEN || len > this.maxLen) {
        out.push(this.fail(len < MIN_LEN ? 'FRAME_BAD_LENGTH' : 'FRAME_TOO_LONG', len));
        pos = idx + 1;
        continue;
      }
      const end = idx + HEADER_LEN + len;
      if (buf.length < end) {
        keepFrom = idx;
        break;
      }
      if (xorChecksum(buf, idx + 5, end - 1) !== buf[end - 1]) {
        out.push(this.fail('FRAME_BAD_CHECKSUM', len));
        pos = idx + 1;
        continue;
      }
      this.flushGarbage(out);
      this.resyncing = false;
      out.push({ type: 'frame', body: buf.slice(idx + HEADER_LEN, end - 1) });
      pos = end;
    }
    this.flushGarbage(out);
    this.buf = keepFrom >= buf.length ? new Uint8Array(0) : buf.slice(keepFrom);
    return out;
  }

  /**
   * Drops any partial frame, e.g. after a command timed out; reports FRAME_TRUNCATED when a
   * frame had started, so the caller knows the reader stopped mid-frame.
   */
  reset(): ReaderError | undefined {
    const partial = this.buf.length >= PREAMBLE.length && indexOfPreamble(this.buf, 0) === 0;
    const held = this.buf.length;
    this.buf = new Uint8Array(0);
    this.garbage = 0;
    this.resyncing = false;
    return partial
      ? new ReaderError(
          'FRAME_TRUNCATED',
          `Reader stopped after ${held} bytes of a frame; the partial frame was dropped. Place the card again.`,
        )
      : undefined;
  }

  private skip(n: number): void {
    // Bytes skipped while resyncing after a reported error are part of that error.
    if (n > 0 && !this.resyncing) this.garbage += n;
  }

  private flushGarbage(out: DecodeEvent[]): void {
    if (this.garbage === 0) return;
    out.push({
      type: 'error',
      error: new ReaderError(
        'FRAME_GARBAGE',
        `Skipped ${this.garbage} bytes that were not part of a frame (line noise or a reader in another mode).`,
      ),
    });
    this.garbage = 0;
  }

  private fail(code: 'FRAME_BAD_CHECKSUM' | 'FRAME_BAD_LENGTH' | 'FRAME_TOO_LONG', len: number): DecodeEvent {
    this.resyncing = true;
    const msg =
      code === 'FRAME_BAD_CHECKSUM'
        ? `Frame with LEN ${len} failed its checksum; dropped and resyncing. Check the cable if this repeats.`
        : code === 'FRAME_TOO_LONG'
          ? `Frame announces LEN ${len}, over the limit of ${this.maxLen}; dropped and resyncing.`
          : `Frame announces LEN ${len}, too short for any command or reply; dropped and resyncing.`;
    return { type: 'error', error: new ReaderError(code, msg) };
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function indexOfPreamble(buf: Uint8Array, from: number): number {
  const last = buf.length - PREAMBLE.length;
  for (let i = buf.indexOf(0xaa, from); i >= 0 && i <= last; i = buf.indexOf(0xaa, i + 1)) {
    if (buf[i + 1] === 0xaa && buf[i + 2] === 0xaa && buf[i + 3] === 0x96 && buf[i + 4] === 0x69) return i;
  }
  return -1;
}
