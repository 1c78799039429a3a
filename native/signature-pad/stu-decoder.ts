import type { Signature, Stroke } from './types';

/**
 * Wacom STU-540 style pen reports, as publicly reverse-engineered (UNCONFIRMED on a device; see
 * docs/citizen-screen.md). Report 0x01, pen data, 7 bytes:
 *   [0] 0x01
 *   [1] bit 7: pen in range (rdy), bit 4: tip down (sw), bits 3..0: pressure bits 11..8
 *   [2] pressure bits 7..0 (0..1023 used: 1,024 levels)
 *   [3..4] x, big-endian; [5..6] y, big-endian (0..STU540_AREA)
 * Other report ids (0x20 clear, 0x21 ink mode, 0x25–0x27 image, 0x2A writing area) are commands
 * to the pad, never pen data, and are skipped.
 */
export const PEN_REPORT = 0x01;
export const STU540_AREA = { width: 9600, height: 6000 } as const;
export const MAX_PRESSURE = 1023;

export interface PenPoint {
  inRange: boolean;
  down: boolean;
  pressure: number;
  x: number;
  y: number;
}

export type DecodeProblem = 'SIGPAD_SHORT_REPORT' | 'SIGPAD_OUT_OF_AREA' | 'SIGPAD_PRESSURE';

/** One report -> a pen point, null for a report that is not pen data, or a problem code. */
export function decodePenReport(r: Uint8Array): PenPoint | null | DecodeProblem {
  if (r.length === 0 || r[0] !== PEN_REPORT) return null;
  if (r.length < 7) return 'SIGPAD_SHORT_REPORT';
  const b1 = r[1]!;
  const pressure = ((b1 & 0x0f) << 8) | r[2]!;
  const x = (r[3]! << 8) | r[4]!;
  const y = (r[5]! << 8) | r[6]!;
  if (pressure > MAX_PRESSURE) return 'SIGPAD_PRESSURE';
  if (x > STU540_AREA.width || y > STU540_AREA.height) return 'SIGPAD_OUT_OF_AREA';
  return { inRange: (b1 & 0x80) !== 0, down: (b1 & 0x10) !== 0 && pressure > 0, pressure, x, y };
}

export interface DecodeResult {
  signature: Signature;
  /** Reports dropped, by reason; a bad report never ends the capture or invents a point. */
  dropped: Partial<Record<DecodeProblem, number>>;
}

/** Pure: a sequence of reports -> strokes. A stroke runs from tip down to tip up (or out of range). */
export function decodeReports(reports: Iterable<Uint8Array>): DecodeResult {
  const strokes: Stroke[] = [];
  const dropped: DecodeResult['dropped'] = {};
  let open: Stroke | null = null;
  for (const r of reports) {
    const p = decodePenReport(r);
    if (p === null) continue;
    if (typeof p === 'string') {
      dropped[p] = (dropped[p] ?? 0) + 1;
      continue;
    }
    if (p.down && p.inRange) {
      if (!open) strokes.push((open = []));
      open.push({ x: p.x, y: p.y, pressure: p.pressure / MAX_PRESSURE });
    } else open = null;
  }
  return { signature: { strokes, width: STU540_AREA.width, height: STU540_AREA.height }, dropped };
}

/** The inverse, for tests and the simulated pad. */
export function encodePenReport(p: PenPoint): Uint8Array {
  const b1 = (p.inRange ? 0x80 : 0) | (p.down ? 0x10 : 0) | ((p.pressure >> 8) & 0x0f);
  return Uint8Array.from([PEN_REPORT, b1, p.pressure & 0xff, p.x >> 8, p.x & 0xff, p.y >> 8, p.y & 0xff]);
}
