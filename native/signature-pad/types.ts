/** A point of a signature, in the pad's own units; pressure 0..1 (0 only at a lift). */
export interface StrokePoint {
  x: number;
  y: number;
  pressure: number;
  /** Milliseconds since the signature started, when the source knows it. */
  t?: number;
}
export type Stroke = StrokePoint[];

/** What every pad hands over: the strokes and the size of the area they were drawn in. */
export interface Signature {
  strokes: Stroke[];
  width: number;
  height: number;
}

/**
 * A signature pad: the touch screen of the citizen page (touch.ts) or a HID pad (hid-pad.ts),
 * chosen by config like the ID reader. Both end in the same Signature, so the form and the consent
 * PDF draw either the same way.
 */
export interface SignaturePad {
  readonly kind: 'touch' | 'hid';
  /** Start a fresh capture (clears the pad's screen where it has one). */
  begin(): Promise<void>;
  /** End the capture and hand over what was drawn; null when nothing was. */
  finish(): Promise<Signature | null>;
  close(): Promise<void>;
}
