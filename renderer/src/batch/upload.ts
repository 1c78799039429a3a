import type { OpResult } from '../../../electron/api/contract';
import { call } from '../api/client';

/** Matches the terminal's chunk limit (electron/services/batch/uploads.ts). */
const CHUNK = 512 * 1024;

function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Sends a chosen file to the terminal in chunks; the last answer carries the preview. */
export async function uploadList(file: File, onSent: (bytes: number) => void): Promise<OpResult<'batch.upload'>> {
  let uploadId: string | undefined;
  for (let off = 0; ; off += CHUNK) {
    const chunk = new Uint8Array(await file.slice(off, off + CHUNK).arrayBuffer());
    const r = await call('batch.upload', {
      ...(uploadId ? { uploadId } : {}),
      fileName: file.name,
      size: file.size,
      offset: off,
      data: toBase64(chunk),
    });
    uploadId = r.uploadId;
    onSent(r.received);
    if (r.complete) return r;
  }
}
