import type { Signature, SignaturePad } from './types';

/**
 * The citizen screen's touch pad (signature_pad in the page). The strokes arrive with
 * citizen.sign; this holds the one drawn since begin() so both pads end the same way.
 */
export class TouchSignaturePad implements SignaturePad {
  readonly kind = 'touch' as const;
  private drawn: Signature | null = null;

  /** The page's strokes for the capture in progress. */
  submit(s: Signature): void {
    this.drawn = s;
  }

  async begin(): Promise<void> {
    this.drawn = null;
  }

  async finish(): Promise<Signature | null> {
    const s = this.drawn;
    this.drawn = null;
    return s && s.strokes.some((k) => k.length) ? s : null;
  }

  async close(): Promise<void> {
    this.drawn = null;
  }
}
