/**
 * The WebAssembly module's memory layout and constants, shared by its source (`wat.ts`) and its
 * JavaScript side (`../sm2-wasm.ts`). Field elements are 32 bytes: 8 little-endian 32-bit limbs.
 */
export const P = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF');
export const MEM = {
  zero: 0,
  /** 2²⁵⁶ mod p: 1 in Montgomery form. */
  one: 32,
  /** 2⁵¹² mod p: Montgomery-multiplying by it converts into Montgomery form. */
  r2: 64,
  /** 16 temporaries of 32 bytes for the point formulas start at 96. */
  acc: 1024,
  digitsS: 1280,
  digitsT: 1344,
  v: 1408,
  v2: 1440,
  /** p − 2 (plain): the exponent of the inversion. */
  pm2: 1472,
  /** Free for tests (2 KB). */
  scratch: 2048,
  /** Table building: 129 Jacobian points (96 bytes), then their Z's prefix products. */
  stage: 4096,
  prefix: 4096 + 129 * 96,
  /**
   * Many k·G at once (`wasmBaseXMany`): MANY_MAX Jacobian accumulators (96 bytes), then their Z's
   * prefix products (32 bytes). The same bytes as the table build's stage: both are synchronous
   * and neither keeps anything there between calls, so they never meet.
   */
  many: 4096,
  /** Key tables from the second 64 KB page on. */
  tables: 65536,
} as const;
/** A window: the 128 affine multiples 1·B … 128·B of its base B, 64 bytes each (x, y). */
export const WINDOW_BYTES = 128 * 64;
/** Signed 8-bit digits of a 256-bit scalar: 32 windows plus one for the last carry. */
export const WINDOWS = 33;
export const TABLE_BYTES = WINDOWS * WINDOW_BYTES;
/** How many accumulators fit between `MEM.many` and the key tables (480): a longer list goes in chunks. */
export const MANY_MAX = Math.floor((MEM.tables - MEM.many) / (96 + 32));
