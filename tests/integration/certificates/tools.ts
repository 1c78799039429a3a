import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function hasTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

export const tmp = (): string => mkdtempSync(join(tmpdir(), 'cert-test-'));

export function writePdf(dir: string, name: string, pdf: Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return file;
}

/** `raw` keeps content-stream order, so rotated text (the watermark) comes out in one piece. */
export function pdfText(file: string, raw = false): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', ...(raw ? ['-raw'] : []), file, '-'], { encoding: 'utf8' });
}

export function pdfFonts(file: string): string {
  return execFileSync('pdffonts', [file], { encoding: 'utf8' });
}

export function pageCount(file: string): number {
  const m = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
  return Number(m?.[1]);
}

/** Fraction of dark pixels on each page, rendered in grey at low resolution. */
export function darkFractions(file: string, dpi = 30): number[] {
  const dir = tmp();
  execFileSync('pdftoppm', ['-gray', '-r', String(dpi), file, join(dir, 'p')]);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.pgm'))
    .sort()
    .map((f) => {
      const buf = readFileSync(join(dir, f));
      // P5 header: magic, width, height, maxval, each followed by whitespace.
      const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 50).toString('latin1'));
      if (!header) throw new Error(`not a PGM: ${f}`);
      const pixels = buf.subarray(header[0].length);
      let dark = 0;
      for (const p of pixels) if (p < 160) dark++;
      return dark / pixels.length;
    });
}

/** Decodes the QR codes on one page with zbarimg (zbar-tools). */
export function decodeQr(file: string, page: number, dpi = 150): string[] {
  const dir = tmp();
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), file, join(dir, 'q')]);
  const png = readdirSync(dir).find((f) => f.endsWith('.png'));
  if (!png) throw new Error('pdftoppm rendered nothing');
  const r = spawnSync('zbarimg', ['-q', '--raw', join(dir, png)], { encoding: 'utf8' });
  return r.stdout.split('\n').filter(Boolean);
}
