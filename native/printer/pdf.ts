import { readFile } from 'node:fs/promises';
import { PrintError } from './errors';
import type { PrintDocument } from './types';

/** Loads the document and checks it is a PDF, so a bad file fails here and not on the printer. */
export async function readPdf(pdf: PrintDocument['pdf']): Promise<Uint8Array> {
  let bytes: Uint8Array;
  if (pdf instanceof Uint8Array) bytes = pdf;
  else {
    try {
      bytes = await readFile(pdf.path);
    } catch (e) {
      throw new PrintError('DOCUMENT_INVALID', {
        detail: `cannot read ${pdf.path}: ${(e as Error).message}`,
        cause: e,
      });
    }
  }
  if (!isPdf(bytes)) throw new PrintError('DOCUMENT_INVALID', { detail: 'data does not start with %PDF-' });
  return bytes;
}

export function isPdf(bytes: Uint8Array): boolean {
  // The header may follow up to 1024 bytes of junk (PDF 32000 7.5.2 implementation note).
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1');
  return head.includes('%PDF-');
}
