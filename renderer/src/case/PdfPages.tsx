import { GlobalWorkerOptions, getDocument } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef } from 'react';

GlobalWorkerOptions.workerSrc = workerUrl;

/**
 * Draws each PDF page on a canvas with pdf.js, so the preview looks the same in any browser and in
 * the desktop app, with no PDF plugin. eval stays off: the CSP has no 'unsafe-eval'.
 */
export function PdfPages({
  bytes,
  width = 760,
  onReady,
}: {
  bytes: Uint8Array;
  width?: number;
  onReady?: (pages: number) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cancelled = false;
    const task = getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: false });
    void task.promise.then(async (pdf) => {
      const host = box.current;
      if (!host) return;
      host.replaceChildren();
      for (let n = 1; n <= pdf.numPages && !cancelled; n++) {
        const page = await pdf.getPage(n);
        const base = page.getViewport({ scale: 1 });
        const viewport = page.getViewport({ scale: (width / base.width) * (window.devicePixelRatio || 1) });
        const canvas = document.createElement('canvas');
        canvas.width = viewport.width;
        canvas.height = viewport.height;
        canvas.style.width = `${width}px`;
        canvas.className = 'pdf-page';
        host.appendChild(canvas);
        await page.render({ canvas, viewport }).promise;
      }
      if (!cancelled) onReady?.(pdf.numPages);
    });
    return () => {
      cancelled = true;
      void task.destroy();
    };
  }, [bytes, width, onReady]);
  return <div ref={box} className="pdf-pages" />;
}
