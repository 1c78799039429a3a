import { useEffect, useRef, useState } from 'react';
import SignaturePad from 'signature_pad';
import type { OpResult } from '../../../electron/api/contract';
import { ApiCallError, call } from '../api/client';
import { i18n } from '../i18n';
import { CITIZEN_TEXTS, type CitizenLang } from './texts';

type Sign = NonNullable<OpResult<'citizen.view'>['sign']>;

/**
 * The touch-screen signature pad (signature_pad: mouse, pen and finger) for the document the view
 * names; its hash goes back with the strokes, so a document changed meanwhile is refused, not signed.
 */
export function SignatureBox({ lang, sign }: { lang: CitizenLang; sign: Sign }) {
  const t = CITIZEN_TEXTS[lang];
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);
  const [empty, setEmpty] = useState(true);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!canvas.current || sign.state !== 'pending' || sign.pad !== 'touch') return;
    const c = canvas.current;
    c.width = c.offsetWidth;
    c.height = c.offsetHeight;
    const p = new SignaturePad(c, { minWidth: 1, maxWidth: 3 });
    p.addEventListener('endStroke', () => setEmpty(p.isEmpty()));
    pad.current = p;
    return () => p.off();
  }, [sign.state, sign.hash, sign.pad]);

  const fail = (e: unknown) =>
    setError(e instanceof ApiCallError ? i18n.getFixedT(lang)(`errors.${e.code}`, e.error.params ?? {}) : String(e));
  // A HID pad: the strokes are the pad's; the screen only says "done".
  const sendPad = () =>
    call('citizen.sign', { hash: sign.hash }).then(
      () => setError(null),
      (e: unknown) => fail(e),
    );
  const send = async () => {
    const p = pad.current;
    const c = canvas.current;
    if (!p || !c || p.isEmpty()) return;
    const data = p.toData();
    const t0 = data[0]?.points[0]?.time ?? 0;
    try {
      await call('citizen.sign', {
        hash: sign.hash,
        width: c.width,
        height: c.height,
        strokes: data
          .filter((g) => g.points.length)
          .map((g) => g.points.map((q) => ({ x: q.x, y: q.y, pressure: q.pressure || 0.5, t: q.time - t0 }))),
      });
      setError(null);
    } catch (e) {
      fail(e);
    }
  };

  const title = lang === 'en' ? sign.title.en : sign.title.zh;
  const signer = lang === 'en' ? sign.signer.en : sign.signer.zh;
  return (
    <div className="cz-sign" data-testid="cz-sign" data-state={sign.state}>
      <h2>{title}</h2>
      {sign.rows.length > 0 && (
        <dl className="cz-doc" data-testid="cz-doc">
          {sign.rows.map((r) => (
            <div key={r.label.zh}>
              <dt>{lang === 'en' ? r.label.en : r.label.zh}</dt>
              <dd>{r.value || '—'}</dd>
            </div>
          ))}
        </dl>
      )}
      {sign.state === 'signed' ? (
        <p className="cz-signed" data-testid="cz-signed">
          {t.signed}
        </p>
      ) : sign.pad === 'hid' ? (
        <>
          <p data-testid="cz-sign-on-pad">
            {t.confirm} ({signer}) {t.onPad}
          </p>
          <button type="button" className="cz-big cz-on" onClick={() => void sendPad()}>
            {t.done}
          </button>
          {error && <p role="alert">{error}</p>}
        </>
      ) : (
        <>
          <p>
            {t.confirm} ({signer})
          </p>
          <canvas ref={canvas} data-testid="cz-signature" aria-label={t.sign} />
          <button
            type="button"
            className="cz-big"
            onClick={() => {
              pad.current?.clear();
              setEmpty(true);
            }}
          >
            {t.clear}
          </button>
          <button type="button" className="cz-big cz-on" disabled={empty} onClick={() => void send()}>
            {t.done}
          </button>
          {error && <p role="alert">{error}</p>}
        </>
      )}
    </div>
  );
}
