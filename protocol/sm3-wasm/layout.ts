/**
 * The SM3 module's memory, shared by its source (`wat.ts`) and its JavaScript side
 * (`../sm3-wasm.ts`). One fixed 64 KB page: input of any length streams through the window, so
 * the module never grows.
 */
export const MEM = {
  /** The chaining value V: eight 32-bit words as numbers (not bytes), A…H. */
  state: 0,
  /** Input bytes waiting to be compressed, 64-byte blocks from here. */
  window: 64,
} as const;
/** How many input bytes the window takes before a compression call (512 blocks). */
export const WINDOW = 32768;
/** Room past the window for the final padding (a last partial block plus up to two padded blocks). */
export const WINDOW_ROOM = WINDOW + 128;
