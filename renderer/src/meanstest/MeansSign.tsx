import { useEffect, useRef, useState } from 'react';
import SignaturePad from 'signature_pad';
import type { OpResult } from '../../../electron/api/contract';
import { call } from '../api/client';
import type { CitizenLang } from '../citizen/texts';

type Request = NonNullable<OpResult<'means.signRequest'>>;

const TEXTS = {
  'zh-CN': {
    intro: '请阅读授权内容，确认后在下方签名',
    signer: '签名人',
    forMember: '代为签名（监护人）',
    months: '核对近 {{n}} 个月的下列信息：',
    clear: '重写',
    done: '确认签名',
    thanks: '已收到您的签名',
  },
  en: {
    intro: 'Please read the authorisation, then sign below',
    signer: 'Signing',
    forMember: 'on behalf of (guardian)',
    months: 'The last {{n}} months of these records are checked:',
    clear: 'Clear',
    done: 'Sign',
    thanks: 'Your signature was received',
  },
} as const;

/**
 * The citizen screen's side of the household check's consent: while the clerk asks for a member's
 * signature, the authorisation's summary and a pad; the strokes go to the terminal, which binds
 * them to the document's hash. Polls: the ask comes from the clerk's page, not from citizen.changed.
 */
export function MeansSign({ lang }: { lang: CitizenLang }) {
  const t = TEXTS[lang];
  const [req, setReq] = useState<Request | null>(null);
  const [sent, setSent] = useState(false);
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);
  useEffect(() => {
    let alive = true;
    const tick = () =>
      void call('means.signRequest', {})
        .then(
          (r) =>
            alive && setReq((old) => (old?.documentHash === r?.documentHash && old?.signer === r?.signer ? old : r)),
        )
        .catch(() => undefined);
    tick();
    const id = setInterval(tick, 700);
    return () => {
      alive = false;
      clearInterval(id);
    };
  }, []);
  useEffect(() => {
    setSent(false);
    if (!req || !canvas.current) return;
    const c = canvas.current;
    c.width = c.offsetWidth;
    c.height = c.offsetHeight;
    pad.current = new SignaturePad(c, { minWidth: 1, maxWidth: 3 });
    return () => pad.current?.off();
  }, [req]);
  if (!req) return null;
  const submit = () => {
    const p = pad.current;
    const c = canvas.current;
    if (!p || !c || p.isEmpty()) return;
    const strokes = p
      .toData()
      .map((g) => g.points.map((pt) => ({ x: pt.x, y: pt.y, pressure: Math.min(1, Math.max(0, pt.pressure || 0.5)) })))
      .filter((s) => s.length > 0);
    void call('means.sign', {
      caseId: req.caseId,
      documentHash: req.documentHash,
      signature: { strokes, width: c.width, height: c.height },
    })
      .then(() => setSent(true))
      .catch(() => undefined);
  };
  return (
    <section className="cz-case" data-testid="cz-means-sign">
      <h2>{req.title[lang === 'en' ? 'en' : 'zh']}</h2>
      {sent ? (
        <p data-testid="cz-means-thanks">{t.thanks}</p>
      ) : (
        <>
          <p>{t.intro}</p>
          <p>
            {t.signer}: {req.signer}
            {req.forMember && ` · ${t.forMember}: ${req.forMember}`}
          </p>
          <p>{t.months.replace('{{n}}', String(req.windowMonths))}</p>
          <ul>
            {req.sources.map((s) => (
              <li key={s.zh}>{lang === 'en' ? s.en : s.zh}</li>
            ))}
          </ul>
          <div className="cz-sign">
            <canvas ref={canvas} data-testid="cz-means-pad" />
            <button type="button" className="cz-big" onClick={() => pad.current?.clear()}>
              {t.clear}
            </button>
            <button type="button" className="cz-big" data-testid="cz-means-done" onClick={submit}>
              {t.done}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
