import { AppError } from '../errors';
import type { Signature } from './types';

/** Limits that fit any real signature (a few seconds at 200 Hz) and keep a hostile one small. */
export const MAX_STROKES = 200;
export const MAX_POINTS = 20_000;

/**
 * A signature as it is stored: finite points inside its area, pressure 0..1, at least one point.
 * The touch screen and a HID pad both pass through here; garbage is refused, never stored.
 */
export function checkSignature(s: Signature): Signature {
  const bad = (why: string) => new AppError('SIGNATURE_INVALID', `Signature refused: ${why}.`, { params: { why } });
  if (!(s.width > 0 && s.height > 0 && s.width <= 100_000 && s.height <= 100_000)) throw bad('area');
  const strokes = s.strokes.filter((k) => k.length > 0);
  if (!strokes.length) throw bad('empty');
  if (strokes.length > MAX_STROKES) throw bad('strokes');
  let n = 0;
  const clean = strokes.map((k) =>
    k.map((p) => {
      if (++n > MAX_POINTS) throw bad('points');
      if (![p.x, p.y, p.pressure].every(Number.isFinite)) throw bad('number');
      return {
        x: Math.min(Math.max(p.x, 0), s.width),
        y: Math.min(Math.max(p.y, 0), s.height),
        // signature_pad reports 0 for a mouse; it still drew, so count it as a light press.
        pressure: Math.min(Math.max(p.pressure, 0), 1) || 0.5,
        ...(p.t !== undefined && Number.isFinite(p.t) ? { t: Math.round(p.t) } : {}),
      };
    }),
  );
  return { strokes: clean, width: s.width, height: s.height };
}
