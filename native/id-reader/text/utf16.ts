const UTF16 = new TextDecoder('utf-16le');

function isPad(c: number): boolean {
  // Cards pad with spaces; NULs show up on some readers and on blank fields.
  return c === 0x20 || c === 0 || c === 0x3000 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Decodes a UTF-16LE field and strips the padding on both ends. */
export function decodeField(bytes: Uint8Array): string {
  const s = UTF16.decode(bytes);
  let a = 0;
  let b = s.length;
  while (a < b && isPad(s.charCodeAt(a))) a++;
  while (b > a && isPad(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}
