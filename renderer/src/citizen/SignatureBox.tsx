import { useEffect, useRef } from 'react';
import SignaturePad from 'signature_pad';
import { CITIZEN_TEXTS, type CitizenLang } from './texts';

/** The touch-screen signature pad (signature_pad): mouse, pen and finger. */
export function SignatureBox({ lang }: { lang: CitizenLang }) {
  const t = CITIZEN_TEXTS[lang];
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const c = canvas.current;
    c.width = c.offsetWidth;
    c.height = c.offsetHeight;
    pad.current = new SignaturePad(c, { minWidth: 1, maxWidth: 3 });
    return () => pad.current?.off();
  }, []);
  return (
    <div className="cz-sign">
      <p>{t.sign}</p>
      <canvas ref={canvas} data-testid="cz-signature" aria-label={t.sign} />
      <button type="button" className="cz-big" onClick={() => pad.current?.clear()}>
        {t.clear}
      </button>
    </div>
  );
}
