// fontkit ships no types; pdfkit (which depends on it) accepts any object with layout().
declare module 'fontkit' {
  export interface FontkitFont {
    postscriptName: string;
    ascent: number;
    unitsPerEm: number;
    layout(text: string): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): FontkitFont;
}
